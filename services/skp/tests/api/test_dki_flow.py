"""The DKI flow on the PP 30/2019 model: the instansi's default model, pejabat penilai by NIP,
kegiatan with referensi and targets, direct corrections by the penilai, approval; mutasi and
PLT roles give separate SKPs, overlapping ones for the same role are refused."""
from __future__ import annotations

from datetime import date

KEGIATAN = {"jenis": "UTAMA", "uraian": "Menyusun laporan keuangan bulanan", "referensi": "TUSI",
            "target_kuantitas": 12, "satuan": "laporan", "target_kualitas": 100, "target_waktu": 12,
            "target_biaya": "1500000"}


def test_dki_target_skp_on_pp30_from_form_to_approval(api, world):
    r = api.post("staf1", "/skp", {"periode_awal": "2026-01-01", "periode_akhir": "2026-12-31",
                                   "pejabat_penilai_nip": world.nip["kabiro"]})
    assert r.status_code == 201, r.json
    skp = r.json
    assert (skp["model"], skp["jenis"], skp["pejabat_penilai"]["nip"]) == (
        "PP_30_2019", "JF_JA", world.nip["kabiro"])
    sid = skp["id"]
    r = api.post("staf1", f"/skp/{sid}/rhk", KEGIATAN)
    assert r.status_code == 201, r.json
    k = r.json["rhk"][0]
    assert (k["target_kuantitas"], k["target_kualitas"], k["target_waktu"], k["target_biaya"]) == (
        "12", "100", "12", "1500000")
    r = api.post("staf1", f"/skp/{sid}/rhk", {**KEGIATAN, "uraian": "Arsip", "target_waktu": 13})
    assert r.status_code == 422 and "target_waktu" in r.json["errors"]
    r = api.post("staf1", f"/skp/{sid}/rhk", {"uraian": "Tanpa target", "referensi": "KSD"})
    assert r.status_code == 422 and {"target_kuantitas", "satuan"} <= set(r.json["errors"])
    assert api.post("staf1", f"/skp/{sid}/ajukan").json["status"] == "DIAJUKAN"
    # the penilai corrects, adds and deletes kegiatan directly ("tambah, edit, hapus")
    assert api.patch("kabiro", f"/skp/{sid}/rhk/{k['id']}", {"target_kuantitas": 10}).status_code == 200
    r = api.post("kabiro", f"/skp/{sid}/rhk", {**KEGIATAN, "uraian": "Rekonsiliasi aset",
                                                "referensi": "TANPA_REFERENSI"})
    extra = r.json["rhk"][1]["id"]
    assert api.delete("kabiro", f"/skp/{sid}/rhk/{extra}").status_code == 204
    r = api.post("kabiro", f"/skp/{sid}/setujui")
    assert r.status_code == 200 and r.json["status"] == "DISETUJUI"
    assert r.json["rhk"][0]["target_kuantitas"] == "10" and len(r.json["rhk"]) == 1


def test_a_model_can_be_chosen_over_the_instansi_default(api):
    r = api.post("staf1", "/skp", {"periode_awal": "2026-01-01", "periode_akhir": "2026-12-31",
                                   "model": "PERMENPAN_6_2022"})
    assert r.json["model"] == "PERMENPAN_6_2022" and r.json["pejabat_penilai"]["id"] == "kabiro"


def test_mutasi_gives_two_skps_in_a_year_but_overlaps_are_refused(api):
    assert api.post("jf1", "/skp", {"periode_awal": "2026-01-01", "periode_akhir": "2026-06-30"}).status_code == 201
    assert api.post("jf1", "/skp", {"periode_awal": "2026-07-01", "periode_akhir": "2026-12-31"}).status_code == 201
    r = api.post("jf1", "/skp", {"periode_awal": "2026-06-01", "periode_akhir": "2026-08-31"})
    assert r.status_code == 409
    assert [s["periode_awal"] for s in api.get("jf1", "/skp?tahun=2026").json] == ["2026-07-01", "2026-01-01"]


def test_a_plt_role_gets_its_own_skp_assessed_above_that_unit(api, world):
    world.kirim(world.PltPlhDiperbarui(id="plt-1", instansi_id="i-bkn", pegawai_id="jf3",
                                       unor_id="u-bid1", jenis="PLT", mulai=date(2026, 3, 1),
                                       selesai=date(2026, 8, 31), revisi=1), "plt-1")
    assert api.post("jf3", "/skp", {"periode_awal": "2026-01-01", "periode_akhir": "2026-12-31"}).status_code == 201
    r = api.post("jf3", "/skp", {"periode_awal": "2026-03-01", "periode_akhir": "2026-08-31",
                                 "plt_unor_id": "u-bid1"})
    assert r.status_code == 201, r.json
    assert r.json["plt_unor_id"] == "u-bid1" and r.json["pejabat_penilai"]["id"] == "kadis"
    r = api.post("jf3", "/skp", {"periode_awal": "2026-01-01", "periode_akhir": "2026-02-28",
                                 "plt_unor_id": "u-bid1"})
    assert r.status_code == 422 and "plt_unor_id" in r.json["errors"]


def test_pejabat_penilai_is_resolved_on_the_start_date(api, world):
    """A PLT heading Bidang Satu from March assesses who starts an SKP then."""
    world.kirim(world.PltPlhDiperbarui(id="plt-2", instansi_id="i-bkn", pegawai_id="jf3",
                                       unor_id="u-bid1", jenis="PLT", mulai=date(2026, 3, 1),
                                       selesai=None, revisi=1), "plt-2")
    early = api.post("jf1", "/skp", {"periode_awal": "2026-01-01", "periode_akhir": "2026-02-28"})
    late = api.post("jf1", "/skp", {"periode_awal": "2026-03-01", "periode_akhir": "2026-12-31"})
    assert early.json["pejabat_penilai"]["id"] == "kabid1"
    assert late.json["pejabat_penilai"]["id"] == "jf3"  # an active PLT heads the unit
