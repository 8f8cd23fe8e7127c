"""Helpers for the event-bus integration tests (real PostgreSQL and RabbitMQ).

Test modules reach these helpers through the ``bus`` fixture. Each test gets its own vhost (``vhost_url``) so queues, bindings and messages of one test never
reach another, and its own producer and consumer databases.

A producer database holds ``unor`` (the state) and the outbox; a consumer database holds
``effect`` (one row per applied event, deliberately without a unique key so a double apply would
show) and the inbox.
"""
from __future__ import annotations

import subprocess
import time
import uuid
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Callable
from urllib.parse import unquote, urlsplit

import pika
import pytest
from sqlalchemy import Column, Integer, String, Table, func, select
from sqlalchemy.engine import Engine

from kinerja_shared.db import UnitOfWork, make_engine, make_session_factory, naming_metadata
from kinerja_shared.events.contracts.identity import UnorDihapus, UnorDiperbarui
from kinerja_shared.messaging import add_messaging_tables
from kinerja_shared.messaging.dispatcher import EventDispatcher
from kinerja_shared.messaging.rabbitmq import connection_parameters

metadata = naming_metadata()
outbox_table, inbox_table = add_messaging_tables(metadata)
unor = Table("unor", metadata, Column("id", String(36), primary_key=True),
             Column("nama", String(200), nullable=False))
effect = Table("effect", metadata, Column("id", Integer, primary_key=True, autoincrement=True),
               Column("event_id", String(36), nullable=False),
               Column("aggregate_id", String(100), nullable=False))


def wait_until(condition: Callable[[], bool], timeout: float = 60.0, interval: float = 0.05) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` passes; return its last value."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() >= deadline:
            return bool(condition())
        time.sleep(interval)


def unor_event(name: str = "Bagian Umum", *, unor_id: str | None = None) -> UnorDiperbarui:
    return UnorDiperbarui(id=unor_id or str(uuid.uuid4()), instansi_id="inst-1", nama=name)


def record_effect(payload, envelope, uow: UnitOfWork) -> None:
    uow.session.execute(effect.insert().values(event_id=str(envelope.event_id),
                                               aggregate_id=envelope.aggregate_id))


def always_fails(payload, envelope, uow: UnitOfWork) -> None:
    raise RuntimeError("this handler never succeeds")


@dataclass
class Database:
    url: str
    engine: Engine

    def uow(self) -> UnitOfWork:
        return UnitOfWork(make_session_factory(self.engine))

    def count(self, table: Table, *where) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()

    def effects_of(self, event_id: str) -> int:
        return self.count(effect, effect.c.event_id == event_id)


def make_dispatcher(db: Database, consumer: str, handlers=None) -> EventDispatcher:
    handlers = handlers if handlers is not None else {"UnorDiperbarui": record_effect}
    return EventDispatcher(consumer, db.uow, handlers)


def produce(db: Database, event: UnorDiperbarui) -> str:
    """Change state and stage the event in one transaction; return the event id."""
    with db.uow() as uow:
        uow.session.execute(unor.insert().values(id=event.id, nama=event.nama))
        envelope = uow.add_event(event, aggregate_id=event.id, instansi_id=event.instansi_id)
        uow.commit()
    return str(envelope.event_id)


def queue_depth(amqp_url: str, queue: str) -> int:
    """Ready messages in ``queue`` (0 when it does not exist yet)."""
    connection = pika.BlockingConnection(connection_parameters(amqp_url))
    try:
        return connection.channel().queue_declare(queue, passive=True).method.message_count
    except pika.exceptions.ChannelClosedByBroker:
        return 0
    finally:
        if connection.is_open:
            connection.close()


def get_one(amqp_url: str, queue: str):
    """Take one message off ``queue`` (acked): ``(properties, body)`` or None."""
    connection = pika.BlockingConnection(connection_parameters(amqp_url))
    try:
        channel = connection.channel()
        method, properties, body = channel.basic_get(queue, auto_ack=True)
        return None if method is None else (properties, body)
    finally:
        connection.close()


def close_broker_connections(amqp_url: str) -> int:
    """Close, from the broker's side, every client connection of this test's vhost only."""
    vhost = unquote(urlsplit(amqp_url).path.lstrip("/"))
    listing = subprocess.run(
        ["rabbitmqctl", "list_connections", "--no-table-headers", "-q", "pid", "vhost"],
        capture_output=True, text=True, timeout=60, check=True).stdout
    pids = [line.split("\t")[0] for line in listing.splitlines()
            if line.strip() and line.split("\t")[-1] == vhost]
    for pid in pids:
        subprocess.run(["rabbitmqctl", "close_connection", pid, "test: broker went away"],
                       capture_output=True, timeout=60, check=True)
    return len(pids)


@pytest.fixture
def vhost_url(make_amqp_vhost) -> str:
    return make_amqp_vhost("kinerja-bus")


def _database(make_pg_database) -> Database:
    url = make_pg_database("kinerja_bus")
    engine = make_engine(url)
    metadata.create_all(engine)
    return Database(url, engine)


@pytest.fixture
def producer_db(make_pg_database):
    db = _database(make_pg_database)
    yield db
    db.engine.dispose()


@pytest.fixture
def consumer_db(make_pg_database):
    db = _database(make_pg_database)
    yield db
    db.engine.dispose()


@pytest.fixture
def running():
    """Collects relays, consumers and publishers a test started and stops them afterwards."""
    started: list = []
    yield started.append
    for thing in reversed(started):
        if hasattr(thing, "stop"):
            thing.stop()
        else:
            thing.close()


@pytest.fixture
def service_name() -> str:
    return f"svc-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def bus() -> SimpleNamespace:
    """The helpers above, for tests (test modules do not import conftest)."""
    return SimpleNamespace(
        wait_until=wait_until, unor_event=unor_event, record_effect=record_effect,
        always_fails=always_fails, make_dispatcher=make_dispatcher, produce=produce,
        queue_depth=queue_depth, get_one=get_one,
        close_broker_connections=close_broker_connections, effect=effect, unor=unor,
        outbox=outbox_table, inbox=inbox_table, UnorDihapus=UnorDihapus,
    )
