"""skp on the suite's HTTP conventions (docs/ARCHITECTURE.md): every create answers 201 with a
``Location`` that answers GET with the new child; every DELETE answers 204 without a body; every
write answers the aggregate it changed (the body of GET on the aggregate's root); a concurrent
duplicate that passed every check is a 409 with skp's own message."""
from __future__ import annotations

import threading

import pytest

from skp.service_layer import perjanjian

TAHUN = {"periode_awal": "2026-01-01", "periode_akhir": "2026-12-31"}
PK = {"tahun": 2026, "sasaran": [{"uraian": "Pelayanan", "indikator": [
    {"uraian": "IKM", "target": 85, "satuan": "indeks"}]}]}


def _created(r) -> str:
    assert r.status_code == 201, r.json
    location = r.headers["Location"]
    assert location.startswith("/")
    return location


def _skp_with_parts(api, who="jf1") -> dict:
    """An SKP, an RHK and an indikator, each made through its create; their locations."""
    r = api.post(who, "/skp", TAHUN)
    skp_at = _created(r)
    sid = r.json["id"]
    r = api.post(who, f"/skp/{sid}/rhk", {"uraian": "Layanan"})
    rhk_at = _created(r)
    r = api.post(who, f"{rhk_at}/indikator",
                 {"uraian": "Dokumen", "aspek": "KUANTITAS", "target": 3, "satuan": "dokumen"})
    return {"sid": sid, "skp": skp_at, "rhk": rhk_at, "indikator": _created(r),
            "body": r.json}


def test_each_skp_create_names_the_new_child_and_answers_the_skp(api):
    made = _skp_with_parts(api)
    sid = made["sid"]
    assert made["skp"] == f"/skp/{sid}"
    skp = api.get("jf1", made["skp"]).json
    assert made["body"] == skp  # a create of a part answers the whole SKP, as GET does
    (rhk,) = skp["rhk"]
    assert made["rhk"] == f"/skp/{sid}/rhk/{rhk['id']}"
    (ind,) = rhk["indikator"]
    assert made["indikator"] == f"/skp/{sid}/rhk/{rhk['id']}/indikator/{ind['id']}"
    r = api.get("jf1", made["rhk"])
    assert r.status_code == 200 and r.json["id"] == rhk["id"] and r.json["uraian"] == "Layanan"
    assert r.json["indikator"] == [ind]
    r = api.get("jf1", made["indikator"])
    assert r.status_code == 200 and r.json == ind and r.json["target"] == "3"


def test_each_perjanjian_kinerja_create_names_the_new_child(api):
    r = api.post("kadis", "/perjanjian-kinerja", PK)
    pk_at = _created(r)
    pk = r.json
    assert pk_at == f"/perjanjian-kinerja/{pk['id']}" and api.get("kadis", pk_at).json == pk
    r = api.post("kadis", f"{pk_at}/sasaran", {"uraian": "Akuntabilitas"})
    sasaran_at = _created(r)
    assert r.json["id"] == pk["id"] and len(r.json["sasaran"]) == 2  # answers the PK
    r = api.get("kadis", sasaran_at)
    assert r.status_code == 200
    assert (r.json["uraian"], r.json["indikator"]) == ("Akuntabilitas", [])
    r = api.post("kadis", f"{sasaran_at}/indikator", {"uraian": "Nilai SAKIP", "target": 80,
                                                     "satuan": "nilai"})
    indikator_at = _created(r)
    assert r.json["sasaran"][1]["indikator"][0]["uraian"] == "Nilai SAKIP"
    r = api.get("kadis", indikator_at)
    assert r.status_code == 200 and (r.json["uraian"], r.json["target"]) == ("Nilai SAKIP", "80")
    assert api.get("admin", indikator_at).status_code == 200  # admins of the instansi read it
    for who in ("jf1", "admin_dki"):
        assert api.get(who, sasaran_at).status_code == 404
        assert api.get(who, indikator_at).status_code == 404


def test_every_delete_answers_204_without_a_body(api):
    made = _skp_with_parts(api)
    for path in (made["indikator"], made["rhk"], made["skp"]):
        r = api.delete("jf1", path)
        assert (r.status_code, r.data) == (204, b""), path
        assert api.get("jf1", path).status_code == 404
    pk = api.post("kadis", "/perjanjian-kinerja", PK).json
    sasaran = pk["sasaran"][0]
    base = f"/perjanjian-kinerja/{pk['id']}"
    for path in (f"{base}/sasaran/{sasaran['id']}/indikator/{sasaran['indikator'][0]['id']}",
                 f"{base}/sasaran/{sasaran['id']}", base):
        r = api.delete("kadis", path)
        assert (r.status_code, r.data) == (204, b""), path
        assert api.get("kadis", path).status_code == 404


