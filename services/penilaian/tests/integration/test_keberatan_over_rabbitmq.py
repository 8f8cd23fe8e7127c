"""A keberatan decision reaches consumers as a new PredikatFinal revision through real RabbitMQ:
penilaian's outbox -> OutboxRelay + RabbitPublisher -> fresh vhost -> RabbitConsumer -> a tiny
consumer (its own inbox) that keeps the newest revision of each penilaian."""
from __future__ import annotations

import threading
import time
from datetime import date, datetime, timezone

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.db import UnitOfWork, make_engine, make_session_factory, naming_metadata
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.events.contracts.common import PegawaiRingkas
from kinerja_shared.events.contracts.keberatan import KeberatanDiputuskan
from kinerja_shared.messaging import add_messaging_tables
from kinerja_shared.messaging.dispatcher import EventDispatcher
from kinerja_shared.messaging.rabbitmq import RabbitConsumer, RabbitPublisher
from kinerja_shared.messaging.relay import OutboxRelay
from kinerja_shared.testing.service import make_test_runtime

INSTANSI = "inst-keberatan"
SESUAI, DI_BAWAH = "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"


class PredikatFinalLog:
    """The consumer side: every PredikatFinal it applied, and the newest revision per penilaian
    (what a reader such as reporting keeps)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, int, str]] = []
        self.terbaru: dict[str, tuple[int, str]] = {}
        self.changed = threading.Condition()

    def handle(self, payload, _envelope, _uow) -> None:
        with self.changed:
            self.seen.append((payload.penilaian_id, payload.revisi, payload.predikat))
            if payload.revisi > self.terbaru.get(payload.penilaian_id, (0, ""))[0]:
                self.terbaru[payload.penilaian_id] = (payload.revisi, payload.predikat)
            self.changed.notify_all()

    def wait_for(self, penilaian_id: str, revisi: int, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        with self.changed:
            while self.terbaru.get(penilaian_id, (0, ""))[0] < revisi:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.changed.wait(left)
            return True


def _feed(runtime, payload, aggregate_id):
    body = EventEnvelope.wrap(payload, aggregate_id=aggregate_id, instansi_id=INSTANSI).to_json()
    runtime.dispatcher.handle(body)


def _penilaian_ditetapkan(runtime, minter) -> str:
    """A final period, a kepala and one staff member whose SKP is approved; the kepala rates
    (Sesuai / Di Bawah -> KURANG) and sets the predikat: PredikatFinal revisi 1."""
    _feed(runtime, idev.InstansiDiperbarui(id=INSTANSI, nama="Pemda", revisi=1), INSTANSI)
    _feed(runtime, idev.PeriodeDiperbarui(
        id="per-final", instansi_id=INSTANSI, tahun=2099, nama="Tahunan", awal=date(2099, 1, 1),
        akhir=date(2099, 12, 31), batas_pengisian=date(2100, 1, 31), final=True, revisi=1),
        "per-final")
    _feed(runtime, idev.UnorDiperbarui(id="u-1", instansi_id=INSTANSI, nama="Unit", revisi=1),
          "u-1")
    for pid, jenis in (("kepala", "PIMPINAN"), ("staf", "PEGAWAI")):
        _feed(runtime, idev.PegawaiDiperbarui(id=pid, instansi_id=INSTANSI, nama=pid,
                                              unor_id="u-1", jenis_jabatan=jenis, revisi=1), pid)
    _feed(runtime, skpev.SkpDisetujui(
        skp_id="skp-staf", instansi_id=INSTANSI, unor_id="u-1",
        pegawai=PegawaiRingkas(id="staf", nama="Staf", unor_id="u-1"), jenis="JF_JA",
        pendekatan="KUANTITATIF", model="PERMENPAN_6_2022", periode_awal=date(2099, 1, 1),
        periode_akhir=date(2099, 12, 31), pejabat_penilai=PegawaiRingkas(id="kepala", nama="K"),
        atasan_pejabat_penilai=PegawaiRingkas(id="atasan", nama="A")), "skp-staf")
    client = runtime.create_app().test_client()
    kepala = minter.headers("kepala", instansi_id=INSTANSI)
    [pen] = client.get("/penilaian", query_string={"pegawai_id": "staf"}, headers=kepala).json
    r = client.put(f"/penilaian/{pen['id']}/rating", json={
        "rating_hasil_kerja": SESUAI, "rating_perilaku": DI_BAWAH}, headers=kepala)
    assert r.status_code == 200 and r.json["predikat"] == "KURANG", r.json
    r = client.post(f"/penilaian/{pen['id']}/tetapkan", headers=kepala)
    assert r.status_code == 200 and r.json["revisi"] == 1, r.json
    return pen["id"]


def test_a_consumer_sees_the_new_predikat_final_revision_after_keberatan_diputuskan(
        make_pg_database, make_amqp_vhost, tmp_path):
    minter = TokenMinter()
    runtime = make_test_runtime("penilaian", make_pg_database("penilaian_keberatan"),
                                key_source=minter.key_source)
    vhost = make_amqp_vhost("penilaian-keberatan")
    metadata = naming_metadata()
    add_messaging_tables(metadata)
    consumer_engine = make_engine(f"sqlite:///{tmp_path}/reader.db")
    metadata.create_all(consumer_engine)
    factory = make_session_factory(consumer_engine)
    log = PredikatFinalLog()
    dispatcher = EventDispatcher("reader-test", lambda: UnitOfWork(factory),
                                 {"PredikatFinal": log.handle})
    consumer = RabbitConsumer(vhost, "reader-test", dispatcher, prefetch=10)
    publisher = RabbitPublisher(vhost)
    consumer.start()
    try:
        assert consumer.wait_ready(30)
        relay = OutboxRelay(runtime.engine, publisher)
        pid = _penilaian_ditetapkan(runtime, minter)
        assert relay.drain() >= 2  # PredikatDitetapkan + PredikatFinal
        assert log.wait_for(pid, 1), log.seen
        assert log.terbaru[pid] == (1, "KURANG")

        _feed(runtime, KeberatanDiputuskan(
            keberatan_id="kb-1", penilaian_id=pid, pegawai_id="staf", keputusan="DISETUJUI",
            uraian="Bukti dukung lengkap", rating_perilaku=SESUAI, predikat_sebelum="KURANG",
            pemutus=PegawaiRingkas(id="atasan", nama="Atasan"),
            diputuskan_at=datetime(2100, 2, 1, tzinfo=timezone.utc)), "kb-1")
        assert relay.drain() >= 2
        assert log.wait_for(pid, 2), log.seen
    finally:
        consumer.stop()
        publisher.close()
        consumer_engine.dispose()
        runtime.dispose()
    assert log.terbaru[pid] == (2, "BAIK")
    assert [(r, p) for i, r, p in log.seen if i == pid] == [(1, "KURANG"), (2, "BAIK")]
