"""Outbox -> relay -> RabbitMQ -> consumer, on real PostgreSQL and RabbitMQ."""
from __future__ import annotations

import socket
import threading
from urllib.parse import urlsplit, urlunsplit

import pytest
from sqlalchemy import select

from kinerja_shared.db import make_engine
from kinerja_shared.messaging.rabbitmq import RabbitConsumer, RabbitPublisher
from kinerja_shared.messaging.relay import OutboxRelay


def _consumer(bus, vhost_url, service_name, consumer_db, running, **kwargs) -> RabbitConsumer:
    consumer = RabbitConsumer(vhost_url, service_name,
                              bus.make_dispatcher(consumer_db, service_name), **kwargs)
    consumer.start()
    running(consumer)
    assert consumer.wait_ready(30)
    return consumer


def _relay(engine, publisher, running, **kwargs) -> OutboxRelay:
    running(publisher)
    relay = OutboxRelay(engine, publisher, poll_interval=0.02, **kwargs)
    relay.start()
    running(relay)
    return relay


def _closed_port_url(amqp_url: str) -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    parts = urlsplit(amqp_url)
    netloc = f"{parts.username}:{parts.password}@127.0.0.1:{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def test_state_change_and_event_commit_together_and_a_rollback_publishes_nothing(
        bus, vhost_url, service_name, producer_db, consumer_db, running):
    committed = bus.unor_event("Bagian Umum")
    committed_id = bus.produce(producer_db, committed)
    assert producer_db.count(bus.unor) == 1
    assert producer_db.count(bus.outbox, bus.outbox.c.event_id == committed_id) == 1

    rolled_back = bus.unor_event("Bagian Keuangan")
    with producer_db.uow() as uow:
        uow.session.execute(bus.unor.insert().values(id=rolled_back.id, nama=rolled_back.nama))
        uow.add_event(rolled_back, aggregate_id=rolled_back.id)
        # no commit: leaving the block rolls back state and event together
    assert producer_db.count(bus.unor, bus.unor.c.id == rolled_back.id) == 0
    assert producer_db.count(bus.outbox) == 1

    _consumer(bus, vhost_url, service_name, consumer_db, running)
    _relay(producer_db.engine, RabbitPublisher(vhost_url), running)
    marker_id = bus.produce(producer_db, bus.unor_event("Bagian Sesudahnya"))
    assert bus.wait_until(lambda: consumer_db.effects_of(marker_id) == 1)
    assert consumer_db.effects_of(committed_id) == 1
    assert consumer_db.count(bus.effect, bus.effect.c.aggregate_id == rolled_back.id) == 0
    assert consumer_db.count(bus.effect) == 2
    assert producer_db.count(bus.outbox) == 0  # published rows leave the outbox


def test_events_wait_in_the_outbox_while_the_broker_is_unreachable(
        bus, vhost_url, service_name, producer_db, consumer_db, running):
    event_id = bus.produce(producer_db, bus.unor_event())
    assert producer_db.count(bus.unor) == 1  # the state committed without the broker

    unreachable = RabbitPublisher(_closed_port_url(vhost_url), connect_timeout=5)
    running(unreachable)
    relay_down = OutboxRelay(producer_db.engine, unreachable)
    for _ in range(2):
        with pytest.raises(Exception):
            relay_down.run_once()
    with producer_db.engine.connect() as conn:
        row = conn.execute(select(bus.outbox).where(bus.outbox.c.event_id == event_id)).one()
    assert row.sent_at is None  # still waiting; nothing lost
    assert row.attempts == 2 and row.last_error  # each failed attempt is recorded

    _consumer(bus, vhost_url, service_name, consumer_db, running)
    publisher = RabbitPublisher(vhost_url)  # the broker "returns"
    running(publisher)
    assert OutboxRelay(producer_db.engine, publisher).drain() == 1
    assert bus.wait_until(lambda: consumer_db.effects_of(event_id) == 1)
    assert producer_db.count(bus.outbox, bus.outbox.c.sent_at.is_(None)) == 0


def test_relay_and_consumer_recover_when_the_broker_drops_their_connections(
        bus, vhost_url, service_name, producer_db, consumer_db, running):
    consumer = _consumer(bus, vhost_url, service_name, consumer_db, running)
    _relay(producer_db.engine, RabbitPublisher(vhost_url), running)
    first = bus.produce(producer_db, bus.unor_event())
    assert bus.wait_until(lambda: consumer_db.effects_of(first) == 1)

    assert bus.close_broker_connections(vhost_url) >= 2  # the relay's and the consumer's
    second = bus.produce(producer_db, bus.unor_event())

    assert bus.wait_until(lambda: consumer_db.effects_of(second) == 1)
    assert consumer.connections_made >= 2
    assert consumer_db.count(bus.effect) == 2


class CountingPublisher:
    """Records every event id a relay got confirmed, to prove no row was published twice."""

    def __init__(self, inner: RabbitPublisher) -> None:
        self.inner = inner
        self.published: list[str] = []

    def publish_batch(self, messages) -> None:
        self.inner.publish_batch(messages)
        self.published.extend(m.event_id for m in messages)

    def close(self) -> None:
        self.inner.close()


