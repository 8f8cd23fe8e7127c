"""The suite's HTTP conventions on penilaian (docs/ARCHITECTURE.md, "HTTP conventions"): every
create answers 201 with a Location that answers GET with the new child, every DELETE 204
without a body, every write the penilaian (the body of GET /penilaian/{id}), lists paged."""
from __future__ import annotations

import json
import threading
from datetime import date

from kinerja_shared.events.contracts import skp as skpev
from penilaian.service_layer import capaian

SESUAI = "SESUAI_EKSPEKTASI"


def _pp30(world, client):
    world.periode(final=True)
    peg, pen = world.pegawai(), world.pegawai()
    skp_id = world.id("skp")
    world.skp(peg, pen, model="PP_30_2019", skp_id=skp_id, rhk=[skpev.RhkSnapshot(
        id=f"{skp_id}-k1", jenis="UTAMA", uraian="Kegiatan", target_kuantitas="10",
        satuan="dokumen", target_kualitas="100", target_waktu="12")])
    return peg, pen, world.penilaian(client, peg)[0]["id"]


def _get(client, location, headers):
    r = client.get(location, headers=headers)
    assert r.status_code == 200, (location, r.json)
    return r.json


def test_pp30_entries_are_created_at_their_location_and_deleted_with_204(world, client):
    peg, pen, pid = _pp30(world, client)
    for path, jumlah in (("tugas-tambahan", 4), ("kreativitas", 2)):
        url = f"/penilaian/{pid}/pp30/{path}"
        r = client.post(url, json={"uraian": "Entri", "jumlah": jumlah}, headers=world.h(peg))
        assert r.status_code == 201, r.json
        location = r.headers["Location"]
        assert location.startswith(f"{url}/")
        entry = _get(client, location, world.h(pen))
        assert (entry["uraian"], entry["jumlah"], entry["penilaian_id"]) == ("Entri", jumlah, pid)
        # the body is the penilaian, with the new entry in it
        assert r.json["id"] == pid and entry["id"] in [t["id"] for t in r.json["pp30"]["tambahan"]]
        assert r.json == _get(client, f"/penilaian/{pid}", world.h(peg))
        d = client.delete(location, headers=world.h(peg))
        assert (d.status_code, d.data) == (204, b"")
        assert client.get(location, headers=world.h(peg)).status_code == 404
    assert client.post(f"/penilaian/{pid}/pp30/kreativitas", json={"uraian": "x", "jumlah": 4},
                       headers=world.h(peg)).status_code == 422  # the documented 1-3


def test_a_catatan_perilaku_is_created_at_its_location_and_deleted_with_204(world, client):
    world.periode()
    peg, pen = world.pegawai(), world.pegawai()
    world.skp(peg, pen)
    pid = world.penilaian(client, peg)[0]["id"]
    r = client.post(f"/penilaian/{pid}/catatan-perilaku",
                    json={"tanggal": "2099-02-01", "uraian": "Tepat waktu"}, headers=world.h(pen))
    assert r.status_code == 201, r.json
    catatan = _get(client, r.headers["Location"], world.h(peg))
    assert (catatan["tanggal"], catatan["uraian"]) == ("2099-02-01", "Tepat waktu")
    assert r.json["catatan_perilaku"] == [catatan]
    patched = client.patch(r.headers["Location"], json={"uraian": "Selalu tepat waktu"},
                           headers=world.h(pen))
    assert patched.status_code == 200 and patched.json["id"] == pid
    assert patched.json == _get(client, f"/penilaian/{pid}", world.h(pen))
    d = client.delete(r.headers["Location"], headers=world.h(pen))
    assert (d.status_code, d.data) == (204, b"")
    assert client.get(r.headers["Location"], headers=world.h(pen)).status_code == 404