def test_child_reads_are_checked_like_the_skp(api):
    made = _skp_with_parts(api)
    other = _skp_with_parts(api, "jf2")
    for path in (made["rhk"], made["indikator"], f"{made['rhk']}/matriks-peran"):
        assert api.get("jf2", path).status_code == 404  # another pegawai's SKP
        assert api.get("kabid1", path).status_code == 200  # his pejabat penilai
    rhk_id, ind_id = other["rhk"].rsplit("/", 1)[1], other["indikator"].rsplit("/", 1)[1]
    # the child of another SKP under this SKP's path is not there
    assert api.get("jf1", f"/skp/{made['sid']}/rhk/{rhk_id}").status_code == 404
    assert api.get("jf1", f"{made['rhk']}/indikator/{ind_id}").status_code == 404
    # nor can it be deleted through this SKP (the owner may edit his own SKP, not jf2's)
    r = api.delete("jf1", f"/skp/{made['sid']}/rhk/{rhk_id}/indikator/{ind_id}")
    assert r.status_code == 404
    assert api.get("jf2", other["indikator"]).status_code == 200  # untouched


def test_writes_to_parts_of_an_skp_answer_the_whole_skp(api):
    made = _skp_with_parts(api, "kabid1")
    sid, rhk = made["sid"], made["rhk"]
    writes = [
        ("kabid1", "patch", rhk, {"uraian": "Layanan prima"}),
        ("kabid1", "patch", made["indikator"], {"target": 4}),
        ("kabid1", "put", f"{made['indikator']}/manual", {"definisi": "Jumlah dokumen"}),
        ("kabid1", "put", f"{rhk}/matriks-peran", {"kolom": ["Susun"], "baris": [
            {"pegawai_id": "jf1", "jabatan_tim": "KETUA", "peran": ["Susun draf"]}]}),
        ("kabid1", "put", f"/skp/{sid}/perilaku/LOYAL", {"penilai": "BAWAHAN",
                                                         "penilai_pegawai_id": "jf2"}),
        ("kadis", "put", f"/skp/{sid}/perilaku/LOYAL/ekspektasi", {"ekspektasi_khusus": "Setia"}),
    ]
    for who, method, path, body in writes:
        r = getattr(api, method)(who, path, body)
        assert r.status_code == 200, (path, r.json)
        assert r.json == api.get(who, f"/skp/{sid}").json, path
    skp = api.get("kabid1", f"/skp/{sid}").json
    (r,) = skp["rhk"]
    assert r["uraian"] == "Layanan prima" and r["indikator"][0]["target"] == "4"
    assert r["indikator"][0]["manual"]["definisi"] == "Jumlah dokumen"
    assert r["matriks_peran"]["baris"][0]["peran"] == ["Susun draf"]
    loyal = next(p for p in skp["perilaku"] if p["aspek"] == "LOYAL")
    assert (loyal["penilai_pegawai_id"], loyal["ekspektasi_khusus"]) == ("jf2", "Setia")
    assert [h["aksi"] for h in skp["riwayat"]][-2:] == ["SET_PENILAI_PERILAKU", "UBAH_EKSPEKTASI"]


def test_lists_bounded_by_their_skp_are_unpaged_and_the_others_paged(api):
    made = _skp_with_parts(api)
    for path in ("/rhk", "/perilaku", "/riwayat", "/rhk-atasan"):
        r = api.get("jf1", f"/skp/{made['sid']}{path}")
        assert r.status_code == 200 and "X-Pagination" not in r.headers, path
    api.post("kadis", "/perjanjian-kinerja", PK)
    for who, path in (("jf1", "/skp"), ("kabid1", "/skp/bawahan"),
                      ("kadis", "/perjanjian-kinerja"), ("jf1", "/peran-saya")):
        r = api.get(who, f"{path}?page_size=1")
        assert r.status_code == 200 and '"total": ' in r.headers["X-Pagination"], path


@pytest.mark.timeout(60)
def test_two_simultaneous_perjanjian_kinerja_of_one_year_give_one_201_and_one_409(
        api, monkeypatch):
    """Both requests pass the "does that year's exist?" check before either inserts; the
    unique key lets one win, and the other is a 409 with skp's message, not a 500."""
    both_checked = threading.Barrier(2, timeout=20)
    check = perjanjian._belum_ada

    def check_then_wait(*args, **kwargs):
        check(*args, **kwargs)
        both_checked.wait()

    monkeypatch.setattr(perjanjian, "_belum_ada", check_then_wait)
    app, headers = api.client.application, api.headers("kadis")
    answers = []

    def create():
        answers.append(app.test_client().post("/perjanjian-kinerja", json={"tahun": 2026},
                                              headers=headers))

    threads = [threading.Thread(target=create) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(r.status_code for r in answers) == [201, 409]
    lost = next(r for r in answers if r.status_code == 409)
    assert lost.json["detail"] == "Perjanjian Kinerja tahun tersebut sudah ada."
    assert lost.json["type"].endswith("duplicate")
    monkeypatch.undo()
    assert len(api.get("kadis", "/perjanjian-kinerja?tahun=2026").json) == 1
