"""SkpDisetujui through real RabbitMQ (RabbitPublisher -> quorum queue -> RabbitConsumer ->
penilaian's dispatcher) lands as penilaian rows; a redelivered message is applied once."""
from __future__ import annotations

import time
from datetime import date

from sqlalchemy import func, select

from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.events.contracts.common import PegawaiRingkas
from kinerja_shared.messaging.outbox import OutgoingMessage
from kinerja_shared.messaging.rabbitmq import RabbitConsumer, RabbitPublisher
from kinerja_shared.testing.service import make_test_runtime
from penilaian.adapters.tables import inbox, penilaian


def _message(payload, aggregate_id: str) -> tuple[OutgoingMessage, EventEnvelope]:
    env = EventEnvelope.wrap(payload, aggregate_id=aggregate_id, instansi_id="inst-rmq")
    return OutgoingMessage(str(env.event_id), env.event_type, env.routing_key, env.to_json()), env


def _wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_skp_disetujui_over_rabbitmq_is_idempotent_under_redelivery(make_pg_database,
                                                                     make_amqp_vhost):
    runtime = make_test_runtime("penilaian", make_pg_database("penilaian_rmq"))
    amqp = make_amqp_vhost("penilaian-rmq")
    consumer = RabbitConsumer(amqp, "penilaian", runtime.dispatcher, prefetch=50)
    consumer.start()
    try:
        assert consumer.wait_ready(15)
        periode = idev.PeriodeDiperbarui(id="per-1", instansi_id="inst-rmq", tahun=2099,
                                         nama="Tahunan", awal=date(2099, 1, 1),
                                         akhir=date(2099, 12, 31),
                                         batas_pengisian=date(2100, 1, 31), final=True)
        messages = [_message(periode, "per-1")[0]]
        for i in range(20):
            messages.append(_message(skpev.SkpDisetujui(
                skp_id=f"skp-{i}", pegawai=PegawaiRingkas(id=f"peg-{i}", nama="P"),
                jenis="JF_JA", pendekatan="KUANTITATIF", model="PERMENPAN_6_2022",
                periode_awal=date(2099, 1, 1), periode_akhir=date(2099, 12, 31),
                pejabat_penilai=PegawaiRingkas(id="kepala", nama="K")), f"skp-{i}")[0])
        with RabbitPublisher(amqp) as publisher:
            publisher.publish_batch(messages)
            publisher.publish_batch(messages[1:6])  # the same events delivered again

        def count(table):
            with runtime.engine.connect() as conn:
                return conn.execute(select(func.count()).select_from(table)).scalar()

        assert _wait_for(lambda: count(inbox) == 21)
        time.sleep(0.5)  # give any duplicate a chance to (wrongly) apply
        assert count(penilaian) == 20
        with runtime.engine.connect() as conn:
            assert conn.execute(select(func.count(func.distinct(penilaian.c.skp_id)))).scalar() == 20
    finally:
        consumer.stop()
        runtime.dispose()
