"""SkpDisetujui is built from skp's rows (``service_layer/events.py``), not from the HTTP read
view. Its payload is what consumers (penilaian, reporting) rely on: for a full SKP (RHK utama
and tambahan, indikator with a range and a manual, perilaku with penilai and ekspektasi, a
Matriks Peran Hasil) it must be exactly what skp published when the event was shaped from
``GET /skp/{id}`` (the expected payload below was captured from that code)."""
from __future__ import annotations

from sqlalchemy import select

from kinerja_shared.events import EventEnvelope
from kinerja_shared.messaging.outbox import outbox
from skp.domain.perilaku import ASPEK_PERILAKU

TAHUN = {"periode_awal": "2026-01-01", "periode_akhir": "2026-12-31"}
MANUAL = {"definisi": "Persentase laporan tepat waktu", "formula": "tepat / total x 100",
          "tujuan": "Ketepatan", "satuan_pengukuran": "persen",
          "jenis_iku": "OUTPUT_KENDALI_SEDANG", "penanggung_jawab": "Kabid", "penyedia_data": "Subbag", "sumber_data": "Arsip",
          "periode_pelaporan": "BULANAN"}


def _published(runtime, event_type: str, aggregate_id: str) -> list[dict]:
    with runtime.engine.connect() as conn:
        bodies = conn.execute(select(outbox.c.body).where(outbox.c.event_type == event_type)
                              .order_by(outbox.c.id)).scalars().all()
    return [e.payload for e in map(EventEnvelope.from_json, bodies)
            if e.aggregate_id == aggregate_id]


def full_skp(api) -> dict:
    """The kadis's approved SKP JPT gives a peran to kabid1, whose SKP JF/JA gets a tambahan
    (added first), an utama copied from the peran, indikator (a range, a manual), a matrix for
    his own bawahan, perilaku penilai and an ekspektasi; it is submitted and approved."""
    jpt = api.post("kadis", "/skp", TAHUN).json["id"]
    rhk_jpt = api.post("kadis", f"/skp/{jpt}/rhk",
                       {"uraian": "Pelayanan prima"}).json["rhk"][0]["id"]
    api.post("kadis", f"/skp/{jpt}/rhk/{rhk_jpt}/indikator",
             {"uraian": "IKM", "target": 85, "satuan": "indeks", "perspektif": "PENERIMA_LAYANAN"})
    assert api.post("kadis", f"/skp/{jpt}/ajukan").json["status"] == "DISETUJUI"
    api.put("kadis", f"/skp/{jpt}/rhk/{rhk_jpt}/matriks-peran", {"kolom": ["Survei"], "baris": [
        {"pegawai_id": "kabid1", "jabatan_tim": "KETUA", "peran": ["Koordinasi survei"]}]})
    peran = api.get("kabid1", "/peran-saya?tahun=2026").json[0]["id"]

    sid = api.post("kabid1", "/skp", TAHUN).json["id"]
    tambahan = api.post("kabid1", f"/skp/{sid}/rhk", {
        "jenis": "TAMBAHAN", "uraian": "Piket layanan", "referensi": "TUSI"}).json["rhk"][0]["id"]
    body = api.post("kabid1", f"/skp/{sid}/rhk", {"peran_id": peran}).json
    utama = next(r["id"] for r in body["rhk"] if r["jenis"] == "UTAMA")
    api.post("kabid1", f"/skp/{sid}/rhk/{utama}/indikator", {
        "uraian": "Laporan survei", "aspek": "KUANTITAS", "target": "2", "target_maks": 4,
        "satuan": "laporan"})
    api.post("kabid1", f"/skp/{sid}/rhk/{utama}/indikator", {
        "uraian": "Ketepatan", "aspek": "WAKTU", "target": "12,5", "satuan": "persen"})
    api.post("kabid1", f"/skp/{sid}/rhk/{tambahan}/indikator", {
        "uraian": "Jadwal piket", "aspek": "KUALITAS", "target": 100, "satuan": "persen"})
    inds = {i["uraian"]: i["id"] for r in api.get("kabid1", f"/skp/{sid}").json["rhk"]
            for i in r["indikator"]}
    api.put("kabid1", f"/skp/{sid}/rhk/{utama}/indikator/{inds['Ketepatan']}/manual", MANUAL)
    api.put("kabid1", f"/skp/{sid}/rhk/{utama}/matriks-peran", {
        "kolom": ["Kuesioner", "Olah data"], "baris": [
            {"pegawai_id": "jf1", "jabatan_tim": "KETUA", "peran": ["Susun kuesioner", None]},
            {"pegawai_id": "jf2", "jabatan_tim": "ANGGOTA", "peran": [None, "Olah hasil"]}]})
    api.put("kabid1", f"/skp/{sid}/perilaku/HARMONIS",
            {"penilai": "BAWAHAN", "penilai_pegawai_id": "jf1"})
    api.put("kabid1", f"/skp/{sid}/perilaku/KOLABORATIF",
            {"penilai": "REKAN", "penilai_pegawai_id": "kabid2"})
    api.put("kadis", f"/skp/{sid}/perilaku/ADAPTIF/ekspektasi",
            {"ekspektasi_khusus": "Memimpin digitalisasi"})
    assert api.post("kabid1", f"/skp/{sid}/ajukan").json["status"] == "DIAJUKAN"
    final = api.post("kadis", f"/skp/{sid}/setujui").json
    assert final["status"] == "DISETUJUI"
    return {"sid": sid, "rhk_jpt": rhk_jpt, "peran": peran, "utama": utama,
            "tambahan": tambahan, "inds": inds, "revisi": final["revisi"]}


