"""RabbitConsumer on real RabbitMQ and PostgreSQL: duplicates, crashes, poison, slow handlers."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import uuid
from pathlib import Path

import pika

from kinerja_shared.events import EventEnvelope
from kinerja_shared.messaging.dispatcher import Outcome
from kinerja_shared.messaging.outbox import OutgoingMessage
from kinerja_shared.messaging.rabbitmq import (
    RabbitConsumer,
    RabbitPublisher,
    connection_parameters,
    declare_topology,
)


def message_for(payload, *, aggregate_id: str | None = None) -> OutgoingMessage:
    envelope = EventEnvelope.wrap(payload, aggregate_id=aggregate_id or payload.id)
    return OutgoingMessage(str(envelope.event_id), envelope.event_type, envelope.routing_key,
                           envelope.to_json())


def start_consumer(vhost_url, service_name, dispatcher, running, **kwargs) -> RabbitConsumer:
    consumer = RabbitConsumer(vhost_url, service_name, dispatcher, **kwargs)
    consumer.start()
    running(consumer)
    assert consumer.wait_ready(30)
    return consumer


def publisher(vhost_url, running) -> RabbitPublisher:
    pub = RabbitPublisher(vhost_url)
    running(pub)
    return pub


class Recording:
    """Wraps a dispatcher and records each outcome by event id (same interface)."""

    def __init__(self, dispatcher) -> None:
        self.inner = dispatcher
        self.routing_keys = dispatcher.routing_keys
        self.outcomes: list[tuple[str, Outcome]] = []

    def handle(self, body: bytes) -> Outcome:
        outcome = self.inner.handle(body)
        self.outcomes.append((str(EventEnvelope.from_json(body).event_id), outcome))
        return outcome

    def handle_batch(self, bodies: list[bytes]) -> list:
        results = self.inner.handle_batch(bodies)
        for body, result in zip(bodies, results):
            if isinstance(result, Outcome):
                self.outcomes.append((str(EventEnvelope.from_json(body).event_id), result))
        return results


class Deliveries:
    """Wraps a dispatcher and counts how often each event was delivered to it (a delivery is
    one message in one ``handle`` or ``handle_batch`` call; a batch may run a handler twice
    internally to isolate a failure, but that is still one delivery)."""

    def __init__(self, dispatcher) -> None:
        self.inner = dispatcher
        self.routing_keys = dispatcher.routing_keys
        self.seen: list[str] = []

    def _note(self, body: bytes) -> None:
        try:
            self.seen.append(str(EventEnvelope.from_json(body).event_id))
        except ValueError:
            self.seen.append("<unparseable>")

    def handle(self, body: bytes):
        self._note(body)
        return self.inner.handle(body)

    def handle_batch(self, bodies: list[bytes]):
        for body in bodies:
            self._note(body)
        return self.inner.handle_batch(bodies)

    def count(self, event_id: str) -> int:
        return self.seen.count(event_id)


def test_a_duplicate_delivery_is_applied_once(bus, vhost_url, service_name, consumer_db, running):
    dispatcher = Recording(bus.make_dispatcher(consumer_db, service_name))
    start_consumer(vhost_url, service_name, dispatcher, running)
    twice = message_for(bus.unor_event())
    marker = message_for(bus.unor_event())

    pub = publisher(vhost_url, running)
    pub.publish_batch([twice])
    pub.publish_batch([twice, marker])

    assert bus.wait_until(lambda: consumer_db.effects_of(marker.event_id) == 1)
    assert consumer_db.effects_of(twice.event_id) == 1
    assert [o for e, o in dispatcher.outcomes if e == twice.event_id] == [
        Outcome.APPLIED, Outcome.DUPLICATE]


CRASHING_CONSUMER = textwrap.dedent("""
    import importlib.util, os, signal, sys
    spec = importlib.util.spec_from_file_location("bus_conftest", sys.argv[1])
    helpers = sys.modules["bus_conftest"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(helpers)
    from kinerja_shared.db import make_engine
    from kinerja_shared.messaging.rabbitmq import RabbitConsumer

    db_url, amqp_url, service = sys.argv[2:5]
    db = helpers.Database(db_url, make_engine(db_url))
    dispatcher = helpers.make_dispatcher(db, service)

    class DieBeforeAck:
        routing_keys = dispatcher.routing_keys

        def handle(self, body):
            dispatcher.handle(body)  # effect and inbox row committed...
            os.kill(os.getpid(), signal.SIGKILL)  # ...and the process dies before acking

    RabbitConsumer(amqp_url, service, DieBeforeAck(), prefetch=10).run()
""")


def test_a_consumer_killed_between_commit_and_ack_gets_the_message_again_and_applies_it_once(
        bus, vhost_url, service_name, consumer_db, running):
    dispatcher = bus.make_dispatcher(consumer_db, service_name)
    connection = pika.BlockingConnection(connection_parameters(vhost_url))
    declare_topology(connection.channel(), "kinerja.events", service_name,
                     dispatcher.routing_keys, 5)
    connection.close()
    event = message_for(bus.unor_event())
    publisher(vhost_url, running).publish_batch([event])

    conftest_path = Path(__file__).with_name("conftest.py")
    child = subprocess.run(
        [sys.executable, "-c", CRASHING_CONSUMER, str(conftest_path), consumer_db.url,
         vhost_url, service_name],
        capture_output=True, text=True, timeout=120, env=os.environ.copy())
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert consumer_db.effects_of(event.event_id) == 1  # committed before the crash

    recording = Recording(dispatcher)
    start_consumer(vhost_url, service_name, recording, running)
    assert bus.wait_until(lambda: (event.event_id, Outcome.DUPLICATE) in recording.outcomes)
    assert consumer_db.effects_of(event.event_id) == 1
    assert bus.wait_until(lambda: bus.queue_depth(vhost_url, service_name) == 0)


def test_a_message_that_keeps_failing_is_dead_lettered_after_the_delivery_limit(
        bus, vhost_url, service_name, consumer_db, running):
    attempts: list[str] = []

    def fails(payload, envelope, uow):
        attempts.append(str(envelope.event_id))
        raise RuntimeError("cannot apply this one")

    dispatcher = Deliveries(bus.make_dispatcher(consumer_db, service_name, {
        "UnorDiperbarui": bus.record_effect, "UnorDihapus": fails}))
    start_consumer(vhost_url, service_name, dispatcher, running, delivery_limit=3,
                   retry_delay=0.01)
    poison = message_for(bus.UnorDihapus(id=str(uuid.uuid4()), instansi_id="inst-1"))
    good = [message_for(bus.unor_event(f"Unor {i}")) for i in range(20)]

    publisher(vhost_url, running).publish_batch([good[0], poison, *good[1:]])

    dead = f"{service_name}.dead"
    assert bus.wait_until(lambda: bus.queue_depth(vhost_url, dead) == 1)
    assert bus.wait_until(lambda: consumer_db.count(bus.effect) == 20)
    assert dispatcher.count(poison.event_id) == 3  # exactly the delivery limit
    assert set(attempts) == {poison.event_id}
    properties, _body = bus.get_one(vhost_url, dead)
    assert properties.message_id == poison.event_id
    assert consumer_db.count(bus.inbox) == 20  # the failed attempts left nothing behind


def test_an_unparseable_message_is_dead_lettered_at_once(
        bus, vhost_url, service_name, consumer_db, running):
    dispatcher = Recording(bus.make_dispatcher(consumer_db, service_name))
    start_consumer(vhost_url, service_name, dispatcher, running, delivery_limit=5)
    garbage = OutgoingMessage(str(uuid.uuid4()), "UnorDiperbarui", "identity.UnorDiperbarui",
                              b"{not json")
    marker = message_for(bus.unor_event())

    publisher(vhost_url, running).publish_batch([garbage, marker])

    assert bus.wait_until(lambda: bus.queue_depth(vhost_url, f"{service_name}.dead") == 1)
    assert bus.wait_until(lambda: consumer_db.effects_of(marker.event_id) == 1)
    properties, body = bus.get_one(vhost_url, f"{service_name}.dead")
    assert body == b"{not json"
    assert properties.headers["x-death"][0]["count"] == 1  # delivered once, not retried
    assert properties.headers["x-death"][0]["reason"] == "rejected"


def test_a_handler_longer_than_the_heartbeat_timeout_keeps_its_connection(
        bus, vhost_url, service_name, consumer_db, running):
    release = threading.Event()

    def slow(payload, envelope, uow):
        release.wait(60)  # stands in for a long handler; heartbeats must go on meanwhile
        bus.record_effect(payload, envelope, uow)

    dispatcher = bus.make_dispatcher(consumer_db, service_name, {"UnorDiperbarui": slow})
    consumer = start_consumer(f"{vhost_url}?heartbeat=1", service_name, dispatcher, running)
    event = message_for(bus.unor_event())
    publisher(vhost_url, running).publish_batch([event])

    # Without heartbeats the broker drops a connection after ~2 missed 1 s intervals; give it
    # several times that while the handler is blocked.
    threading.Timer(6.0, release.set).start()
    assert bus.wait_until(lambda: consumer_db.effects_of(event.event_id) == 1)
    assert bus.wait_until(lambda: bus.queue_depth(vhost_url, service_name) == 0)
    assert consumer.connections_made == 1  # never dropped, so never reconnected


def _allow_connections(db, allowed: bool) -> None:
    """Make the consumer's database refuse (or accept again) new connections, and drop the
    existing ones: to the consumer, the database has gone away."""
    import psycopg

    name = db.engine.url.database
    admin = db.engine.url.set(database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS {str(allowed).lower()}')
        if not allowed:
            conn.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                         "where datname = %s", (name,))


def test_a_database_outage_delays_events_but_never_dead_letters_them(
        bus, vhost_url, service_name, consumer_db, running):
    dispatcher = bus.make_dispatcher(consumer_db, service_name)
    start_consumer(vhost_url, service_name, dispatcher, running, delivery_limit=2,
                   retry_delay=0.01, max_retry_delay=0.2)
    pub = publisher(vhost_url, running)
    first = message_for(bus.unor_event("Sebelum"))
    pub.publish_batch([first])
    assert bus.wait_until(lambda: consumer_db.effects_of(first.event_id) == 1)

    _allow_connections(consumer_db, False)
    try:
        during = [message_for(bus.unor_event(f"Selama {i}")) for i in range(5)]
        pub.publish_batch(during)
        # far longer than delivery_limit x retry delays: counted attempts would dead-letter
        threading.Event().wait(3)
        assert bus.queue_depth(vhost_url, f"{service_name}.dead") == 0
    finally:
        _allow_connections(consumer_db, True)
    assert bus.wait_until(lambda: all(consumer_db.effects_of(m.event_id) == 1 for m in during))
    assert bus.queue_depth(vhost_url, f"{service_name}.dead") == 0


def test_a_batch_commits_together_and_isolates_a_failing_handler(
        bus, vhost_url, service_name, consumer_db, running):
    """Many messages at once are applied in shared transactions; a handler failing in the
    middle of a batch is rolled back alone (savepoint) and retried, the others stay applied."""
    calls: list[str] = []

    def sometimes(payload, envelope, uow):
        calls.append(str(envelope.event_id))
        raise RuntimeError("not this one")

    dispatcher = Deliveries(bus.make_dispatcher(consumer_db, service_name, {
        "UnorDiperbarui": bus.record_effect, "UnorDihapus": sometimes}))
    connection = pika.BlockingConnection(connection_parameters(vhost_url))
    declare_topology(connection.channel(), "kinerja.events", service_name,
                     dispatcher.routing_keys, 2)
    connection.close()
    pub = publisher(vhost_url, running)
    good = [message_for(bus.unor_event(f"Unor {i}")) for i in range(300)]
    bad = message_for(bus.UnorDihapus(id=str(uuid.uuid4()), instansi_id="inst-1"))
    pub.publish_batch([*good[:150], bad, *good[150:]])  # queued before the consumer starts
    start_consumer(vhost_url, service_name, dispatcher, running, delivery_limit=2,
                   retry_delay=0.01, batch_size=100)

    assert bus.wait_until(lambda: bus.queue_depth(vhost_url, f"{service_name}.dead") == 1)
    assert bus.wait_until(lambda: consumer_db.count(bus.effect) == 300)
    assert dispatcher.count(bad.event_id) == 2 and set(calls) == {bad.event_id}
    assert all(dispatcher.count(m.event_id) == 1 for m in good)  # applied at first delivery
    assert consumer_db.count(bus.inbox) == 300


def test_an_old_replica_gives_a_newly_subscribed_event_back_to_the_new_release(
        bus, vhost_url, service_name, consumer_db, running):
    """Rolling deploy: the new release subscribes to UnorDihapus (``kinerja migrate`` bound it)
    while an old replica, which only knows UnorDiperbarui, still consumes the same queue. The
    old replica must not ack the new event type away: it requeues it and steps aside."""
    def record_dihapus(payload, envelope, uow):
        bus.record_effect(payload, envelope, uow)

    old_handlers = {"UnorDiperbarui": bus.record_effect}
    new_handlers = {"UnorDiperbarui": bus.record_effect, "UnorDihapus": record_dihapus}
    connection = pika.BlockingConnection(connection_parameters(vhost_url))
    declare_topology(connection.channel(), "kinerja.events", service_name,
                     bus.make_dispatcher(consumer_db, service_name, new_handlers).routing_keys, 5)
    connection.close()

    old = start_consumer(vhost_url, service_name,
                         bus.make_dispatcher(consumer_db, service_name, old_handlers), running)
    before = [message_for(bus.unor_event(f"Unor {i}")) for i in range(5)]
    dihapus = message_for(bus.UnorDihapus(id=str(uuid.uuid4()), instansi_id="inst-1"))
    publisher(vhost_url, running).publish_batch([*before, dihapus])
    assert bus.wait_until(lambda: old.steps_aside == 1)
    assert all(consumer_db.effects_of(m.event_id) == 1 for m in before)
    assert consumer_db.effects_of(dihapus.event_id) == 0  # not acked away by the old replica

    start_consumer(vhost_url, service_name,
                   bus.make_dispatcher(consumer_db, service_name, new_handlers), running)
    after = [message_for(bus.unor_event(f"Unor {i}")) for i in range(5, 10)]
    publisher(vhost_url, running).publish_batch(after)
    assert bus.wait_until(lambda: consumer_db.effects_of(dihapus.event_id) == 1)
    assert bus.wait_until(lambda: all(consumer_db.effects_of(m.event_id) == 1 for m in after))
    assert bus.queue_depth(vhost_url, f"{service_name}.dead") == 0


def test_an_event_type_no_replica_handles_ends_in_the_dead_letter_queue_not_the_void(
        bus, vhost_url, service_name, consumer_db, running):
    connection = pika.BlockingConnection(connection_parameters(vhost_url))
    declare_topology(connection.channel(), "kinerja.events", service_name,
                     ["identity.UnorDiperbarui", "identity.UnorDihapus"], 3)
    connection.close()
    consumer = start_consumer(vhost_url, service_name, bus.make_dispatcher(consumer_db,
                              service_name), running, delivery_limit=3, step_aside_pause=0.1)
    stray = message_for(bus.UnorDihapus(id=str(uuid.uuid4()), instansi_id="inst-1"))
    good = [message_for(bus.unor_event(f"Unor {i}")) for i in range(10)]
    publisher(vhost_url, running).publish_batch([stray, *good])

    assert bus.wait_until(lambda: bus.queue_depth(vhost_url, f"{service_name}.dead") == 1)
    assert bus.wait_until(lambda: all(consumer_db.effects_of(m.event_id) == 1 for m in good))
    assert consumer.steps_aside >= 1
    properties, _body = bus.get_one(vhost_url, f"{service_name}.dead")
    assert properties.message_id == stray.event_id
