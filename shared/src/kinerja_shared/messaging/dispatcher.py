"""Transport-independent consumer logic: parse, dedupe via the inbox, run the handler, commit.

A transport (RabbitMQ or in-memory) calls ``EventDispatcher.handle(body)`` and acknowledges
only after it returns; the handler's effect and the inbox row have committed by then.
``PoisonMessage`` means the message can never succeed (not an envelope, or a payload that does
not fit its contract): the transport dead-letters it at once. An event type without a handler
here (an unknown contract included) is ``Outcome.IGNORED``: what to do with it is the
transport's call (RabbitMQ: give it back to a newer replica). Any other exception is retried
until the delivery limit.

A handler takes one event: ``handler(payload, envelope, uow)``. A handler marked with
``@batch_handler`` takes every event of one type that a batch holds in a row:
``handler([(payload, envelope), ...], uow)``, so it can write them with one statement
(an ``executemany``) instead of one per event. Order is kept: a batch is cut into runs of
consecutive events with the same handler. When a batch has to be re-applied message by message
(a handler failed), a batch handler is called with one event at a time.
"""
from __future__ import annotations

import enum
import logging
from typing import Callable, Mapping, Sequence, Union

from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from ..context import correlation_id_var
from ..db.uow import UnitOfWork
from ..events import EventEnvelope, EventPayload, UnknownEventType, payload_class
from .inbox import record_many, record_once

log = logging.getLogger(__name__)

EventHandler = Callable[[EventPayload, EventEnvelope, UnitOfWork], None]
BatchHandler = Callable[[Sequence[tuple[EventPayload, EventEnvelope]], UnitOfWork], None]
Handler = Union[EventHandler, BatchHandler]


def batch_handler(fn: BatchHandler) -> BatchHandler:
    """Mark ``fn`` as set-wise: it is called with a list of ``(payload, envelope)``."""
    fn.kinerja_batch = True  # type: ignore[attr-defined]
    return fn


def is_batch_handler(handler: Handler) -> bool:
    return bool(getattr(handler, "kinerja_batch", False))


def _call(handler: Handler, items: Sequence[tuple[EventPayload, EventEnvelope]],
          uow: UnitOfWork) -> None:
    """Run ``handler`` on ``items`` (several only for a batch handler), with the correlation id
    of the events in the context (of the first, when they differ) so events it stages carry it."""
    token = correlation_id_var.set(items[0][1].correlation_id)
    try:
        if is_batch_handler(handler):
            handler(items, uow)  # type: ignore[call-arg]
        else:
            (payload, envelope), = items
            handler(payload, envelope, uow)  # type: ignore[call-arg]
    finally:
        correlation_id_var.reset(token)


class PoisonMessage(Exception):
    """The message can never be handled; dead-letter it without retrying."""


