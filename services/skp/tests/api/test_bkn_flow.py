"""The BKN toolkit flow end to end on PostgreSQL: Perjanjian Kinerja -> SKP JPT (copied, a
mandiri unit: approved on submission) -> Matriks Peran Hasil -> the bawahan's SKP JF/JA
intervening the JPT's RHK with a peran -> ajukan -> kembalikan -> fix -> ajukan -> setujui."""
from __future__ import annotations

from kinerja_shared.events import EventEnvelope
from kinerja_shared.messaging.outbox import outbox
from sqlalchemy import select

TAHUN = {"periode_awal": "2026-01-01", "periode_akhir": "2026-12-31"}


def _events(runtime, event_type):
    with runtime.engine.connect() as conn:
        rows = conn.execute(select(outbox.c.body).where(outbox.c.event_type == event_type)
                            .order_by(outbox.c.id)).scalars().all()
    return [EventEnvelope.from_json(b) for b in rows]


def _skp_jpt_disetujui(api) -> dict:
    r = api.post("kadis", "/perjanjian-kinerja", {"tahun": 2026, "sasaran": [
        {"uraian": "Meningkatnya kualitas pelayanan publik", "indikator": [
            {"uraian": "Indeks kepuasan masyarakat", "target": 85, "satuan": "indeks"},
            {"uraian": "Jumlah inovasi layanan", "target": "4", "satuan": "inovasi"}]},
        {"uraian": "Meningkatnya akuntabilitas kinerja", "indikator": [
            {"uraian": "Nilai SAKIP", "target": 80, "satuan": "nilai"}]}]})
    assert r.status_code == 201, r.json
    pk = r.json
    skp = api.post("kadis", "/skp", TAHUN)
    assert skp.status_code == 201, skp.json
    assert (skp.json["jenis"], skp.json["model"], skp.json["pejabat_penilai"]) == (
        "JPT", "PERMENPAN_6_2022", None)
    sid = skp.json["id"]
    r = api.post("kadis", f"/skp/{sid}/salin-perjanjian-kinerja", {"perjanjian_kinerja_id": pk["id"]})
    assert r.status_code == 200, r.json
    rhk = r.json["rhk"]
    assert [x["uraian"] for x in rhk] == [s["uraian"] for s in pk["sasaran"]]
    assert [(i["target"], i["satuan"]) for i in rhk[0]["indikator"]] == [("85", "indeks"), ("4", "inovasi")]
    assert {x["referensi"] for x in rhk} == {"PERKIN"}
    ind = rhk[0]["indikator"][0]
    r = api.patch("kadis", f"/skp/{sid}/rhk/{rhk[0]['id']}/indikator/{ind['id']}",
                  {"perspektif": "PENERIMA_LAYANAN"})
    assert r.status_code == 200, r.json
    manual = {"definisi": "Tingkat kepuasan", "formula": "rata-rata", "tujuan": "mengukur",
              "satuan_pengukuran": "indeks", "jenis_iku": "OUTCOME", "penanggung_jawab": "Kadis",
              "penyedia_data": "Sekretariat", "sumber_data": "Survei", "periode_pelaporan": "TRIWULANAN"}
    r = api.put("kadis", f"/skp/{sid}/rhk/{rhk[0]['id']}/indikator/{ind['id']}/manual", manual)
    assert r.status_code == 200 and r.json["rhk"][0]["indikator"][0]["manual"] == manual
    r = api.post("kadis", f"/skp/{sid}/ajukan")
    assert r.status_code == 200 and r.json["status"] == "DISETUJUI", r.json
    return r.json


