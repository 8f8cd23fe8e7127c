"""In-memory broker for the embedded mode, with RabbitMQ's semantics where they matter:
topic routing, a queue per consuming service, delivery on a background thread, ack only after
the handler's transaction commits, redelivery on failure and a dead-letter list after
``delivery_limit`` failed attempts. Messages are lost with the process, which is why the outbox
(on disk) stays the source of truth: on start, unsent rows are published again.
"""
from __future__ import annotations

import logging
import queue
import re
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


@dataclass
class _Queue:
    name: str
    patterns: list[str]
    items: "queue.Queue[_Delivery | None]" = field(default_factory=queue.Queue)
    dead: list[tuple[OutgoingMessage, str]] = field(default_factory=list)
    thread: threading.Thread | None = None


class InMemoryBroker:
    def __init__(self, *, delivery_limit: int = 5, retry_delay: float = 0.05) -> None:
        self.delivery_limit = delivery_limit
        self.retry_delay = retry_delay
        self._queues: dict[str, _Queue] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()

    # -- topology ---------------------------------------------------------------------------
    def declare_queue(self, name: str, routing_keys: Sequence[str]) -> None:
        with self._lock:
            q = self._queues.setdefault(name, _Queue(name, []))
            q.patterns = sorted(set(q.patterns) | set(routing_keys))

    # -- publishing (the relay's Publisher protocol) ----------------------------------------
    def publish_batch(self, messages: Sequence[OutgoingMessage]) -> None:
        with self._lock:
            queues = list(self._queues.values())
        for message in messages:
            for q in queues:
                if any(topic_matches(p, message.routing_key) for p in q.patterns):
                    q.items.put(_Delivery(message))

    # -- consuming --------------------------------------------------------------------------
    def start_consumer(self, queue_name: str, dispatcher: EventDispatcher) -> threading.Thread:
        self.declare_queue(queue_name, dispatcher.routing_keys)
        q = self._queues[queue_name]
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
                    self._stop.wait(self.retry_delay)
                    q.items.put(delivery)
            finally:
                q.items.task_done()

    def _dead_letter(self, q: _Queue, delivery: _Delivery, reason: str) -> None:
        log.error("dead-lettering %s from %s: %s", delivery.message.event_id, q.name, reason)
        q.dead.append((delivery.message, reason))

    def dead_letters(self, queue_name: str) -> list[tuple[OutgoingMessage, str]]:
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
