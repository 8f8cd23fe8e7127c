"""RabbitConsumer: feeds one service's quorum queue to an ``EventDispatcher``.

The connection thread (``run``) only moves frames: it hands each delivery to a single worker
thread and keeps servicing heartbeats, however long a handler takes (ARCHITECTURE.md, engineering
notes). The worker runs ``dispatcher.handle(body)`` in delivery order and only after it returned
(the handler's transaction and inbox row have committed) asks the connection thread, through
``add_callback_threadsafe``, to settle the delivery:

- handled (applied or duplicate) -> ack (consecutive acks coalesce into one ``multiple`` ack);
- an event type this consumer has no handler for (``Outcome.IGNORED``) -> it is not ours to
  drop: a newer release of this service bound it (``kinerja migrate`` binds only subscribed
  types and removes the rest), and this process is an old replica in a rolling deploy. The
  message goes back to the queue (nack with requeue) and this consumer STEPS ASIDE: it cancels
  its subscription for ``step_aside_pause`` seconds, so the newer replicas get the queue; the
  messages it already holds are still settled. Should no replica handle the type, the message
  is dead-lettered once it reached the delivery limit: never acked into the void;
- ``PoisonMessage`` -> reject without requeue: dead-lettered to ``<service>.dead`` at once;
- any other error -> nack with requeue after a growing pause, until the message has been tried
  ``delivery_limit`` times; then reject, so it is dead-lettered. The queue's ``x-delivery-limit``
  is the broker-side backstop for consumers that die mid-message.

A consumer killed between commit and ack gets the message again; the inbox makes that harmless.
pika has no automatic recovery: a lost connection is rebuilt with backoff.
"""
from __future__ import annotations

import enum
import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from functools import partial

import pika
from pika.exceptions import AMQPError

from .dispatcher import EventDispatcher, Outcome, PoisonMessage, is_transient
from .rabbitmq_topology import DEFAULT_EXCHANGE, connection_parameters, declare_topology

log = logging.getLogger(__name__)


class _Action(enum.Enum):
    ACK = "ack"
    REJECT = "reject"  # dead-letter now
    RETRY = "retry"  # nack with requeue
    STEP_ASIDE = "step_aside"  # nack with requeue, and stop consuming for a while


@dataclass(eq=False)
class _Session:
    """One connection and channel; deliveries of a dead session are left to the broker."""

    connection: pika.BlockingConnection
    channel: object
    alive: bool = True
    in_hand: int = 0
    pending: list[tuple[_Action, int]] = field(default_factory=list)
    drain_scheduled: bool = False
    consumer_tag: str | None = None  # None while stepped aside
    resume_at: float = 0.0


def delivery_attempt(properties, method) -> int:
    """1 for a first delivery; quorum queues count earlier returns in ``x-delivery-count``."""
    headers = properties.headers or {}
    if "x-delivery-count" in headers:
        return int(headers["x-delivery-count"]) + 1
    return 2 if method.redelivered else 1