def test_the_whole_bkn_flow(api, runtime):
    jpt = _skp_jpt_disetujui(api)
    rhk_jpt = jpt["rhk"][0]
    assert api.patch("kadis", f"/skp/{jpt['id']}", {"pendekatan": "KUALITATIF"}).status_code == 409

    # Matriks Peran Hasil on the approved JPT RHK: peran for the two kabid
    matriks = {"kolom": ["Survei kepuasan", "Inovasi layanan"], "baris": [
        {"pegawai_id": "kabid1", "jabatan_tim": "KETUA", "peran": ["Koordinasi survei", None]},
        {"pegawai_id": "kabid2", "jabatan_tim": "ANGGOTA", "peran": [None, "Rancang inovasi"]}]}
    r = api.put("kadis", f"/skp/{jpt['id']}/rhk/{rhk_jpt['id']}/matriks-peran", matriks)
    assert r.status_code == 200, r.json  # the write answers the SKP, which carries the matrix
    assert r.json["id"] == jpt["id"] and r.json["rhk"][0]["matriks_peran"] == matriks
    assert api.get("kabid1", f"/skp/{jpt['id']}/rhk/{rhk_jpt['id']}/matriks-peran").status_code == 404
    assert api.get("kadis", f"/skp/{jpt['id']}/rhk/{rhk_jpt['id']}/matriks-peran").json["baris"] == matriks["baris"]
    peran = api.get("kabid1", "/peran-saya?tahun=2026").json
    assert [(p["uraian"], p["rhk_atasan_id"], p["jabatan_tim"]) for p in peran] == [
        ("Koordinasi survei", rhk_jpt["id"], "KETUA")]
    snap = _events(runtime, "SkpDisetujui")[-1].typed_payload()
    assert snap.rhk[0].matriks_peran_kolom == matriks["kolom"]
    assert snap.rhk[0].matriks_peran[0].pegawai_id == "kabid1"

    # the bawahan's SKP JF/JA
    r = api.post("kabid1", "/skp", TAHUN)
    assert r.status_code == 201, r.json
    skp = r.json
    assert skp["jenis"] == "JF_JA" and skp["pejabat_penilai"]["id"] == "kadis"
    assert len(skp["perilaku"]) == 7 and all(len(p["indikator"]) == 3 for p in skp["perilaku"])
    sid = skp["id"]
    atasan = api.get("kabid1", f"/skp/{sid}/rhk-atasan").json
    assert {x["id"] for x in atasan} == {x["id"] for x in jpt["rhk"]}
    r = api.post("kabid1", f"/skp/{sid}/rhk", {"jenis": "UTAMA", "peran_id": peran[0]["id"]})
    assert r.status_code == 201, r.json
    rhk = r.json["rhk"][0]
    assert (rhk["uraian"], rhk["rhk_atasan_id"], rhk["peran_id"]) == (
        "Koordinasi survei", rhk_jpt["id"], peran[0]["id"])
    r = api.post("kabid1", f"/skp/{sid}/rhk/{rhk['id']}/indikator", {
        "uraian": "Survei terlaksana", "aspek": "KUANTITAS", "target": 4, "satuan": "laporan"})
    assert r.status_code == 201, r.json
    r = api.post("kabid1", f"/skp/{sid}/rhk", {"jenis": "TAMBAHAN", "uraian": "Tugas tambahan",
                                               "rhk_atasan_id": jpt["rhk"][1]["id"]})
    tambahan = r.json["rhk"][1]
    api.post("kabid1", f"/skp/{sid}/rhk/{tambahan['id']}/indikator", {
        "uraian": "Laporan", "aspek": "WAKTU", "target": 10, "target_maks": 12, "satuan": "bulan"})
    r = api.put("kabid1", f"/skp/{sid}/perilaku/KOLABORATIF", {"penilai": "REKAN",
                                                               "penilai_pegawai_id": "kabid2"})
    assert r.status_code == 200, r.json  # the write answers the SKP
    kolaboratif = next(p for p in r.json["perilaku"] if p["aspek"] == "KOLABORATIF")
    assert (kolaboratif["penilai"], kolaboratif["penilai_pegawai_id"]) == ("REKAN", "kabid2")
    r = api.put("kabid1", f"/skp/{sid}/perilaku/ADAPTIF", {"penilai": "BAWAHAN",
                                                           "penilai_pegawai_id": "jf1"})
    assert r.status_code == 200, r.json
    r = api.put("kadis", f"/skp/{sid}/perilaku/ADAPTIF/ekspektasi",
                {"ekspektasi_khusus": "Memimpin digitalisasi layanan"})
    assert r.status_code == 200, r.json

    # ajukan -> kembalikan -> fix -> ajukan -> setujui
    assert api.post("kabid1", f"/skp/{sid}/setujui").status_code == 403
    assert api.post("kabid1", f"/skp/{sid}/ajukan").json["status"] == "DIAJUKAN"
    assert api.post("kabid1", f"/skp/{sid}/ajukan").status_code == 409
    assert api.get("kadis", "/skp/bawahan?tahun=2026&status=DIAJUKAN").json[0]["id"] == sid
    r = api.post("kadis", f"/skp/{sid}/kembalikan", {"catatan": "Target survei dinaikkan"})
    assert r.json["status"] == "DIKEMBALIKAN" and r.json["catatan"] == "Target survei dinaikkan"
    ind = api.get("kabid1", f"/skp/{sid}").json["rhk"][0]["indikator"][0]
    r = api.patch("kabid1", f"/skp/{sid}/rhk/{rhk['id']}/indikator/{ind['id']}", {"target": 6})
    assert r.status_code == 200 and r.json["rhk"][0]["indikator"][0]["target"] == "6"
    assert api.post("kabid1", f"/skp/{sid}/ajukan").json["status"] == "DIAJUKAN"
    # the penilai edits directly while DIAJUKAN
    r = api.patch("kadis", f"/skp/{sid}/rhk/{tambahan['id']}", {"uraian": "Tugas tambahan (revisi)"})
    assert r.status_code == 200, r.json
    assert api.patch("kabid1", f"/skp/{sid}/rhk/{tambahan['id']}", {"uraian": "x"}).status_code == 409
    r = api.post("kadis", f"/skp/{sid}/setujui")
    assert r.status_code == 200 and r.json["status"] == "DISETUJUI"

    aksi = [h["aksi"] for h in api.get("kabid1", f"/skp/{sid}/riwayat").json]
    assert aksi[0] == "BUAT" and aksi[-1] == "SETUJUI" and aksi.count("AJUKAN") == 2
    assert "KEMBALIKAN" in aksi and "UBAH_INDIKATOR" in aksi
    ubah = [h for h in api.get("kabid1", f"/skp/{sid}/riwayat").json if h["aksi"] == "UBAH_RHK"][0]
    assert ubah["oleh_pegawai_id"] == "kadis" and ubah["sebelum"] == {"uraian": "Tugas tambahan"}
    detail = api.get("kabid1", f"/skp/{sid}").json  # GET /skp/{id} carries its history too
    assert [h["aksi"] for h in detail["riwayat"]] == aksi

    assert [e.typed_payload().skp_id for e in _events(runtime, "SkpDiajukan")] == [sid, sid]
    assert _events(runtime, "SkpDikembalikan")[0].typed_payload().catatan == "Target survei dinaikkan"
    snap = _events(runtime, "SkpDisetujui")[-1].typed_payload()
    assert snap.skp_id == sid and snap.pegawai.nip and snap.pejabat_penilai.id == "kadis"
    assert snap.rhk[0].peran_id == peran[0]["id"] and snap.rhk[0].indikator[0].target == "6"
    assert snap.rhk[1].indikator[0].target_maks == "12"
    perilaku = {p.aspek: p for p in snap.perilaku}
    assert len(perilaku) == 7 and perilaku["KOLABORATIF"].penilai == "REKAN"
    assert perilaku["ADAPTIF"].ekspektasi_khusus == "Memimpin digitalisasi layanan"


def test_admin_returns_an_approved_skp_to_draft_and_consumers_hear_of_it(api, runtime):
    jpt = _skp_jpt_disetujui(api)
    assert api.post("kadis", f"/skp/{jpt['id']}/batalkan", {}).status_code == 403
    r = api.post("admin", f"/skp/{jpt['id']}/batalkan", {"alasan": "salah target"})
    assert r.status_code == 200 and r.json["status"] == "DRAFT"
    assert _events(runtime, "SkpDibatalkan")[0].typed_payload().alasan == "salah target"
    assert api.post("admin", f"/skp/{jpt['id']}/batalkan", {}).status_code == 409
    assert api.post("admin_dki", f"/skp/{jpt['id']}/batalkan", {}).status_code == 404
