"""The request path on PostgreSQL: a unique-key race ends 201 + 409 (not 500), a foreign-key
violation 409, with the constraint's own message (``contoh`` service, shared/tests/conftest.py)."""
from __future__ import annotations

from kinerja_shared.testing.race import collide


def test_two_simultaneous_creations_on_a_unique_key_answer_201_and_409(contoh, make_pg_database):
    rt = contoh(make_pg_database("kinerja_contoh"))
    app = rt.create_app()

    def post():
        return app.test_client().post("/barang", json={"kode": "SAMA"})

    first, second = collide(rt, post, post)

    assert (first.status_code, second.status_code) == (201, 409)
    body = second.get_json()
    assert body["type"].endswith("/duplicate")
    assert body["detail"] == "Kode barang sudah dipakai."  # conflict_messages, by constraint name
    assert app.test_client().get("/barang").get_json() == [first.get_json()]


def test_a_foreign_key_violation_answers_409_referenced(contoh, make_pg_database):
    rt = contoh(make_pg_database("kinerja_contoh"))
    r = rt.create_app().test_client().post("/barang", json={"kode": "B", "induk_id": "tidak-ada"})
    assert r.status_code == 409
    assert r.get_json()["type"].endswith("/referenced")


def test_a_value_postgresql_cannot_store_answers_422(contoh, make_pg_database):
    rt = contoh(make_pg_database("kinerja_contoh"))
    r = rt.create_app().test_client().post("/barang", json={"kode": "A\u0000B"})
    assert r.status_code == 422
    assert r.content_type == "application/problem+json"