class RabbitConsumer:
    def __init__(
        self,
        amqp_url: str,
        queue_name: str,
        dispatcher: EventDispatcher,
        *,
        prefetch: int = 200,
        delivery_limit: int = 5,
        exchange: str = DEFAULT_EXCHANGE,
        retry_delay: float = 0.1,
        max_retry_delay: float = 5.0,
        reconnect_delay: float = 0.5,
        max_reconnect_delay: float = 30.0,
        batch_size: int = 100,
        step_aside_pause: float = 60.0,
    ) -> None:
        self.amqp_url = amqp_url
        self.queue_name = queue_name
        self.dispatcher = dispatcher
        self.prefetch = prefetch
        self.delivery_limit = delivery_limit
        self.exchange = exchange
        self.retry_delay = retry_delay
        self.max_retry_delay = max_retry_delay
        self.reconnect_delay = reconnect_delay
        self.max_reconnect_delay = max_reconnect_delay
        self.batch_size = max(1, batch_size)
        self.step_aside_pause = step_aside_pause
        self.steps_aside = 0  # how often this consumer left the queue to a newer release
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._work: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._was_consuming = False
        self.connections_made = 0

    # -- lifecycle --------------------------------------------------------------------------
    def run(self) -> None:
        """Consume until ``stop()``; reconnect with backoff whenever the connection is lost."""
        worker = threading.Thread(target=self._work_loop, name=f"{self.queue_name}-worker",
                                  daemon=True)
        worker.start()
        delay = self.reconnect_delay
        try:
            while not self._stop.is_set():
                try:
                    self._consume_once()
                except (AMQPError, OSError) as exc:
                    if self._stop.is_set():
                        break
                    if self._was_consuming:
                        delay = self.reconnect_delay  # it worked until now: retry promptly
                        self._was_consuming = False
                    log.warning("consumer %s: connection lost (%r); reconnecting in %.1fs",
                                self.queue_name, exc, delay)
                    self._stop.wait(delay)
                    delay = min(delay * 2, self.max_reconnect_delay)
        finally:
            self._work.put(None)
            worker.join(10)

    def start(self) -> threading.Thread:
        """Run on a daemon thread (tests, the embedded runner); see ``wait_ready``."""
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, name=f"{self.queue_name}-consumer",
                                        daemon=True)
        self._thread.start()
        return self._thread

    def wait_ready(self, timeout: float = 10.0) -> bool:
        """True once the topology is declared and the consumer is registered."""
        return self._ready.wait(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    # -- connection thread ------------------------------------------------------------------
    def _consume_once(self) -> None:
        connection = pika.BlockingConnection(connection_parameters(self.amqp_url))
        self.connections_made += 1
        session = None
        try:
            channel = connection.channel()
            declare_topology(channel, self.exchange, self.queue_name,
                             self.dispatcher.routing_keys, self.delivery_limit)
            channel.basic_qos(prefetch_count=self.prefetch)
            session = _Session(connection, channel)
            self._subscribe(session)
            self._was_consuming = True
            self._ready.set()
            while not self._stop.is_set():
                connection.process_data_events(time_limit=0.2)
                if session.consumer_tag is None and time.monotonic() >= session.resume_at:
                    log.info("consumer %s: consuming again after stepping aside",
                             self.queue_name)
                    self._subscribe(session)
            if session.consumer_tag is not None:
                channel.basic_cancel(session.consumer_tag)
            self._finish_in_hand(session)
        finally:
            self._ready.clear()
            if session is not None:
                session.alive = False
            if connection.is_open:
                try:
                    connection.close()
                except (AMQPError, OSError):
                    pass

    def _subscribe(self, session: _Session) -> None:
        session.consumer_tag = session.channel.basic_consume(
            self.queue_name, partial(self._on_message, session))

    def _step_aside(self, session: _Session) -> None:
        """Leave the queue to newer replicas for a while (connection thread)."""
        if session.consumer_tag is None:
            return
        log.warning("consumer %s: got an event type this release does not handle; a newer "
                    "release is consuming the queue, stepping aside for %.0fs",
                    self.queue_name, self.step_aside_pause)
        tag, session.consumer_tag = session.consumer_tag, None
        self.steps_aside += 1
        session.resume_at = time.monotonic() + self.step_aside_pause
        session.channel.basic_cancel(tag)  # undelivered prefetched messages return to the queue

    def _finish_in_hand(self, session: _Session, timeout: float = 10.0) -> None:
        """On stop: let the worker settle the message it holds (others return to the queue)."""
        deadline = threading.Event()
        timer = threading.Timer(timeout, deadline.set)
        timer.start()
        try:
            while not deadline.is_set():
                with self._lock:
                    if session.in_hand == 0 and not session.pending:
                        return
                session.connection.process_data_events(time_limit=0.05)
        finally:
            timer.cancel()

    def _on_message(self, session: _Session, _channel, method, properties, body) -> None:
        with self._lock:
            session.in_hand += 1
        self._work.put((session, method, properties, body))

    def _drain(self, session: _Session) -> None:
        with self._lock:
            actions, session.pending = session.pending, []
            session.drain_scheduled = False
        channel = session.channel
        last_ack = None
        for action, tag in actions:
            if action is _Action.ACK:
                last_ack = tag
                continue
            if last_ack is not None:
                channel.basic_ack(last_ack, multiple=True)
                last_ack = None
            if action is _Action.REJECT:
                channel.basic_reject(tag, requeue=False)
            else:
                channel.basic_nack(tag, multiple=False, requeue=True)
                if action is _Action.STEP_ASIDE:
                    self._step_aside(session)
        if last_ack is not None:
            channel.basic_ack(last_ack, multiple=True)

    # -- worker thread ----------------------------------------------------------------------
    def _work_loop(self) -> None:
        while (item := self._work.get()) is not None:
            batch = [item]
            while len(batch) < self.batch_size:  # whatever else has already arrived
                try:
                    nxt = self._work.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    self._work.put(None)  # keep the stop signal for the outer loop
                    break
                batch.append(nxt)
            try:
                self._process(batch)
            finally:
                with self._lock:
                    for session, *_ in batch:
                        session.in_hand -= 1

    def _process(self, batch: list) -> None:
        """One transaction for the batch when it has several messages (each in a savepoint, so
        a failing handler is rolled back and counted alone); one by one otherwise."""
        live = [item for item in batch if item[0].alive and not self._stop.is_set()]
        results = None
        if len(live) > 1:
            try:
                results = self._retry_transient(
                    lambda: self.dispatcher.handle_batch([body for *_, body in live]))
            except Exception:  # noqa: BLE001 - nothing of the batch applied: one by one
                if self._stop.is_set():
                    return  # unsettled messages return to the queue with the connection
                log.warning("consumer %s: batch of %d failed; handling one by one",
                            self.queue_name, len(live), exc_info=True)
        if results is None:
            for session, method, properties, body in live:
                if session.alive and not self._stop.is_set():
                    self._settle(session, self._handle(method, properties, body),
                                 method.delivery_tag)
            return
        for (session, method, properties, _body), result in zip(live, results):
            if isinstance(result, Exception):
                action = self._failure(result, method, properties)
            else:
                action = self._handled(result, method, properties)
            self._settle(session, action, method.delivery_tag)

    def _retry_transient(self, call):
        """Run ``call``; while it fails for a transient reason (the database is away), wait and
        try again without counting an attempt. Stops (re-raising) only when the consumer stops."""
        delay = self.retry_delay
        while True:
            try:
                return call()
            except Exception as exc:  # noqa: BLE001
                if not is_transient(exc) or self._stop.is_set():
                    raise
                log.warning("consumer %s: transient failure (%r); retrying in %.1fs",
                            self.queue_name, exc, delay)
                self._stop.wait(delay)
                delay = min(delay * 2, self.max_retry_delay)

    def _handle(self, method, properties, body: bytes) -> _Action:
        try:
            outcome = self._retry_transient(lambda: self.dispatcher.handle(body))
        except Exception as exc:  # noqa: BLE001 - any handler failure is retried, then dead-lettered
            return self._failure(exc, method, properties)
        return self._handled(outcome, method, properties)

    def _handled(self, outcome, method, properties) -> _Action:
        if outcome is not Outcome.IGNORED:
            return _Action.ACK
        attempt = delivery_attempt(properties, method)
        if attempt >= self.delivery_limit:
            log.error("consumer %s: no replica handles %s (%s) after %d deliveries; "
                      "dead-lettering it", self.queue_name, properties.message_id,
                      properties.type, attempt)
            return _Action.REJECT
        return _Action.STEP_ASIDE

    def _failure(self, exc: Exception, method, properties) -> _Action:
        """Dead-letter a poison message now; retry another failure until the delivery limit."""
        if isinstance(exc, PoisonMessage):
            log.error("consumer %s: dead-lettering unusable message %s: %s", self.queue_name,
                      properties.message_id, exc)
            return _Action.REJECT
        if self._stop.is_set():
            return _Action.RETRY
        attempt = delivery_attempt(properties, method)
        if attempt >= self.delivery_limit:
            log.error("consumer %s: %s failed %d times; dead-lettering: %r", self.queue_name,
                      properties.message_id, attempt, exc)
            return _Action.REJECT
        log.warning("consumer %s: %s failed (attempt %d of %d): %r; retrying", self.queue_name,
                    properties.message_id, attempt, self.delivery_limit, exc)
        self._stop.wait(min(self.retry_delay * 2 ** (attempt - 1), self.max_retry_delay))
        return _Action.RETRY

    def _settle(self, session: _Session, action: _Action, delivery_tag: int) -> None:
        with self._lock:
            session.pending.append((action, delivery_tag))
            if session.drain_scheduled:
                return
            session.drain_scheduled = True
        try:
            session.connection.add_callback_threadsafe(partial(self._drain, session))
        except Exception:  # noqa: BLE001 - connection gone: the broker redelivers the message
            session.alive = False
