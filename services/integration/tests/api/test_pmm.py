"""PMM: teachers registered as PMM users, their SKP and scores pulled by NIP and checked, the
PLT mapping, the log with reasons (manual §2.10), the teachers' scores (§2.8)."""
from __future__ import annotations

from datetime import date

import httpx
import sqlalchemy as sa

from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts.identity import PegawaiDiperbarui, UnorDiperbarui
from kinerja_shared.events.contracts.skp import SkpDisetujui
from kinerja_shared.messaging.republish import republish
from kinerja_shared.testing.service import make_test_runtime

NIP = {"kepsek": "197501012000031001", "guru1": "198001012005011001",
       "guru2": "198101012005011002", "guru3": "198201012005011003",
       "guru4": "198301012005011004", "lain": "197601012000031009"}


def _identity(world):
    for uid, nama in (("u-sd1", "SD N 1 Contoh"), ("u-sd2", "SD N 2 Contoh"),
                      ("u-sd9", "SD N 9 Contoh")):
        world.kirim(UnorDiperbarui(id=uid, instansi_id="i-1", nama=nama), uid)
    units = {"kepsek": "u-sd1", "guru1": "u-sd1", "guru2": "u-sd2", "guru3": "u-sd2",
             "guru4": "u-sd2", "lain": "u-sd2"}
    for who, nip in NIP.items():
        world.kirim(PegawaiDiperbarui(id=who, instansi_id="i-1", nip=nip, nama=who.upper(),
                                      unor_id=units[who], jabatan="Guru Ahli Pertama"), who)
    world.kirim(SkpDisetujui(skp_id="skp-kepsek", pegawai={"id": "kepsek", "nama": "KEPSEK"},
                             jenis="JF_JA", pendekatan="KUANTITATIF", model="PERMENPAN_6_2022",
                             periode_awal=date(2025, 1, 1), periode_akhir=date(2025, 12, 31)),
                "skp-kepsek")


def _pmm_record(world, who, sekolah, penilai="kepsek", **kw):
    body = {"nip": NIP[who], "periode": "2025-S1", "tipe_skp": "guru",
            "rhk": [{"uraian": "Melaksanakan pembelajaran", "target": "24 JP/minggu"}],
            "rating_hasil_kerja": "Sesuai Ekspektasi", "rating_perilaku": "Di atas Ekspektasi",
            "predikat": "Baik", "penilai_nip": NIP[penilai],
            "sekolah": {"npsn": f"2010{len(sekolah)}", "nama": sekolah, "daerah": "Kab. Contoh"},
            **kw}
    assert httpx.put(f"{world.pmm.url}/_sandbox/kinerja", json=body).status_code == 200


def _register(world, who):
    r = world.api.post("admin", "/pmm/pengguna", json={"nip": NIP[who]})
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def _log_rm(reporting) -> list:
    table = reporting.definition.metadata.tables["pmm_log_rm"]
    with reporting.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(sa.select(table)))


def _republish_rebuilds_reporting_log(world, tmp_path):
    """``kinerja republish integration``: the log lines as the sync published them, so a
    rebuilt reporting gets the same LOG_PMM rows and a full one no more."""
    live = [m.body for m in world.runtime.publisher.messages]
    world.runtime.publisher.clear()
    full = make_test_runtime("reporting", f"sqlite:///{tmp_path}/full.db")
    empty = make_test_runtime("reporting", f"sqlite:///{tmp_path}/empty.db")
    try:
        for body in live:
            if EventEnvelope.from_json(body).event_type in full.dispatcher.handlers:
                full.dispatcher.handle(body)
        before = _log_rm(full)
        assert len(before) == 4
        for _ in range(2):
            assert republish(world.runtime) == {"PmmSinkronDicatat": 4}
            world.runtime.relay.drain()
            again = world.runtime.publisher.envelopes("PmmSinkronDicatat")
            assert sorted(e.payload["log_id"] for e in again) == sorted(r[0] for r in before)
            for m in world.runtime.publisher.messages:
                empty.dispatcher.handle(m.body)
                full.dispatcher.handle(m.body)
            world.runtime.publisher.clear()
            assert _log_rm(empty) == before and _log_rm(full) == before
    finally:
        full.dispose()
        empty.dispose()


