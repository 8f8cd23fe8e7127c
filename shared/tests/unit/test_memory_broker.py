"""The in-memory broker keeps RabbitMQ's semantics: routing, redelivery, dead-letter after N,
and a message counts as done only after the handler's transaction committed (SQLite here)."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Column, Integer, String, Table, func, select

from kinerja_shared.db import UnitOfWork, make_engine, make_session_factory, naming_metadata
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts.identity import PegawaiDihapus, UnorDihapus, UnorDiperbarui
from kinerja_shared.messaging import add_messaging_tables
from kinerja_shared.messaging.dispatcher import EventDispatcher
from kinerja_shared.messaging.memory import InMemoryBroker, topic_matches
from kinerja_shared.messaging.outbox import OutgoingMessage

metadata = naming_metadata()
_outbox, inbox = add_messaging_tables(metadata)
effect = Table("effect", metadata, Column("id", Integer, primary_key=True, autoincrement=True),
               Column("event_id", String(36), nullable=False))


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'consumer.db'}")
    metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def broker():
    broker = InMemoryBroker(delivery_limit=3, retry_delay=0.0)
    yield broker
    broker.stop()


def count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def record(payload, envelope, uow: UnitOfWork) -> None:
    uow.session.execute(effect.insert().values(event_id=str(envelope.event_id)))


def dispatcher(engine, consumer: str, handlers) -> EventDispatcher:
    session_factory = make_session_factory(engine)
    return EventDispatcher(consumer, lambda: UnitOfWork(session_factory), handlers)


def message(payload) -> OutgoingMessage:
    envelope = EventEnvelope.wrap(payload, aggregate_id=payload.id)
    return OutgoingMessage(str(envelope.event_id), envelope.event_type, envelope.routing_key,
                           envelope.to_json())


def unor() -> UnorDiperbarui:
    return UnorDiperbarui(id=str(uuid.uuid4()), instansi_id="i", nama="Bagian Umum")


@pytest.mark.parametrize("pattern, key, matches", [
    ("identity.UnorDiperbarui", "identity.UnorDiperbarui", True),
    ("identity.*", "identity.UnorDiperbarui", True),
    ("*.UnorDiperbarui", "identity.UnorDiperbarui", True),
    ("#", "identity.UnorDiperbarui", True),
    ("identity.#", "identity.UnorDiperbarui", True),
    ("identity.*", "skp.SkpDisetujui", False),
    ("identity.UnorDiperbarui", "identity.UnorDihapus", False),
    ("identity", "identity.UnorDiperbarui", False),
])
def test_topic_patterns_match_like_rabbitmq(pattern, key, matches):
    assert topic_matches(pattern, key) is matches


def test_a_message_reaches_every_queue_bound_to_its_key_and_no_other(engine, broker):
    subscriptions = {
        "reporting": {"UnorDiperbarui": record, "UnorDihapus": record},
        "skp": {"UnorDiperbarui": record},
        "keberatan": {"PegawaiDihapus": record},
    }
    for name, handlers in subscriptions.items():
        broker.start_consumer(name, dispatcher(engine, name, handlers))

    broker.publish_batch([message(unor()), message(UnorDihapus(id="u", instansi_id="i"))])
    broker.join()

    with engine.connect() as conn:
        rows = conn.execute(select(inbox.c.consumer, func.count()).group_by(inbox.c.consumer))
        assert dict(rows.all()) == {"reporting": 2, "skp": 1}


def test_a_failed_attempt_rolls_back_and_the_redelivery_applies_once(engine, broker):
    calls: list[str] = []

    def flaky(payload, envelope, uow):
        calls.append(str(envelope.event_id))
        record(payload, envelope, uow)  # written, then the handler fails: rolled back
        if len(calls) == 1:
            raise RuntimeError("database hiccup")

    broker.start_consumer("skp", dispatcher(engine, "skp", {"UnorDiperbarui": flaky}))
    msg = message(unor())
    broker.publish_batch([msg])
    broker.join()

    assert calls == [msg.event_id, msg.event_id]
    assert count(engine, effect) == 1
    assert count(engine, inbox) == 1
    assert broker.dead_letters("skp") == []


def test_a_message_that_keeps_failing_is_dead_lettered_after_the_limit_and_others_flow(
        engine, broker):
    calls: list[str] = []

    def fails(payload, envelope, uow):
        calls.append(str(envelope.event_id))
        raise RuntimeError("never")

    broker.start_consumer("skp", dispatcher(engine, "skp", {
        "UnorDiperbarui": record, "UnorDihapus": fails}))
    poison = message(UnorDihapus(id="u", instansi_id="i"))
    broker.publish_batch([poison, *[message(unor()) for _ in range(5)]])
    broker.join()

    assert calls == [poison.event_id] * 3
    [(dead, reason)] = broker.dead_letters("skp")
    assert dead.event_id == poison.event_id and "never" in reason
    assert count(engine, effect) == 5


def test_an_unusable_message_is_dead_lettered_without_retry(engine, broker):
    broker.start_consumer("skp", dispatcher(engine, "skp", {"UnorDiperbarui": record}))
    broker.publish_batch([OutgoingMessage("x", "UnorDiperbarui", "identity.UnorDiperbarui",
                                          b"{not json")])
    broker.join()

    [(dead, reason)] = broker.dead_letters("skp")
    assert dead.event_id == "x" and "unusable" in reason
    assert count(engine, inbox) == 0


def test_a_duplicate_is_acknowledged_without_running_the_handler_again(engine, broker):
    broker.start_consumer("skp", dispatcher(engine, "skp", {"UnorDiperbarui": record}))
    msg = message(unor())
    broker.publish_batch([msg, msg])
    broker.publish_batch([msg])
    broker.join()

    assert count(engine, effect) == 1
    assert broker.dead_letters("skp") == []


def test_join_returns_only_after_the_handlers_transaction_committed(engine, broker):
    broker.start_consumer("skp", dispatcher(engine, "skp", {"UnorDiperbarui": record}))
    batch = [message(unor()) for _ in range(50)]
    broker.publish_batch(batch)
    broker.join("skp")

    # A fresh connection sees every effect and inbox row: nothing was "done" before its commit.
    assert count(engine, effect) == 50
    assert count(engine, inbox) == 50


def test_an_event_without_subscribers_is_dropped_quietly(broker):
    broker.declare_queue("skp", ["identity.UnorDiperbarui"])
    broker.publish_batch([message(PegawaiDihapus(id="p", instansi_id="i"))])
    assert broker.dead_letters("skp") == []


def test_with_a_store_what_was_published_and_not_consumed_survives_a_restart(engine, tmp_path):
    """The embedded mode's queues are durable: the relay deletes its outbox row once
    publish_batch returned, so the message must already be on disk; a restart delivers it, and
    one consumed is not delivered again (nor one dead-lettered, which stays listed)."""
    store = str(tmp_path / "broker.db")
    first = InMemoryBroker(delivery_limit=1, retry_delay=0.0, store=store)
    first.declare_queue("skp", ["identity.UnorDiperbarui", "identity.UnorDihapus"])
    consumed, pending = message(unor()), message(unor())
    first.start_consumer("skp", dispatcher(engine, "skp", {"UnorDiperbarui": record}))
    first.publish_batch([consumed])
    first.join("skp")
    first.stop()  # the consumer is gone; what comes now waits on disk
    stopped = InMemoryBroker(store=store)
    stopped.declare_queue("skp", ["identity.UnorDiperbarui", "identity.UnorDihapus"])
    poison = message(UnorDihapus(id="u", instansi_id="i"))
    stopped.publish_batch([pending, poison])
    stopped.stop()
    assert count(engine, effect) == 1

    def refuse(payload, envelope, uow):
        raise RuntimeError("never")

    again = InMemoryBroker(delivery_limit=1, retry_delay=0.0, store=store)
    again.start_consumer("skp", dispatcher(engine, "skp", {
        "UnorDiperbarui": record, "UnorDihapus": refuse}))
    again.join("skp")
    again.stop()
    with engine.connect() as conn:
        seen = set(conn.execute(select(effect.c.event_id)).scalars())
    assert seen == {consumed.event_id, pending.event_id}
    last = InMemoryBroker(store=store)
    assert [m.event_id for m, _ in last.dead_letters("skp")] == [poison.event_id]
    last.stop()


def test_the_relay_waits_longer_while_idle_and_at_once_less_after_rows():
    """``OutboxRelay.next_wait``: doubling from ``poll_interval`` up to ``idle_interval`` after
    looks that found nothing; back to ``poll_interval`` after a look that published."""
    from sqlalchemy import create_engine

    from kinerja_shared.messaging.relay import OutboxRelay

    relay = OutboxRelay(create_engine("sqlite://"), None, poll_interval=0.05, idle_interval=0.5)
    waits, wait = [], 0.05
    for _ in range(6):
        wait = relay.next_wait(wait, 0)
        waits.append(wait)
    assert waits == [0.1, 0.2, 0.4, 0.5, 0.5, 0.5]
    assert relay.next_wait(0.5, 3) == 0.05
    assert OutboxRelay(create_engine("sqlite://"), None, poll_interval=0.05,
                       idle_interval=0.01).idle_interval == 0.05  # never shorter than a poll
