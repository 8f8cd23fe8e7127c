"""Who may do what: a pegawai never sees another's SKP (404), a penilai acts only on his
bawahan's SKP, an admin only within his instansi."""
from __future__ import annotations

TAHUN = {"periode_awal": "2026-01-01", "periode_akhir": "2026-12-31"}


def _skp(api, who="jf1") -> str:
    r = api.post(who, "/skp", TAHUN)
    assert r.status_code == 201, r.json
    return r.json["id"]


def test_a_pegawai_cannot_read_or_change_anothers_skp(api):
    sid = _skp(api)
    for path in ("", "/riwayat", "/perilaku", "/rhk", "/rhk-atasan"):
        assert api.get("jf2", f"/skp/{sid}{path}").status_code == 404
    assert api.patch("jf2", f"/skp/{sid}", {"pendekatan": "KUALITATIF"}).status_code == 404
    assert api.post("jf2", f"/skp/{sid}/rhk", {"uraian": "x"}).status_code == 404
    assert api.delete("jf2", f"/skp/{sid}").status_code == 404
    assert api.get("jf2", "/skp").json == []
    assert api.get("jf2", "/skp?pegawai_id=jf1").json == []


def test_penilai_and_atasan_penilai_read_but_only_the_penilai_decides(api):
    sid = _skp(api)
    api.post("jf1", f"/skp/{sid}/rhk", {"uraian": "Layanan", "jenis": "UTAMA"})
    rid = api.get("jf1", f"/skp/{sid}").json["rhk"][0]["id"]
    api.post("jf1", f"/skp/{sid}/rhk/{rid}/indikator",
             {"uraian": "Dokumen", "aspek": "KUANTITAS", "target": 3, "satuan": "dokumen"})
    assert api.post("jf1", f"/skp/{sid}/ajukan").status_code == 200
    assert api.get("kabid1", f"/skp/{sid}").status_code == 200
    assert api.get("kadis", f"/skp/{sid}").status_code == 200  # atasan pejabat penilai
    assert api.post("kadis", f"/skp/{sid}/setujui").status_code == 403
    assert api.post("kabid2", f"/skp/{sid}/setujui").status_code == 404  # not his bawahan
    assert api.post("kabid2", f"/skp/{sid}/kembalikan", {"catatan": "x"}).status_code == 404
    assert api.get("kabid2", "/skp/bawahan").json == []
    assert [s["id"] for s in api.get("kabid1", "/skp/bawahan?tahun=2026").json] == [sid]
    assert api.post("kabid1", f"/skp/{sid}/setujui").status_code == 200


def test_admin_acts_within_his_instansi_only(api):
    sid = _skp(api)
    assert api.get("admin", f"/skp/{sid}").status_code == 200
    assert api.get("admin_dki", f"/skp/{sid}").status_code == 404
    assert sid in [s["id"] for s in api.get("admin", "/skp").json]
    assert api.get("admin_dki", "/skp").json == []
    r = api.post("admin", "/skp", {**TAHUN, "pegawai_id": "jf2"})
    assert r.status_code == 201 and r.json["pegawai_id"] == "jf2"
    assert api.post("admin_dki", "/skp", {**TAHUN, "pegawai_id": "jf3"}).status_code == 404
    assert api.post("jf1", "/skp", {**TAHUN, "pegawai_id": "jf3"}).status_code == 403


def test_lists_page_with_x_pagination(api):
    for awal, akhir in (("2026-01-01", "2026-03-31"), ("2026-04-01", "2026-06-30"),
                        ("2026-07-01", "2026-12-31")):
        api.post("jf1", "/skp", {"periode_awal": awal, "periode_akhir": akhir})
    r = api.get("admin", "/skp?pegawai_id=jf1&page=1&page_size=2")
    assert len(r.json) == 2 and '"total": 3' in r.headers["X-Pagination"]


def test_no_token_is_401(api):
    assert api.client.get("/skp").status_code == 401