def is_transient(exc: BaseException) -> bool:
    """A failure of the infrastructure (database unreachable, connection dropped, serialization
    conflict), not of the message: retry it in place without counting it as an attempt, so an
    outage delays events instead of filling the dead-letter queue."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


class Outcome(enum.Enum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"


class EventDispatcher:
    def __init__(
        self,
        consumer: str,
        uow_factory: Callable[[], UnitOfWork],
        handlers: Mapping[str, Handler],
    ) -> None:
        self.consumer = consumer
        self.uow_factory = uow_factory
        self.handlers = dict(handlers)
        for event_type in self.handlers:
            payload_class(event_type)  # fail fast on a typo in a subscription list

    @property
    def routing_keys(self) -> list[str]:
        return sorted(f"{payload_class(t).producer}.{t}" for t in self.handlers)

    def handle(self, body: bytes) -> Outcome:
        envelope = self._envelope(body)
        handler = self.handlers.get(envelope.event_type)
        if handler is None:
            return Outcome.IGNORED
        payload = self._payload(envelope)
        with self.uow_factory() as uow:
            if not record_once(uow.session, consumer=self.consumer,
                               event_id=str(envelope.event_id),
                               event_type=envelope.event_type):
                return Outcome.DUPLICATE
            _call(handler, [(payload, envelope)], uow)
            uow.commit()
        return Outcome.APPLIED

    def handle_batch(self, bodies: list[bytes]) -> list[Outcome | Exception]:
        """Apply several messages in ONE transaction (one commit instead of one per event).

        Returns one result per body, in order: an ``Outcome``, a ``PoisonMessage`` (dead-letter
        it), or the handler's exception (count it as a failed attempt). First all at once, with
        one inbox insert for the batch; if a handler fails, the transaction is rolled back and
        the batch is applied again with a savepoint per message, so the failing one is rolled
        back alone (its inbox row too) while the others commit. A transient failure (the
        database went away) propagates: nothing of the batch is applied.
        """
        results: list[Outcome | Exception | None] = [None] * len(bodies)
        todo = []
        for i, body in enumerate(bodies):
            try:
                envelope = self._envelope(body)
                handler = self.handlers.get(envelope.event_type)
                if handler is None:
                    results[i] = Outcome.IGNORED
                    continue
                payload = self._payload(envelope)
            except PoisonMessage as exc:
                results[i] = exc
                continue
            todo.append((i, envelope, payload, handler))
        if todo:
            try:
                self._apply_all(todo, results)
            except Exception as exc:  # noqa: BLE001 - isolate the failing message(s)
                if is_transient(exc):
                    raise
                with self.uow_factory() as uow:
                    for i, envelope, payload, handler in todo:
                        results[i] = self._apply_in_savepoint(uow, envelope, payload, handler)
                    uow.commit()
        return results  # type: ignore[return-value]

    def _apply_all(self, todo, results) -> None:
        with self.uow_factory() as uow:
            fresh = record_many(uow.session, consumer=self.consumer, events=[
                (str(envelope.event_id), envelope.event_type) for _, envelope, _, _ in todo])
            run: list = []  # consecutive fresh events for the same batch handler
            for i, envelope, payload, handler in todo:
                event_id = str(envelope.event_id)
                if event_id not in fresh:
                    results[i] = Outcome.DUPLICATE
                    continue
                fresh.discard(event_id)  # the same event twice in one batch: apply once
                if run and run[0][3] is not handler:
                    self._apply_run(run, uow, results)
                    run = []
                run.append((i, envelope, payload, handler))
                if not is_batch_handler(handler):
                    self._apply_run(run, uow, results)
                    run = []
            if run:
                self._apply_run(run, uow, results)
            uow.commit()

    @staticmethod
    def _apply_run(run, uow, results) -> None:
        _call(run[0][3], [(payload, envelope) for _, envelope, payload, _ in run], uow)
        for i, *_ in run:
            results[i] = Outcome.APPLIED

    def _apply_in_savepoint(self, uow, envelope, payload, handler) -> Outcome | Exception:
        savepoint = uow.session.begin_nested()
        try:
            if not record_once(uow.session, consumer=self.consumer,
                               event_id=str(envelope.event_id), event_type=envelope.event_type):
                savepoint.commit()
                return Outcome.DUPLICATE
            _call(handler, [(payload, envelope)], uow)
            savepoint.commit()
            return Outcome.APPLIED
        except Exception as exc:  # noqa: BLE001 - reported per message
            if is_transient(exc):
                raise
            savepoint.rollback()
            log.warning("consumer %s: handler failed on %s", self.consumer, envelope.event_id,
                        exc_info=True)
            return exc

    @staticmethod
    def _envelope(body: bytes) -> EventEnvelope:
        try:
            return EventEnvelope.from_json(body)
        except (ValidationError, ValueError) as exc:
            raise PoisonMessage(f"unusable message: {exc}") from exc

    @staticmethod
    def _payload(envelope: EventEnvelope) -> EventPayload:
        """The typed payload of an event this dispatcher has a handler for."""
        try:
            return envelope.typed_payload()
        except (ValidationError, UnknownEventType, ValueError) as exc:
            raise PoisonMessage(f"unusable message: {exc}") from exc
