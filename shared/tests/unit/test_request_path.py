"""The one request path (docs/ARCHITECTURE.md, "The request path", "HTTP conventions") on the
``contoh`` service of shared/tests/conftest.py, on SQLite."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from kinerja_shared import clock
from kinerja_shared.db import CommitRefused, UndeclaredEvent, UnitOfWork
from kinerja_shared.errors import (Conflict, Forbidden, Invalid, NotFound, TooManyRequests,
                                   Unauthenticated, invalid)
from kinerja_shared.web.errors import domain_error_to_problem


@pytest.fixture
def rt(contoh, tmp_path):
    return contoh(f"sqlite:///{tmp_path}/contoh.db")


@pytest.fixture
def client(rt):
    return rt.create_app().test_client()


def test_create_answers_201_with_a_location_that_answers_get(client):
    r = client.post("/barang", json={"kode": "A1"})
    assert r.status_code == 201
    assert r.headers["Location"] == f"/barang/{r.get_json()['id']}"
    assert client.get(r.headers["Location"]).get_json()["kode"] == "A1"


def test_location_carries_the_gateway_prefix_behind_a_trusted_proxy(contoh, tmp_path):
    c = contoh(f"sqlite:///{tmp_path}/c.db", trusted_proxies=1).create_app().test_client()
    r = c.post("/barang", json={"kode": "A1"}, headers={"X-Forwarded-Prefix": "/api/contoh"})
    assert r.headers["Location"].startswith("/api/contoh/barang/")


def test_a_duplicate_answers_409_with_the_services_message(client):
    assert client.post("/barang", json={"kode": "A1"}).status_code == 201
    r = client.post("/barang", json={"kode": "A1"})
    assert r.status_code == 409
    assert r.get_json()["detail"] == "Kode barang sudah dipakai."
    assert r.content_type == "application/problem+json"


def test_delete_answers_204_and_a_missing_id_404(client):
    made = client.post("/barang", json={"kode": "A1"}).get_json()["id"]
    r = client.delete(f"/barang/{made}")
    assert (r.status_code, r.get_data()) == (204, b"")
    assert client.delete(f"/barang/{made}").status_code == 404


def test_lists_are_paged_with_x_pagination(client):
    for i in range(3):
        client.post("/barang", json={"kode": f"K{i}"})
    r = client.get("/barang?page=2&page_size=2")
    assert [b["kode"] for b in r.get_json()] == ["K2"]
    assert json.loads(r.headers["X-Pagination"])["total"] == 3
    assert client.get("/barang?page_size=501").status_code == 422


def test_a_refusal_rolls_back_what_the_function_wrote_and_its_events(client, rt):
    made = client.post("/barang", json={"kode": "A1"}).get_json()["id"]
    r = client.post(f"/barang/{made}/gagal")
    assert r.status_code == 409
    body = r.get_json()
    assert body["type"].endswith("/ditolak") and body["id"] == made
    assert client.get(f"/barang/{made}").get_json()["kode"] == "A1"
    with rt.engine.connect() as conn:
        assert conn.execute(select(rt.definition.metadata.tables["outbox"])).first() is None


def test_keep_changes_commits_what_was_written_before_the_refusal(client, rt):
    made = client.post("/barang", json={"kode": "A1"}).get_json()["id"]
    assert client.post(f"/barang/{made}/gagal?simpan=1").status_code == 409
    assert client.get(f"/barang/{made}").get_json()["kode"] == "DIUBAH"


def test_a_service_function_that_commits_is_refused(client, caplog):
    r = client.post("/barang/komit")
    assert r.status_code == 500
    assert any(isinstance(rec.exc_info and rec.exc_info[1], CommitRefused)
               for rec in caplog.records)


def test_an_undeclared_event_is_refused(client, caplog):
    made = client.post("/barang", json={"kode": "A1"}).get_json()["id"]
    assert client.post(f"/barang/{made}/lapor").status_code == 500
    assert any(isinstance(rec.exc_info and rec.exc_info[1], UndeclaredEvent)
               for rec in caplog.records)


def test_unit_of_work_outside_a_runner_stages_only_declared_events(rt):
    from kinerja_shared.events.contracts.identity import UnorDihapus, UnorDiperbarui

    with rt.uow() as uow:
        uow.add_event(UnorDiperbarui(id="u", instansi_id="i", nama="x"), aggregate_id="u")
        with pytest.raises(UndeclaredEvent, match="UnorDihapus"):
            uow.add_event(UnorDihapus(id="u", instansi_id="i"), aggregate_id="u")


def test_a_plain_unit_of_work_commits_outside_the_runner(rt):
    uow = UnitOfWork(rt.session_factory)
    with uow:
        uow.commit()
        with uow.held(), pytest.raises(CommitRefused):
            uow.commit()


@pytest.mark.parametrize("error, status, extra", [
    (NotFound(), 404, {}),
    (Forbidden(), 403, {}),
    (Conflict("Sudah disetujui.", code="status"), 409, {"type": "https://kinerja.dev/problems/status"}),
    (invalid("target", "Harus positif."), 422, {"errors": {"target": ["Harus positif."]}}),
    (Invalid({"a": "satu", "b": ["dua"]}), 422, {"errors": {"a": ["satu"], "b": ["dua"]}}),
    (Unauthenticated("NIP atau kata sandi salah."), 401, {}),
    (TooManyRequests(retry_after=30), 429, {}),
])
def test_each_domain_error_has_one_status(error, status, extra):
    problem = domain_error_to_problem(error)
    body = problem.to_dict()
    assert problem.status == status and body["status"] == status
    assert body["detail"]
    for key, value in extra.items():
        assert body[key] == value
    if status == 429:
        assert problem.headers["Retry-After"] == "30"
    if status == 401:
        assert problem.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("path, method, broken", [
    ("/rusak/tanpa-location", "post", "201 without a Location header"),
    ("/rusak/hapus-berisi", "delete", "DELETE answered 200"),
    ("/rusak/daftar", "get", "a list without paging"),
])
def test_an_answer_breaking_a_convention_fails_the_test_that_made_it(client, path, method,
                                                                      broken):
    r = getattr(client, method)(path)
    assert r.status_code == 500
    assert broken in r.get_json()["detail"]


def test_a_list_marked_unpaged_passes(client):
    assert client.get("/rusak/terbatas").get_json() == [1, 2, 3]


def test_conventions_are_not_checked_outside_tests(contoh, tmp_path):
    c = contoh(f"sqlite:///{tmp_path}/c.db", check_http_conventions=False)
    assert c.create_app().test_client().get("/rusak/daftar").status_code == 200


def test_the_clock_can_be_frozen_and_advanced():
    instant = datetime(2026, 1, 15, 23, 59, tzinfo=timezone.utc)
    with clock.frozen(instant) as c:
        assert clock.now() == instant
        c.advance(minutes=1)
        assert clock.now() == instant + timedelta(minutes=1)
    assert clock.now() > instant + timedelta(days=300)
    with pytest.raises(ValueError):
        with clock.frozen(datetime(2026, 1, 1)):
            pass


def test_the_document_states_bounds_problems_and_paging(client):
    spec = client.get("/openapi.json").get_json()
    props = spec["components"]["schemas"]["Harga"]["properties"]
    assert props["nilai"]["type"] == "string" and props["nilai"]["x-minimum"] == 0
    assert props["nilai"]["x-exclusiveMinimum"] is True and "minimum" not in props["nilai"]
    assert (props["jumlah"]["minimum"], props["jumlah"]["maximum"]) == (1, 10)
    assert props["persen"]["minimum"] == 0.5
    put = spec["paths"]["/barang/{barang_id}/harga"]["put"]
    error = spec["components"]["responses"][next(k for k in spec["components"]["responses"] if k.startswith("UNPROCESSABLE"))]
    assert "application/problem+json" in error["content"], put["responses"]
    page = {p["name"]: p["schema"] for p in spec["paths"]["/barang"]["get"]["parameters"]}
    assert (page["page"]["maximum"], page["page_size"]["maximum"]) == (1_000_000, 500)
    assert "content" in spec["components"]["headers"]["PAGINATION"]


def test_a_page_past_the_last_possible_is_422_not_500(client):
    assert client.get("/barang?page=100000000000000000000").status_code == 422


def test_once_before_commit_runs_each_key_once_in_the_transaction(rt):
    from kinerja_shared.events.contracts.identity import UnorDiperbarui

    built = []

    def snapshot(uow):
        built.append("u1")
        uow.add_event(UnorDiperbarui(id="u1", instansi_id="i", nama="x"), aggregate_id="u1")

    with rt.uow() as uow:
        for _ in range(3):
            uow.once_before_commit(("unor", "u1"), snapshot)
        uow.commit()
    assert built == ["u1"]
    with rt.uow() as uow:
        uow.once_before_commit(("unor", "u1"), snapshot)
        uow.rollback()
        uow.commit()
    assert built == ["u1"]  # a rollback forgets what was registered


@pytest.mark.parametrize("english, indonesian", [
    ("Shorter than minimum length 1.", "Panjang minimal 1."),
    ("Longer than maximum length 300.", "Panjang maksimal 300."),
    ("Must be greater than or equal to 0 and less than or equal to 100.", "Harus antara 0 dan 100."),
    ("Must be greater than 0.", "Harus lebih dari 0."),
    ("String does not match expected pattern.", "Format tidak sesuai."),
])
def test_validation_messages_with_values_reach_the_user_in_indonesian(english, indonesian):
    from kinerja_shared.web.errors import _translate

    assert _translate([english]) == [indonesian]