def test_two_relays_at_once_publish_each_event_once_and_it_is_applied_once(
        bus, vhost_url, service_name, producer_db, consumer_db, running, make_pg_database):
    total = 3000
    _consumer(bus, vhost_url, service_name, consumer_db, running, prefetch=300)
    for start in range(0, total, 250):
        with producer_db.uow() as uow:
            for i in range(start, start + 250):
                event = bus.unor_event(f"Unor {i}")
                uow.add_event(event, aggregate_id=event.id)
            uow.commit()

    publishers = [CountingPublisher(RabbitPublisher(vhost_url)) for _ in range(2)]
    engines = [make_engine(producer_db.url) for _ in range(2)]
    go = threading.Event()
    relays = [OutboxRelay(engine, publisher, batch_size=100, poll_interval=0.01, name=f"r{i}")
              for i, (engine, publisher) in enumerate(zip(engines, publishers))]
    threads = [threading.Thread(target=lambda r=r: (go.wait(), r.drain())) for r in relays]
    try:
        for thread in threads:
            thread.start()
        go.set()
        for thread in threads:
            thread.join(120)
        assert not any(thread.is_alive() for thread in threads)
    finally:
        for publisher, engine in zip(publishers, engines):
            publisher.close()
            engine.dispose()

    published = publishers[0].published + publishers[1].published
    assert len(published) == total
    assert len(set(published)) == total  # SKIP LOCKED: no row went out twice
    assert producer_db.count(bus.outbox, bus.outbox.c.sent_at.is_(None)) == 0
    assert bus.wait_until(lambda: consumer_db.count(bus.effect) >= total, timeout=120)
    with consumer_db.engine.connect() as conn:
        distinct = conn.execute(select(bus.effect.c.event_id).distinct()).all()
    assert len(distinct) == total
    assert bus.wait_until(lambda: bus.queue_depth(vhost_url, service_name) == 0)
    assert consumer_db.count(bus.effect) == total


def test_with_a_retention_published_rows_are_kept_marked_sent_and_purged_once_older(
        bus, producer_db):
    from datetime import datetime, timedelta, timezone

    from sqlalchemy import update

    from kinerja_shared.testing.service import RecordingPublisher

    ids = [bus.produce(producer_db, bus.unor_event(f"Unor {i}")) for i in range(3)]
    publisher = RecordingPublisher()
    relay = OutboxRelay(producer_db.engine, publisher, retention=3600)
    assert relay.drain() == 3
    assert [m.event_id for m in publisher.messages] == ids
    assert producer_db.count(bus.outbox) == 3  # kept, for inspection
    assert producer_db.count(bus.outbox, bus.outbox.c.sent_at.is_(None)) == 0
    assert relay.drain() == 0  # a kept row is never published again

    # one row published two hours ago: older than the retention, so purged; the others stay
    with producer_db.engine.begin() as conn:
        conn.execute(update(bus.outbox).where(bus.outbox.c.event_id == ids[0])
                     .values(sent_at=datetime.now(timezone.utc) - timedelta(hours=2)))
    assert relay.purge() == 1
    assert producer_db.count(bus.outbox) == 2
    assert producer_db.count(bus.outbox, bus.outbox.c.event_id == ids[0]) == 0


def test_without_a_retention_the_relay_deletes_what_it_published_and_keeps_what_failed(
        bus, producer_db):
    from kinerja_shared.testing.service import RecordingPublisher

    published = bus.produce(producer_db, bus.unor_event("Bagian Umum"))
    assert OutboxRelay(producer_db.engine, RecordingPublisher()).drain() == 1
    assert producer_db.count(bus.outbox) == 0
    assert OutboxRelay(producer_db.engine, RecordingPublisher()).purge() == 0

    class Broken:
        def publish_batch(self, messages):
            raise ConnectionError("broker away")

    waiting = bus.produce(producer_db, bus.unor_event("Bagian Keuangan"))
    with pytest.raises(ConnectionError):
        OutboxRelay(producer_db.engine, Broken()).run_once()
    assert producer_db.count(bus.outbox, bus.outbox.c.event_id == waiting,
                             bus.outbox.c.attempts == 1) == 1
    assert published != waiting



def test_an_idle_relay_looks_less_often_yet_publishes_the_next_commit(bus, producer_db, running):
    """After looks that found nothing the relay waits up to ``idle_interval``; the next commit
    is still published (by the next look), and a burst after it goes out in full."""
    from kinerja_shared.testing.service import RecordingPublisher

    publisher = RecordingPublisher()
    relay = OutboxRelay(producer_db.engine, publisher, poll_interval=0.01, idle_interval=0.3,
                        batch_size=10, name="jeda")
    looks = []
    run_once = relay.run_once
    relay.run_once = lambda: looks.append(run_once()) or looks[-1]
    relay.start()
    running(relay)
    assert bus.wait_until(lambda: len(looks) >= 8, timeout=30)  # idle: the waits have grown
    first = bus.produce(producer_db, bus.unor_event("Bagian Umum"))
    assert bus.wait_until(lambda: any(m.event_id == first for m in publisher.messages), timeout=30)
    burst = [bus.produce(producer_db, bus.unor_event(f"Bagian {i}")) for i in range(25)]
    assert bus.wait_until(lambda: len(publisher.messages) == 26, timeout=30)
    assert {m.event_id for m in publisher.messages} == {first, *burst}
