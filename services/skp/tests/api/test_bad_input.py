"""Bad input is a clear 4xx naming the field, never a 500."""
from __future__ import annotations

TAHUN = {"periode_awal": "2026-01-01", "periode_akhir": "2026-12-31"}


def _skp_with_rhk(api, who="jf1"):
    sid = api.post(who, "/skp", TAHUN).json["id"]
    rid = api.post(who, f"/skp/{sid}/rhk", {"uraian": "Layanan"}).json["rhk"][0]["id"]
    return sid, rid


def test_end_before_start(api):
    r = api.post("jf1", "/skp", {"periode_awal": "2026-06-01", "periode_akhir": "2026-05-31"})
    assert r.status_code == 422 and "periode_akhir" in r.json["errors"]
    assert r.headers["Content-Type"] == "application/problem+json"
    r = api.post("jf1", "/skp", {"periode_awal": "2026-06-01", "periode_akhir": "2027-05-31"})
    assert r.status_code == 422 and "periode_akhir" in r.json["errors"]


def test_target_range_reversed(api):
    sid, rid = _skp_with_rhk(api)
    r = api.post("jf1", f"/skp/{sid}/rhk/{rid}/indikator", {
        "uraian": "Dokumen", "aspek": "KUANTITAS", "target": 10, "target_maks": 5, "satuan": "dok"})
    assert r.status_code == 422 and "target_maks" in r.json["errors"]


def test_unknown_aspek(api):
    sid, rid = _skp_with_rhk(api)
    r = api.post("jf1", f"/skp/{sid}/rhk/{rid}/indikator", {
        "uraian": "Dokumen", "aspek": "KECEPATAN", "target": 1, "satuan": "dok"})
    assert r.status_code == 422 and "aspek" in r.json["errors"]
    r = api.put("jf1", f"/skp/{sid}/perilaku/RAJIN", {"penilai": "ATASAN"})
    assert r.status_code == 422 and "aspek" in r.json["errors"]


def test_kuantitatif_indikator_needs_numbers(api):
    sid, rid = _skp_with_rhk(api)
    r = api.post("jf1", f"/skp/{sid}/rhk/{rid}/indikator", {"uraian": "x", "target": "banyak"})
    assert r.status_code == 422 and {"target", "aspek", "satuan"} <= set(r.json["errors"])
    r = api.post("jf1", f"/skp/{sid}/rhk/{rid}/indikator", {
        "uraian": "x", "aspek": "KUALITAS", "target": 1, "satuan": "%", "perspektif": "ANGGARAN"})
    assert r.status_code == 422 and "perspektif" in r.json["errors"]


def test_penilai_perilaku_must_stand_in_that_relation(api):
    sid, _ = _skp_with_rhk(api)
    r = api.put("jf1", f"/skp/{sid}/perilaku/HARMONIS", {"penilai": "REKAN", "penilai_pegawai_id": "jf3"})
    assert r.status_code == 422 and "penilai_pegawai_id" in r.json["errors"]
    r = api.put("jf1", f"/skp/{sid}/perilaku/HARMONIS", {"penilai": "BAWAHAN", "penilai_pegawai_id": "jf2"})
    assert r.status_code == 422 and "penilai_pegawai_id" in r.json["errors"]
    r = api.put("jf1", f"/skp/{sid}/perilaku/HARMONIS", {"penilai": "REKAN", "penilai_pegawai_id": "jf2"})
    assert r.status_code == 200


def test_rhk_atasan_must_be_an_approved_rhk_of_the_penilai(api):
    sid, _ = _skp_with_rhk(api)
    other, other_rid = _skp_with_rhk(api, "jf2")
    r = api.post("jf1", f"/skp/{sid}/rhk", {"uraian": "x", "rhk_atasan_id": other_rid})
    assert r.status_code == 422 and "rhk_atasan_id" in r.json["errors"]
    r = api.post("jf1", f"/skp/{sid}/rhk", {"uraian": "x", "peran_id": "tidak-ada"})
    assert r.status_code == 422 and "peran_id" in r.json["errors"]


