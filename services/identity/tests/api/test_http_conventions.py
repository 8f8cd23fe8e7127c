"""identity's answers follow the suite's HTTP conventions (docs/ARCHITECTURE.md): every create
answers 201 with a `Location` that answers GET, every DELETE 204 without a body, and a
duplicate that slips past the service's own check meets the unique key with the same 409."""
from __future__ import annotations

import threading

import pytest

from identity.service_layer import instansi as instansi_svc
from identity.service_layer import pegawai as pegawai_svc
from identity.service_layer import periode as periode_svc
from identity.service_layer import unor as unor_svc


def created(api, url: str, headers: dict, body: dict | None = None, **kw) -> tuple[dict, str]:
    r = api.client.post(url, headers=headers, json=body, **kw)
    assert r.status_code == 201, r.get_json()
    return r.get_json(), r.headers["Location"]


def test_every_create_names_what_it_made_and_the_location_answers_get(api, instansi, make_nip):
    h = instansi.admin
    made, where = created(api, "/instansi", api.admin, {"nama": "Dinas Lokasi"})
    assert where == f"/instansi/{made['id']}" and api.ok("get", where, api.admin) == made
    made, where = created(api, "/unor", h, {"instansi_id": instansi.id, "nama": "Seksi Lokasi"})
    assert where == f"/unor/{made['id']}" and api.ok("get", where, h) == made
    made, where = created(api, "/pegawai", h, {"nip": make_nip(), "nama": "Pegawai Lokasi",
                                               "unor_id": instansi.bidang})
    assert where == f"/pegawai/{made['id']}" and api.ok("get", where, h) == made
    made, where = created(api, "/pegawai/non-asn", h, {"nik": "3316012208700009",
                                                       "nama": "Non ASN", "unor_id": instansi.badan})
    assert where == f"/pegawai/{made['id']}" and api.ok("get", where, h) == made
    made, where = created(api, "/plt-plh", h, {"pegawai_id": instansi.staf["id"], "jenis": "PLH",
                                               "unor_id": instansi.bidang, "mulai": "2025-03-01"})
    assert where == f"/plt-plh/{made['id']}" and api.ok("get", where, h) == made
    made, where = created(api, "/periode", h, {
        "instansi_id": instansi.id, "tahun": 2030, "nama": "Januari 2030", "awal": "01-01",
        "akhir": "01-31", "batas_pengisian": "02-05"})
    assert where == f"/periode/{made['id']}" and api.ok("get", where, h) == made


def test_generated_periods_are_located_as_the_list_of_their_year(api, instansi):
    made, where = created(api, "/periode/generate", instansi.admin,
                          {"instansi_id": instansi.id, "tahun": 2031, "skema": "TRIWULAN"})
    assert where.startswith("/periode?") and f"instansi_id={instansi.id}" in where
    assert "tahun=2031" in where
    assert api.ok("get", where, instansi.admin) == made and len(made) == 5


def test_a_rotated_key_is_located_and_answers_get(api, instansi):
    made, where = created(api, "/auth/kunci", api.admin)
    assert where == f"/auth/kunci/{made['kid']}"
    assert api.ok("get", where, api.admin) == made and made["menunggu"]
    assert api.client.get(where, headers=instansi.admin).status_code == 403
    assert api.client.get("/auth/kunci/tidak-ada", headers=api.admin).status_code == 404
    api.ok("delete", where, api.admin, 204)
    assert api.ok("get", where, api.admin)["aktif"] is False  # a retired key still answers