def test_capaian_and_perpanjangan_are_created_at_their_location(world, client):
    periode = world.periode(tahun=2020, batas=date(2021, 1, 31))
    induk, admin = world.unor(), world.admin()
    r = client.post("/capaian-organisasi", json={"periode_id": periode, "unor_induk_id": induk,
                                                 "capaian": "BAIK"}, headers=admin)
    assert r.status_code == 201, r.json
    assert r.headers["Location"] == f"/capaian-organisasi/{r.json['id']}"
    assert _get(client, r.headers["Location"], admin) == r.json

    r = client.post("/perpanjangan", json={"periode_id": periode, "unor_id": induk,
                                           "batas_pengisian": "2099-01-31"}, headers=admin)
    assert r.status_code == 201, r.json
    assert r.headers["Location"] == f"/perpanjangan/{r.json['id']}"
    got = _get(client, r.headers["Location"], admin)
    assert got == r.json and (got["unor_id"], got["batas_pengisian"]) == (induk, "2099-01-31")
    # an admin of another instansi does not see it; a pegawai of this one may not read it
    other = world.minter.headers("adm-x", roles=["admin_instansi"], instansi_id="other")
    assert client.get(r.headers["Location"], headers=other).status_code == 404
    assert client.get(r.headers["Location"], headers=world.h(world.id("p"))).status_code == 403
    listed = client.get("/perpanjangan", query_string={"periode_id": periode}, headers=admin)
    assert [x["id"] for x in listed.json] == [got["id"]]
    assert json.loads(listed.headers["X-Pagination"])["total"] == 1


def test_the_documented_bounds_are_the_enforced_ones(world, client):
    periode = world.periode()
    admin = world.admin()
    # an http(s) URL, as the pattern in the document says; a long unor id is 422, never a 500
    for bukti, status in (("", 422), ("ftp://x/y", 422), ("https://drive.example/a", 201)):
        r = client.post("/capaian-organisasi", json={
            "periode_id": periode, "unor_induk_id": world.id("u"), "capaian": "BAIK",
            "bukti_dukung": bukti}, headers=admin)
        assert r.status_code == status, (bukti, r.json)
    r = client.post("/capaian-organisasi", json={"periode_id": periode, "unor_induk_id": "u" * 65,
                                                 "capaian": "BAIK"}, headers=admin)
    assert r.status_code == 422 and "unor_induk_id" in r.json["errors"]
    assert client.get("/penilaian", query_string={"tahun": 10 ** 12},
                      headers=admin).status_code == 422
    schemas = client.get("/openapi.json").json["components"]["schemas"]
    target = schemas["RealisasiPp30Input"]["properties"]["target_revisi"]
    assert (target["additionalProperties"], target["nullable"]) == (False, True)
    assert (target["properties"]["kuantitas"]["minimum"],
            target["properties"]["kuantitas"]["exclusiveMinimum"]) == (0, True)
    nilai = schemas["PerilakuPp30Input"]["properties"]["nilai"]
    assert nilai["additionalProperties"] is False and "KEPEMIMPINAN" in nilai["properties"]
    assert schemas["Penilaian"]["properties"]["nilai_skp"]["type"] == "string"


def test_pp30_bodies_are_refused_where_the_document_says(world, client):
    peg, _pen, pid = _pp30(world, client)
    real = {"kuantitas": 10, "kualitas": 100, "waktu": 12}
    skp_rhk = client.get(f"/penilaian/{pid}", headers=world.h(peg)).json["rhk"][0]["id"]
    url = f"/penilaian/{pid}/pp30/realisasi/{skp_rhk}"
    for revisi in ({"kuantitas": 0}, {"lain": 1}, {"kualitas": 101}):
        r = client.put(url, json={**real, "target_revisi": revisi}, headers=world.h(peg))
        assert r.status_code == 422, (revisi, r.json)
    assert client.put(url, json={**real, "target_revisi": None},
                      headers=world.h(peg)).status_code == 200
    r = client.put(url, json={**real, "target_revisi": {"kuantitas": 8, "biaya": None}},
                   headers=world.h(peg))
    assert r.status_code == 200 and r.json["pp30"]["realisasi"][0]["target_revisi"] == {
        "kuantitas": "8"}
    assert client.put(url, json={**real, "kuantitas": 10 ** 15},
                      headers=world.h(peg)).status_code == 422  # more than the column holds
    # a score too far off to compute or store is refused, not a 500, and nothing is kept
    far = client.put(url, json={**real, "waktu": 10 ** 13,
                                "target_revisi": {"waktu": "0.000000000001"}},
                     headers=world.h(peg))
    assert far.status_code == 422, far.json
    assert client.get(f"/penilaian/{pid}", headers=world.h(peg)).json["pp30"]["realisasi"][0][
        "target_revisi"] == {"kuantitas": "8"}


