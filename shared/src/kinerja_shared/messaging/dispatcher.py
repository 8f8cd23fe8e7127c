"""Transport-independent consumer logic: parse, dedupe via the inbox, run the handler, commit.

A transport (RabbitMQ or in-memory) calls ``EventDispatcher.handle(body)`` and acknowledges
only after it returns; the handler's effect and the inbox row have committed by then.
``PoisonMessage`` means the message can never succeed (unparseable, unknown contract): the
transport dead-letters it at once. Any other exception is retried until the delivery limit.
"""
from __future__ import annotations

import enum
import logging
from typing import Callable, Mapping

from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from ..context import correlation_id_var
from ..db.uow import UnitOfWork
from ..events import EventEnvelope, EventPayload, UnknownEventType, payload_class
from .inbox import record_many, record_once

log = logging.getLogger(__name__)

Handler = Callable[[EventPayload, EventEnvelope, UnitOfWork], None]


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
        envelope, payload = self._parse(body)
        handler = self.handlers.get(envelope.event_type)
        if handler is None:
            return Outcome.IGNORED
        token = correlation_id_var.set(envelope.correlation_id)
        try:
            with self.uow_factory() as uow:
                if not record_once(uow.session, consumer=self.consumer,
                                   event_id=str(envelope.event_id),
                                   event_type=envelope.event_type):
                    return Outcome.DUPLICATE
                handler(payload, envelope, uow)
                uow.commit()
            return Outcome.APPLIED
        finally:
            correlation_id_var.reset(token)

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
                envelope, payload = self._parse(body)
            except PoisonMessage as exc:
                results[i] = exc
                continue
            handler = self.handlers.get(envelope.event_type)
            if handler is None:
                results[i] = Outcome.IGNORED
            else:
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
            for i, envelope, payload, handler in todo:
                event_id = str(envelope.event_id)
                if event_id not in fresh:
                    results[i] = Outcome.DUPLICATE
                    continue
                fresh.discard(event_id)  # the same event twice in one batch: apply once
                token = correlation_id_var.set(envelope.correlation_id)
                try:
                    handler(payload, envelope, uow)
                finally:
                    correlation_id_var.reset(token)
                results[i] = Outcome.APPLIED
            uow.commit()

    def _apply_in_savepoint(self, uow, envelope, payload, handler) -> Outcome | Exception:
        token = correlation_id_var.set(envelope.correlation_id)
        savepoint = uow.session.begin_nested()
        try:
            if not record_once(uow.session, consumer=self.consumer,
                               event_id=str(envelope.event_id), event_type=envelope.event_type):
                savepoint.commit()
                return Outcome.DUPLICATE
            handler(payload, envelope, uow)
            savepoint.commit()
            return Outcome.APPLIED
        except Exception as exc:  # noqa: BLE001 - reported per message
            if is_transient(exc):
                raise
            savepoint.rollback()
            log.warning("consumer %s: handler failed on %s", self.consumer, envelope.event_id,
                        exc_info=True)
            return exc
        finally:
            correlation_id_var.reset(token)

    @staticmethod
    def _parse(body: bytes) -> tuple[EventEnvelope, EventPayload]:
        try:
            envelope = EventEnvelope.from_json(body)
            return envelope, envelope.typed_payload()
        except (ValidationError, UnknownEventType, ValueError) as exc:
            raise PoisonMessage(f"unusable message: {exc}") from exc
