"""SkpDisetujui leaves skp's outbox, crosses a real RabbitMQ (fresh vhost) and reaches a
consumer with the whole snapshot: RHK, indikator, perilaku with penilai and ekspektasi, penilai
and atasan penilai snapshots, Matriks Peran Hasil."""
from __future__ import annotations

import threading

from kinerja_shared.db import UnitOfWork, make_engine, make_session_factory, naming_metadata
from kinerja_shared.messaging import add_messaging_tables
from kinerja_shared.messaging.dispatcher import EventDispatcher
from kinerja_shared.messaging.rabbitmq import RabbitConsumer, RabbitPublisher
from kinerja_shared.messaging.relay import OutboxRelay

TAHUN = {"periode_awal": "2026-01-01", "periode_akhir": "2026-12-31"}


def _consumer_uow(tmp_path):
    """The consumer's own database (its inbox); SQLite keeps this test about the broker."""
    metadata = naming_metadata()
    add_messaging_tables(metadata)
    engine = make_engine(f"sqlite:///{tmp_path}/consumer.db")
    metadata.create_all(engine)
    factory = make_session_factory(engine)
    return engine, lambda: UnitOfWork(factory)


def _approved_skp(api) -> str:
    jpt = api.post("kadis", "/skp", TAHUN).json
    rid = api.post("kadis", f"/skp/{jpt['id']}/rhk", {"uraian": "Pelayanan prima"}).json["rhk"][0]["id"]
    api.post("kadis", f"/skp/{jpt['id']}/rhk/{rid}/indikator",
             {"uraian": "IKM", "target": 85, "satuan": "indeks", "perspektif": "PENERIMA_LAYANAN"})
    assert api.post("kadis", f"/skp/{jpt['id']}/ajukan").json["status"] == "DISETUJUI"
    api.put("kadis", f"/skp/{jpt['id']}/rhk/{rid}/matriks-peran", {"kolom": ["Survei"], "baris": [
        {"pegawai_id": "kabid1", "jabatan_tim": "KETUA", "peran": ["Koordinasi survei"]}]})
    peran = api.get("kabid1", "/peran-saya").json[0]["id"]
    sid = api.post("kabid1", "/skp", TAHUN).json["id"]
    r = api.post("kabid1", f"/skp/{sid}/rhk", {"peran_id": peran}).json["rhk"][0]["id"]
    api.post("kabid1", f"/skp/{sid}/rhk/{r}/indikator", {"uraian": "Laporan survei", "aspek": "KUANTITAS",
                                                        "target": 2, "target_maks": 4, "satuan": "laporan"})
    api.put("kabid1", f"/skp/{sid}/perilaku/HARMONIS", {"penilai": "BAWAHAN", "penilai_pegawai_id": "jf1"})
    api.put("kadis", f"/skp/{sid}/perilaku/HARMONIS/ekspektasi", {"ekspektasi_khusus": "Rukun"})
    api.post("kabid1", f"/skp/{sid}/ajukan")
    assert api.post("kadis", f"/skp/{sid}/setujui").json["status"] == "DISETUJUI"
    return sid


def test_skp_disetujui_reaches_a_consumer_through_rabbitmq_with_the_whole_plan(
        api, runtime, make_amqp_vhost, tmp_path):
    sid = _approved_skp(api)
    seen, arrived = [], threading.Event()

    def record(payload, envelope, uow):
        seen.append(payload)
        if payload.skp_id == sid:
            arrived.set()

    vhost = make_amqp_vhost("kinerja-skp")
    engine, uow_factory = _consumer_uow(tmp_path)
    dispatcher = EventDispatcher("penilaian-test", uow_factory, {"SkpDisetujui": record})
    consumer = RabbitConsumer(vhost, "penilaian-test", dispatcher)
    publisher = RabbitPublisher(vhost)
    consumer.start()
    try:
        assert consumer.wait_ready(30)
        assert OutboxRelay(runtime.engine, publisher).drain() >= 4
        assert arrived.wait(30), f"SkpDisetujui of {sid} not consumed; got {seen}"
    finally:
        consumer.stop()
        publisher.close()
        engine.dispose()
    snap = [p for p in seen if p.skp_id == sid][-1]
    assert (snap.jenis, snap.model, snap.pendekatan) == ("JF_JA", "PERMENPAN_6_2022", "KUANTITATIF")
    assert snap.pegawai.id == "kabid1" and snap.pegawai.unor_nama == "Bidang Satu"
    assert snap.pejabat_penilai.id == "kadis" and snap.pejabat_penilai.nip
    assert snap.atasan_pejabat_penilai is None  # the kadis heads the top unit
    (rhk,) = snap.rhk
    assert rhk.uraian == "Koordinasi survei" and rhk.peran_id and rhk.rhk_atasan_id
    assert [(i.aspek, i.target, i.target_maks, i.satuan) for i in rhk.indikator] == [
        ("KUANTITAS", "2", "4", "laporan")]
    harmonis = next(p for p in snap.perilaku if p.aspek == "HARMONIS")
    assert (harmonis.penilai, harmonis.penilai_pegawai_id, harmonis.ekspektasi_khusus) == (
        "BAWAHAN", "jf1", "Rukun")
    assert len(snap.perilaku) == 7 and all(len(p.indikator) == 3 for p in snap.perilaku)
    jpt = [p for p in seen if p.skp_id != sid][-1]  # the JPT's revision carrying its matrix
    assert jpt.rhk[0].matriks_peran[0].peran == ["Koordinasi survei"]
    assert jpt.revisi > [p for p in seen if p.skp_id != sid][0].revisi
