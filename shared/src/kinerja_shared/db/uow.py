"""Unit of work over a SQLAlchemy session; events join the same transaction via the outbox.

    with uow:
        ...change state...
        uow.add_event(SkpDisetujui(...), aggregate_id=skp.id, instansi_id=...)
        uow.commit()

Leaving the block without ``commit()`` rolls back, and the staged events vanish with it.
"""
from __future__ import annotations

from typing import Callable, Iterable

from sqlalchemy.orm import Session, sessionmaker

from ..context import current_correlation_id
from ..events import EventEnvelope, EventPayload
from ..messaging.outbox import add_to_outbox


class UnitOfWork:
    session: Session

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        after_commit: Callable[[], None] | None = None,
    ) -> None:
        self.session_factory = session_factory
        self.after_commit = after_commit
        self._staged: list[EventEnvelope] = []

    def __enter__(self) -> "UnitOfWork":
        self.session = self.session_factory()
        self._staged = []
        return self

    def __exit__(self, *exc_info) -> None:
        self.rollback()
        self.session.close()

    def add_event(
        self,
        payload: EventPayload,
        *,
        aggregate_id: str,
        instansi_id: str | None = None,
    ) -> EventEnvelope:
        """Stage one event in this transaction's outbox."""
        return self.add_events([(payload, aggregate_id, instansi_id)])[0]

    def add_events(
        self, items: Iterable[tuple[EventPayload, str, str | None]]
    ) -> list[EventEnvelope]:
        """Stage many ``(payload, aggregate_id, instansi_id)`` events with one statement (bulk
        imports); same transaction, same envelopes as ``add_event``."""
        correlation_id = current_correlation_id()
        envelopes = [
            EventEnvelope.wrap(payload, aggregate_id=aggregate_id, instansi_id=instansi_id,
                               correlation_id=correlation_id)
            for payload, aggregate_id, instansi_id in items
        ]
        add_to_outbox(self.session, envelopes)
        self._staged.extend(envelopes)
        return envelopes

    @property
    def staged_events(self) -> list[EventEnvelope]:
        return list(self._staged)

    def commit(self) -> None:
        self.session.commit()
        had_events = bool(self._staged)
        self._staged = []
        if had_events and self.after_commit is not None:
            self.after_commit()

    def rollback(self) -> None:
        self.session.rollback()
        self._staged = []
