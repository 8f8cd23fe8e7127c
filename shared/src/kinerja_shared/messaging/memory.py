"""In-process broker for the embedded mode, with RabbitMQ's semantics where they matter:
topic routing, a queue per consuming service, delivery on a background thread, ack only after
the handler's transaction commits, redelivery on failure and a dead-letter list after
``delivery_limit`` failed attempts.

Durable like RabbitMQ's queues when given a ``store`` file (the embedded mode keeps
``broker.db`` in its data folder): a published message is written to every matching queue in
one SQLite transaction before ``publish_batch`` returns (so the relay deletes its outbox row only
once the message is safe), and leaves the file only after the consumer's transaction committed.
A message published but not yet consumed when the process stops is delivered on the next start
(the inbox makes a repeat harmless). Without a store (unit tests) queues live in memory only.
"""
from __future__ import annotations

import logging
import queue
import re
import sqlite3
import threading
from dataclasses import dataclass, field
from typing import Sequence

from .dispatcher import EventDispatcher, PoisonMessage, is_transient
from .outbox import OutgoingMessage

log = logging.getLogger(__name__)


def topic_matches(pattern: str, routing_key: str) -> bool:
    """AMQP topic matching: ``*`` is one word, ``#`` zero or more."""
    regex = []
    for word in pattern.split("."):
        if word == "#":
            regex.append(r"(?:[^.]+(?:\.[^.]+)*)?")
        elif word == "*":
            regex.append(r"[^.]+")
        else:
            regex.append(re.escape(word))
    joined = r"\.".join(regex).replace(r"\.(?:[^.]+(?:\.[^.]+)*)?", r"(?:\.[^.]+)*")
    return re.fullmatch(joined, routing_key) is not None


@dataclass
class _Delivery:
    message: OutgoingMessage
    attempts: int = 0
    row_id: int | None = None  # in the store, when the broker has one


class _Store:
    """Pending and dead-lettered deliveries per queue in one SQLite file (WAL)."""

    def __init__(self, path: str) -> None:
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        self._closed = False
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS delivery (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                "queue TEXT NOT NULL, event_id TEXT NOT NULL, event_type TEXT NOT NULL, "
                "routing_key TEXT NOT NULL, body BLOB NOT NULL, attempts INTEGER NOT NULL, "
                "dead_reason TEXT)")
            self._conn.execute("CREATE INDEX IF NOT EXISTS ix_delivery_queue "
                               "ON delivery (queue, dead_reason, id)")

    def add(self, items: list[tuple[str, OutgoingMessage]]) -> list[int]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                ids = [self._conn.execute(
                    "INSERT INTO delivery (queue, event_id, event_type, routing_key, body, "
                    "attempts) VALUES (?, ?, ?, ?, ?, 0)",
                    (q, m.event_id, m.event_type, m.routing_key, m.body)).lastrowid
                    for q, m in items]
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        return ids

    def pending(self, queue_name: str) -> list[_Delivery]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, event_id, event_type, routing_key, body, attempts FROM delivery "
                "WHERE queue = ? AND dead_reason IS NULL ORDER BY id", (queue_name,)).fetchall()
        return [_Delivery(OutgoingMessage(r[1], r[2], r[3], bytes(r[4])), r[5], r[0])
                for r in rows]

    def done(self, row_id: int) -> None:
        with self._lock:
            if self._closed:  # stopping: the message is delivered again on the next start
                return
            self._conn.execute("DELETE FROM delivery WHERE id = ?", (row_id,))

    def attempted(self, row_id: int, attempts: int) -> None:
        with self._lock:
            if self._closed:
                return
            self._conn.execute("UPDATE delivery SET attempts = ? WHERE id = ?",
                               (attempts, row_id))

    def dead(self, row_id: int, reason: str) -> None:
        with self._lock:
            if self._closed:
                return
            self._conn.execute("UPDATE delivery SET dead_reason = ? WHERE id = ?",
                               (reason, row_id))

    def dead_letters(self, queue_name: str) -> list[tuple[OutgoingMessage, str]]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT event_id, event_type, routing_key, body, dead_reason FROM delivery "
                "WHERE queue = ? AND dead_reason IS NOT NULL ORDER BY id",
                (queue_name,)).fetchall()
        return [(OutgoingMessage(r[0], r[1], r[2], bytes(r[3])), r[4]) for r in rows]

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._conn.close()