def test_every_delete_answers_204_without_a_body(api, instansi, make_nip):
    h = instansi.admin
    plt = api.ok("post", "/plt-plh", h, 201, json={
        "pegawai_id": instansi.staf["id"], "unor_id": instansi.bidang, "jenis": "PLT",
        "mulai": "2025-01-01"})
    periode = api.ok("post", "/periode/generate", h, 201,
                     json={"instansi_id": instansi.id, "tahun": 2032, "skema": "TAHUNAN"})[0]
    orang = instansi.pegawai("Akan Pergi", instansi.bidang)
    unor = instansi.unor("Akan Dibubarkan", instansi.badan)
    kid = api.ok("post", "/auth/kunci", api.admin, 201)["kid"]
    for url, headers in ((f"/plt-plh/{plt['id']}", h), (f"/periode/{periode['id']}", h),
                         (f"/pegawai/{orang['id']}", h), (f"/unor/{unor}", h),
                         (f"/auth/kunci/{kid}", api.admin)):
        r = api.client.delete(url, headers=headers)
        assert (r.status_code, r.get_data()) == (204, b""), url


def test_a_login_ignores_a_stale_token_sent_along(api, instansi):
    """Public endpoints authenticate nobody: an expired or foreign token in the header does
    not turn the login (or the JWKS) into a 401."""
    stale = {"Authorization": "Bearer not-a-token-any-more"}
    r = api.client.post("/auth/login", headers=stale,
                        json={"nip": instansi.staf["nip"], "password": api.password})
    assert r.status_code == 200, r.get_json()
    assert api.client.get("/.well-known/jwks.json", headers=stale).status_code == 200


@pytest.mark.parametrize("check, url, body, detail", [
    ((pegawai_svc, "_duplikat"), "/pegawai", lambda i, nip: {
        "nip": nip, "nama": "Kembar", "unor_id": i.bidang}, pegawai_svc.NIP_DIPAKAI),
    ((pegawai_svc, "_duplikat"), "/pegawai/non-asn", lambda i, nip: {
        "nik": "3316012208700077", "nama": "Kembar", "unor_id": i.badan}, pegawai_svc.NIK_DIPAKAI),
    ((unor_svc, "_kode_dipakai"), "/unor", lambda i, nip: {
        "instansi_id": i.id, "nama": "Kembar", "kode": "KEMBAR"}, unor_svc.KODE_DIPAKAI),
    ((instansi_svc, "_kode_dipakai"), "/instansi", lambda i, nip: {
        "nama": "Kembar", "kode": f"KEMBAR-{nip}"}, instansi_svc.KODE_DIPAKAI),
    ((periode_svc.rules, "ada_final_lain"), "/periode", lambda i, nip: {
        "instansi_id": i.id, "tahun": 2033, "nama": "Final", "awal": "01-01", "akhir": "12-31",
        "batas_pengisian": "01-31", "final": True}, periode_svc.SATU_FINAL),
])
def test_a_duplicate_past_the_check_meets_the_unique_key_with_the_same_message(
        api, instansi, make_nip, monkeypatch, check, url, body, detail):
    """As when two requests pass the check at once: the unique key refuses the second, with
    the answer the check gives."""
    data = body(instansi, make_nip())
    headers = api.admin if url == "/instansi" else instansi.admin
    api.ok("post", url, headers, 201, json=data)
    by_check = api.client.post(url, headers=headers, json=data)
    monkeypatch.setattr(*check, lambda *a, **kw: False)
    by_key = api.client.post(url, headers=headers, json=data)
    for r in (by_check, by_key):
        assert r.status_code == 409, r.get_json()
        assert r.get_json()["detail"] == detail and r.get_json()["type"].endswith("/duplicate")


def test_two_simultaneous_creations_of_one_nip_give_one_201_and_one_409(app, api, instansi,
                                                                       make_nip):
    body = {"nip": make_nip(), "nama": "Serentak", "unor_id": instansi.bidang}
    headers = instansi.admin
    start, answers = threading.Barrier(2), []

    def post():
        client = app.test_client()
        start.wait()
        r = client.post("/pegawai", headers=headers, json=body)
        answers.append((r.status_code, r.get_json()))

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(s for s, _ in answers) == [201, 409], answers
    assert next(b for s, b in answers if s == 409)["detail"] == pegawai_svc.NIP_DIPAKAI