def test_a_sync_brings_scores_and_logs_each_failure_with_its_reason(world, tmp_path):
    _identity(world)
    for who in ("guru1", "guru2", "guru3", "guru4"):
        _register(world, who)
    assert {u["nip"] for u in httpx.get(f"{world.pmm.url}/_sandbox/pengguna").json()} == \
        {NIP[w] for w in ("guru1", "guru2", "guru3", "guru4")}
    _pmm_record(world, "guru1", "SD NEGERI 1 CONTOH")  # the same school, written otherwise
    _pmm_record(world, "guru2", "SD N CILEUNGSI 06")  # not the teacher's unit
    _pmm_record(world, "guru3", "SD N 2 Contoh", penilai="lain")  # penilai without an SKP
    _pmm_record(world, "guru4", "SMP NEGERI 4 LOURA", npsn="P-4")
    # guru4 acts as PLT kepala sekolah of the PMM school "SMP NEGERI 4 LOURA"
    r = world.api.post("admin", "/pmm/sinkron-plt", json={"pasangan": [
        {"pmm_sekolah": "201018", "unor_id": "u-sd9"}]})
    assert r.status_code == 200 and r.get_json()[0]["unor_id"] == "u-sd9"
    r = world.api.post("admin", "/pmm/sinkron", json={})
    assert r.status_code == 202
    world.kerjakan()
    job = world.api.get("admin", r.headers["Location"].split("/integration")[-1]).get_json()
    assert (job["status"], job["jumlah"]["berhasil"], job["jumlah"]["gagal"]) == ("SELESAI", 2, 2)
    log = {e["nip"]: e for e in world.api.get("admin", "/pmm/log").get_json()}
    assert log[NIP["guru1"]]["status"] == "BERHASIL"
    assert (log[NIP["guru2"]]["status"], log[NIP["guru2"]]["keterangan"], log[NIP["guru2"]]["catatan"]) == (
        "GAGAL", "Data Unit Kerja Pegawai tidak terdaftar di Referensi Unit Kerja",
        "Nama Sekolah atau Nama Unor tidak sama dengan data PMM, data PMM 'SD N CILEUNGSI 06'")
    assert log[NIP["guru3"]]["keterangan"] == "Data SKP Organisasi belum dibuat oleh atasan"
    assert log[NIP["guru4"]]["status"] == "BERHASIL"
    assert {e["nip"] for e in world.api.get("admin", "/pmm/log?status=GAGAL").get_json()} == \
        {NIP["guru2"], NIP["guru3"]}
    guru = world.api.get("admin", "/pmm/kinerja-guru?periode=2025-S1").get_json()
    assert [(g["nip"], g["predikat"], g["rating_perilaku"]) for g in guru] == [
        (NIP["guru1"], "BAIK", "DI_ATAS_EKSPEKTASI"), (NIP["guru4"], "BAIK", "DI_ATAS_EKSPEKTASI")]
    world.runtime.relay.drain()
    skp = {e.typed_payload().nip: e.typed_payload()
           for e in world.runtime.publisher.envelopes("PmmSkpDiimpor")}
    assert set(skp) == {NIP["guru1"], NIP["guru4"]}
    assert (skp[NIP["guru4"]].unor_id, skp[NIP["guru4"]].plt) == ("u-sd9", True)
    assert skp[NIP["guru1"]].rhk[0].uraian == "Melaksanakan pembelajaran"
    assert skp[NIP["guru1"]].pejabat_penilai_pegawai_id == "kepsek"
    assert len(world.runtime.publisher.envelopes("PmmNilaiDiimpor")) == 2
    assert len(world.runtime.publisher.envelopes("PmmSinkronDicatat")) == 4
    _republish_rebuilds_reporting_log(world, tmp_path)
    # nothing changed at PMM: a second sync sends no SKP again
    world.runtime.publisher.clear()
    world.api.post("admin", "/pmm/sinkron", json={})
    world.kerjakan()
    world.runtime.relay.drain()
    assert world.runtime.publisher.envelopes("PmmSkpDiimpor") == []