@dataclass
class _Queue:
    name: str
    patterns: list[str]
    items: "queue.Queue[_Delivery | None]" = field(default_factory=queue.Queue)
    dead: list[tuple[OutgoingMessage, str]] = field(default_factory=list)
    thread: threading.Thread | None = None


class InMemoryBroker:
    def __init__(self, *, delivery_limit: int = 5, retry_delay: float = 0.05,
                 store: str | None = None) -> None:
        self.delivery_limit = delivery_limit
        self.retry_delay = retry_delay
        self._queues: dict[str, _Queue] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._store = _Store(store) if store else None

    # -- topology ---------------------------------------------------------------------------
    def declare_queue(self, name: str, routing_keys: Sequence[str]) -> None:
        with self._lock:
            q = self._queues.setdefault(name, _Queue(name, []))
            q.patterns = sorted(set(q.patterns) | set(routing_keys))

    # -- publishing (the relay's Publisher protocol) ----------------------------------------
    def publish_batch(self, messages: Sequence[OutgoingMessage]) -> None:
        with self._lock:
            queues = list(self._queues.values())
        routed = [(q, message) for message in messages for q in queues
                  if any(topic_matches(p, message.routing_key) for p in q.patterns)]
        row_ids: list[int | None] = [None] * len(routed)
        if self._store is not None and routed:  # safe on disk before the relay forgets it
            row_ids = list(self._store.add([(q.name, m) for q, m in routed]))
        for (q, message), row_id in zip(routed, row_ids):
            q.items.put(_Delivery(message, row_id=row_id))

    # -- consuming --------------------------------------------------------------------------
    def start_consumer(self, queue_name: str, dispatcher: EventDispatcher) -> threading.Thread:
        self.declare_queue(queue_name, dispatcher.routing_keys)
        q = self._queues[queue_name]
        if self._store is not None:  # what a previous run published and never consumed
            for delivery in self._store.pending(queue_name):
                q.items.put(delivery)
        q.thread = threading.Thread(target=self._consume, args=(q, dispatcher),
                                    name=f"memory-consumer-{queue_name}", daemon=True)
        q.thread.start()
        return q.thread

    def _consume(self, q: _Queue, dispatcher: EventDispatcher) -> None:
        while not self._stop.is_set():
            delivery = q.items.get()
            if delivery is None:
                break
            delivery.attempts += 1
            try:
                dispatcher.handle(delivery.message.body)
                self._forget(delivery)
            except PoisonMessage as exc:
                self._dead_letter(q, delivery, str(exc))
            except Exception as exc:  # noqa: BLE001 - any handler failure is retried
                log.warning("consumer %s failed on %s (attempt %d)", q.name,
                            delivery.message.event_id, delivery.attempts, exc_info=True)
                if is_transient(exc):  # the database is away: not the message's fault
                    delivery.attempts -= 1
                    self._stop.wait(self.retry_delay * 10)
                    q.items.put(delivery)
                elif delivery.attempts >= self.delivery_limit:
                    self._dead_letter(q, delivery, repr(exc))
                else:
                    if self._store is not None and delivery.row_id is not None:
                        self._store.attempted(delivery.row_id, delivery.attempts)
                    self._stop.wait(self.retry_delay)
                    q.items.put(delivery)
            finally:
                q.items.task_done()

    def _forget(self, delivery: _Delivery) -> None:
        if self._store is not None and delivery.row_id is not None:
            self._store.done(delivery.row_id)

    def _dead_letter(self, q: _Queue, delivery: _Delivery, reason: str) -> None:
        log.error("dead-lettering %s from %s: %s", delivery.message.event_id, q.name, reason)
        q.dead.append((delivery.message, reason))
        if self._store is not None and delivery.row_id is not None:
            self._store.dead(delivery.row_id, reason)

    def dead_letters(self, queue_name: str) -> list[tuple[OutgoingMessage, str]]:
        """Messages of ``queue_name`` that were dead-lettered (kept in the store, when the
        broker has one, across restarts)."""
        if self._store is not None:
            return self._store.dead_letters(queue_name)
        return list(self._queues[queue_name].dead)

    def join(self, queue_name: str | None = None) -> None:
        """Block until every queued message has been handled (tests and scripts)."""
        names = [queue_name] if queue_name else list(self._queues)
        for name in names:
            self._queues[name].items.join()

    def stop(self) -> None:
        self._stop.set()
        for q in self._queues.values():
            q.items.put(None)
        for q in self._queues.values():
            if q.thread is not None:
                q.thread.join(2)
        if self._store is not None:
            self._store.close()