def test_two_simultaneous_creations_of_one_capaian_give_one_201_and_one_409(
        world, client, app, monkeypatch):
    """Both requests pass the check before either inserts: the unique key decides, and the
    loser is the same 409 with the same message as a late duplicate."""
    periode, induk, admin = world.periode(), world.unor(), world.admin()
    both_checked = threading.Barrier(2, timeout=10)
    check = capaian._sudah_ada

    def check_then_wait(s, unor_induk_id, periode_id):
        found = check(s, unor_induk_id, periode_id)
        both_checked.wait()
        return found

    monkeypatch.setattr(capaian, "_sudah_ada", check_then_wait)
    answers = []

    def create():
        answers.append(app.test_client().post("/capaian-organisasi", headers=admin, json={
            "periode_id": periode, "unor_induk_id": induk, "capaian": "BAIK"}))

    threads = [threading.Thread(target=create) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert sorted(r.status_code for r in answers) == [201, 409], [r.json for r in answers]
    lost = next(r for r in answers if r.status_code == 409)
    assert lost.json["detail"] == capaian.DUPLIKAT and lost.json["type"].endswith("/duplicate")
    monkeypatch.undo()
    late = client.post("/capaian-organisasi", headers=admin, json={
        "periode_id": periode, "unor_induk_id": induk, "capaian": "BAIK"})
    assert late.status_code == 409 and late.json["detail"] == capaian.DUPLIKAT
    won = next(r for r in answers if r.status_code == 201)
    assert late.json["id"] == won.json["id"]


def test_every_write_answers_the_penilaian(world, client):
    world.periode(final=True)
    peg, pen, rekan = world.pegawai(), world.pegawai(), world.pegawai()
    skp_id = world.skp(peg, pen, rekan={"KOLABORATIF": ("REKAN", rekan)})
    pid = world.penilaian(client, peg)[0]["id"]
    r = client.put(f"/penilaian/{pid}/rating", json={"rating_hasil_kerja": SESUAI,
                                                     "rating_perilaku": SESUAI},
                   headers=world.h(pen))
    assert r.status_code == 200 and r.json == _get(client, f"/penilaian/{pid}", world.h(pen))
    assert r.json["predikat"] == "BAIK"
    r = client.put(f"/penilaian/{pid}/realisasi/{skp_id}-i1", json={"realisasi": "12"},
                   headers=world.h(peg))
    assert r.json == _get(client, f"/penilaian/{pid}", world.h(peg))
    # the rekan sees the penilaian only for his aspect: who, which period, his aspect
    r = client.put(f"/penilaian/{pid}/perilaku/kolaboratif", json={"umpan_balik": "Kooperatif"},
                   headers=world.h(rekan))
    assert r.status_code == 200, r.json
    assert (r.json["id"], r.json["pegawai_id"], r.json["status"]) == (pid, peg, "DRAFT")
    assert [(x["aspek"], x["umpan_balik"]) for x in r.json["perilaku"]] == [
        ("KOLABORATIF", "Kooperatif")]
    assert "predikat" not in r.json and "realisasi" not in r.json
    assert client.get(f"/penilaian/{pid}", headers=world.h(rekan)).status_code == 404


def test_lists_are_paged_with_the_suites_sizes(world, client):
    world.periode()
    penilai = world.pegawai()
    for _ in range(3):
        world.skp(world.pegawai(), penilai)
    r = client.get("/penilaian", query_string={"page_size": 2}, headers=world.admin())
    assert len(r.json) == 2
    assert json.loads(r.headers["X-Pagination"])["total"] == 3
    r = client.get("/tugas-perilaku", headers=world.h(penilai))
    assert len(r.json) == 21 and json.loads(r.headers["X-Pagination"])["total"] == 21
    assert client.get("/penilaian", query_string={"page_size": 501},
                      headers=world.admin()).status_code == 422