def _orang(pid: str, nip: str, unor_id: str, unor_nama: str) -> dict:
    return {"id": pid, "nip": nip, "nama": pid.upper(), "gelar_depan": None,
            "gelar_belakang": None, "jabatan": f"Jabatan {pid}", "golongan": "III/c",
            "unor_id": unor_id, "unor_nama": unor_nama}


def expected_payload(ids: dict, nip: dict) -> dict:
    i = ids["inds"]
    perilaku = {a: {"aspek": a, "indikator": list(teks), "ekspektasi_khusus": None,
                    "penilai": "ATASAN", "penilai_pegawai_id": "kadis"}
                for a, teks in ASPEK_PERILAKU.items()}
    perilaku["HARMONIS"].update(penilai="BAWAHAN", penilai_pegawai_id="jf1")
    perilaku["KOLABORATIF"].update(penilai="REKAN", penilai_pegawai_id="kabid2")
    perilaku["ADAPTIF"].update(ekspektasi_khusus="Memimpin digitalisasi")
    none_pp30 = {"target_kuantitas": None, "satuan": None, "target_kualitas": None,
                 "target_waktu": None, "target_biaya": None}
    return {
        "skp_id": ids["sid"], "instansi_id": "i-bkn", "unor_id": "u-bid1", "mandiri": False,
        "pegawai": _orang("kabid1", nip["kabid1"], "u-bid1", "Bidang Satu"),
        "jenis": "JF_JA", "pendekatan": "KUANTITATIF", "model": "PERMENPAN_6_2022",
        "periode_awal": "2026-01-01", "periode_akhir": "2026-12-31",
        "pejabat_penilai": _orang("kadis", nip["kadis"], "u-dinas", "Dinas A"),
        "atasan_pejabat_penilai": None, "plt_unor_id": None,
        "rhk": [
            {"id": ids["utama"], "urutan": 2, "jenis": "UTAMA", "uraian": "Koordinasi survei",
             "rhk_atasan_id": ids["rhk_jpt"], "peran_id": ids["peran"], "referensi": None,
             **none_pp30,
             "indikator": [
                 {"id": i["Laporan survei"], "uraian": "Laporan survei", "aspek": "KUANTITAS",
                  "target": "2", "target_maks": "4", "satuan": "laporan", "perspektif": None,
                  "manual": None},
                 {"id": i["Ketepatan"], "uraian": "Ketepatan", "aspek": "WAKTU",
                  "target": "12.5", "target_maks": None, "satuan": "persen", "perspektif": None,
                  "manual": MANUAL}],
             "matriks_peran_kolom": ["Kuesioner", "Olah data"],
             "matriks_peran": [
                 {"pegawai_id": "jf1", "jabatan_tim": "KETUA", "peran": ["Susun kuesioner", None]},
                 {"pegawai_id": "jf2", "jabatan_tim": "ANGGOTA", "peran": [None, "Olah hasil"]}]},
            {"id": ids["tambahan"], "urutan": 1, "jenis": "TAMBAHAN", "uraian": "Piket layanan",
             "rhk_atasan_id": None, "peran_id": None, "referensi": "TUSI", **none_pp30,
             "indikator": [
                 {"id": i["Jadwal piket"], "uraian": "Jadwal piket", "aspek": "KUALITAS",
                  "target": "100", "target_maks": None, "satuan": "persen", "perspektif": None,
                  "manual": None}],
             "matriks_peran_kolom": [], "matriks_peran": []}],
        "perilaku": list(perilaku.values()),
        "revisi": ids["revisi"],
    }


def test_skp_disetujui_from_rows_is_the_payload_published_before(api, runtime, world):
    ids = full_skp(api)
    (payload,) = _published(runtime, "SkpDisetujui", ids["sid"])
    assert payload == expected_payload(ids, world.nip)


def test_a_pp30_kegiatan_carries_its_targets(api, runtime):
    sid = api.post("staf1", "/skp", TAHUN).json["id"]
    api.post("staf1", f"/skp/{sid}/rhk", {
        "uraian": "Laporan keuangan", "referensi": "TUSI", "target_kuantitas": 12,
        "satuan": "laporan", "target_kualitas": "100", "target_waktu": 12,
        "target_biaya": "1500000"})
    api.post("staf1", f"/skp/{sid}/ajukan")
    assert api.post("kabiro", f"/skp/{sid}/setujui").json["status"] == "DISETUJUI"
    (payload,) = _published(runtime, "SkpDisetujui", sid)
    (rhk,) = payload["rhk"]
    assert {k: rhk[k] for k in ("target_kuantitas", "satuan", "target_kualitas", "target_waktu",
                                "target_biaya", "indikator", "urutan")} == {
        "target_kuantitas": "12", "satuan": "laporan", "target_kualitas": "100",
        "target_waktu": "12", "target_biaya": "1500000", "indikator": [], "urutan": 1}
    assert payload["model"] == "PP_30_2019" and payload["pejabat_penilai"]["id"] == "kabiro"


def test_republish_stages_each_approved_skp_as_last_published(api, runtime):
    """``kinerja republish skp``: every approved SKP again, as its rows hold it now, which is
    what its last SkpDisetujui said (a draft SKP is not approved: nothing for it)."""
    from kinerja_shared.messaging.republish import republish

    s = full_skp(api)
    api.post("jf3", "/skp", TAHUN)  # a draft
    before = {sid: _published(runtime, "SkpDisetujui", sid)[-1] for sid in (s["sid"],)}

    counts = republish(runtime)

    assert counts == {"SkpDisetujui": 2}  # the kadis's SKP JPT and kabid1's
    assert _published(runtime, "SkpDisetujui", s["sid"])[-1] == before[s["sid"]]