def test_pmm_failures_are_logged_with_their_reason(world):
    _identity(world)
    _register(world, "guru1")
    httpx.post(f"{world.pmm.url}/_sandbox/faults?reset=1", json={"error_rate": 1.0})
    world.api.post("admin", "/pmm/sinkron", json={})
    world.kerjakan()
    (entry,) = world.api.get("admin", "/pmm/log").get_json()
    assert entry["status"] == "GAGAL" and entry["kode"] == "PMM_TIDAK_TERSEDIA"
    assert entry["keterangan"].startswith("PMM tidak dapat dihubungi")
    httpx.post(f"{world.pmm.url}/_sandbox/faults?reset=1", json={})
    world.api.post("admin", "/pmm/sinkron", json={})
    world.kerjakan()
    latest = world.api.get("admin", "/pmm/log").get_json()[0]
    assert latest["keterangan"] == "Data SKP tidak ditemukan di PMM"


def test_a_teacher_syncs_himself_and_nobody_else(world):
    _identity(world)
    _register(world, "guru1")
    minter = world.api.minter
    guru = minter.headers("guru1", instansi_id="i-1", nama="GURU1")
    r = world.api.client.post("/pmm/sinkron", json={}, headers=guru)
    assert r.status_code == 202, r.get_json()
    assert world.api.client.get(r.headers["Location"].split("/integration")[-1],
                                headers=guru).status_code == 200
    assert world.api.client.post("/pmm/sinkron", json={"pegawai_id": "guru2"},
                                 headers=guru).status_code == 404
    other = minter.headers("guru2", instansi_id="i-1")
    assert world.api.client.post("/pmm/sinkron", json={}, headers=other).status_code == 403
    assert world.api.client.get("/pmm/log", headers=guru).status_code == 403
    assert world.api.post("admin", "/pmm/pengguna", json={"nip": NIP["guru1"]}).status_code == 409
    assert world.api.post("admin", "/pmm/pengguna", json={"nip": "199901012020011999"}
                          ).status_code == 422
    assert world.api.delete("admin", "/pmm/pengguna/guru1").status_code == 204
    assert httpx.get(f"{world.pmm.url}/_sandbox/pengguna").json() == []


def test_registration_answers_503_and_saves_nothing_when_pmm_is_down(world):
    _identity(world)
    httpx.post(f"{world.pmm.url}/_sandbox/faults?reset=1", json={"error_rate": 1.0})
    r = world.api.post("admin", "/pmm/pengguna", json={"nip": NIP["guru1"]})
    assert r.status_code == 503 and r.get_json()["detail"].startswith("PMM tidak dapat")
    assert world.api.get("admin", "/pmm/pengguna").get_json() == []


def test_the_plt_mapping_is_listed_and_removed(world):
    _identity(world)
    r = world.api.post("admin", "/pmm/sinkron-plt", json={"pasangan": [
        {"pmm_sekolah": "20101", "unor_id": "u-sd9"}, {"pmm_sekolah": "20102",
                                                      "unor_id": "u-sd1"}]})
    assert r.status_code == 200
    daftar = world.api.get("admin", "/pmm/sinkron-plt").get_json()
    assert [(p["pmm_sekolah"], p["unor_id"], p["unor_nama"]) for p in daftar] == [
        ("20101", "u-sd9", "SD N 9 Contoh"), ("20102", "u-sd1", "SD N 1 Contoh")]
    assert world.api.delete("admin", "/pmm/sinkron-plt/20101").status_code == 204
    assert [p["pmm_sekolah"] for p in world.api.get("admin", "/pmm/sinkron-plt").get_json()] \
        == ["20102"]
    assert world.api.delete("admin", "/pmm/sinkron-plt/20101").status_code == 404
    r = world.api.post("admin", "/pmm/sinkron-plt", json={"pasangan": [
        {"pmm_sekolah": "20103", "unor_id": "u-tidak-ada"}]})
    assert r.status_code == 422 and "pasangan.0.unor_id" in r.get_json()["errors"]