def test_matriks_rows_must_be_bawahan(api):
    sid, rid = _skp_with_rhk(api, "kabid1")
    r = api.put("kabid1", f"/skp/{sid}/rhk/{rid}/matriks-peran", {"kolom": ["A"], "baris": [
        {"pegawai_id": "jf3", "jabatan_tim": "ANGGOTA", "peran": ["a"]}]})
    assert r.status_code == 422 and "baris.0.pegawai_id" in r.json["errors"]
    r = api.put("kabid1", f"/skp/{sid}/rhk/{rid}/matriks-peran", {"kolom": ["A"], "baris": [
        {"pegawai_id": "jf1", "jabatan_tim": "WAKIL", "peran": ["a", "b"]}]})
    assert r.status_code == 422


def test_an_approved_skp_refuses_changes(api):
    sid, rid = _skp_with_rhk(api)
    api.post("jf1", f"/skp/{sid}/rhk/{rid}/indikator",
             {"uraian": "Dokumen", "aspek": "KUANTITAS", "target": 3, "satuan": "dokumen"})
    api.post("jf1", f"/skp/{sid}/ajukan")
    assert api.post("kabid1", f"/skp/{sid}/setujui").json["status"] == "DISETUJUI"
    ind = api.get("jf1", f"/skp/{sid}").json["rhk"][0]["indikator"][0]["id"]
    for who, method, path, body in [
            ("jf1", "post", f"/skp/{sid}/rhk", {"uraian": "baru"}),
            ("kabid1", "patch", f"/skp/{sid}/rhk/{rid}", {"uraian": "ubah"}),
            ("jf1", "patch", f"/skp/{sid}/rhk/{rid}/indikator/{ind}", {"target": 9}),
            ("jf1", "delete", f"/skp/{sid}/rhk/{rid}", None),
            ("jf1", "patch", f"/skp/{sid}", {"pendekatan": "KUALITATIF"}),
            ("jf1", "put", f"/skp/{sid}/perilaku/LOYAL", {"penilai": "ATASAN"}),
            ("kabid1", "put", f"/skp/{sid}/perilaku/LOYAL/ekspektasi", {"ekspektasi_khusus": "x"}),
            ("kabid1", "post", f"/skp/{sid}/setujui", None),
            ("jf1", "delete", f"/skp/{sid}", None)]:
        r = getattr(api, method)(who, path, body)
        assert r.status_code == 409, (method, path, r.json)
        assert r.json["detail"]


def test_submitting_needs_an_rhk_utama_with_indikator(api):
    sid, rid = _skp_with_rhk(api)
    r = api.post("jf1", f"/skp/{sid}/ajukan")
    assert r.status_code == 422 and f"rhk.{rid}.indikator" in r.json["errors"]


def test_bad_json_and_unknown_fields(api):
    r = api.post("jf1", "/skp", {**TAHUN, "warna": "biru"})
    assert r.status_code == 422 and "warna" in r.json["errors"]
    r = api.post("jf1", "/skp", {"periode_awal": "kemarin", "periode_akhir": "2026-12-31"})
    assert r.status_code == 422 and "periode_awal" in r.json["errors"]


def test_an_empty_patch_of_an_rhk_changes_nothing_and_records_nothing(api):
    """Found by fuzzing: an empty body built ``UPDATE rhk SET WHERE`` (a 503 on SQLite)."""
    sid, rid = _skp_with_rhk(api)
    before = api.get("jf1", f"/skp/{sid}/riwayat").json
    r = api.patch("jf1", f"/skp/{sid}/rhk/{rid}", {})
    assert r.status_code == 200, r.json
    assert api.patch("jf1", f"/skp/{sid}/rhk/{rid}", {"uraian": "Layanan"}).status_code == 200
    assert api.get("jf1", f"/skp/{sid}/riwayat").json == before
