"""Unit of work over a SQLAlchemy session; events join the same transaction via the outbox.

    with uow:
        ...change state...
        uow.add_event(SkpDisetujui(...), aggregate_id=skp.id, instansi_id=...)
        uow.commit()

Leaving the block without ``commit()`` rolls back, and the staged events vanish with it.

Under a request, the command runner (``web.commands.run_command``) owns the block: it opens
the unit of work, hands it to a service function and commits after the function returns. The
function must not commit (``commit()`` raises ``CommitRefused`` while the runner holds it), so
a refusal raised late in the function still rolls back everything it wrote.

``uow.once_before_commit(key, fn)`` runs ``fn(uow)`` once per key just before the commit, in the
same transaction: a service that publishes a snapshot of an aggregate after any of its many
changes registers it wherever a change happens, and the snapshot is built once, from the rows as
they will be committed (``fn`` may stage events).

A service declares the events it publishes (``ServiceDefinition.publishes``); its units of
work refuse to stage any other type (``UndeclaredEvent``), so the declared list stays true.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Collection, Iterable, Iterator

from sqlalchemy.orm import Session, sessionmaker

from ..context import current_correlation_id
from ..events import EventEnvelope, EventPayload
from ..messaging.outbox import add_to_outbox


class CommitRefused(RuntimeError):
    """A service function tried to commit a unit of work the command runner holds."""


class UndeclaredEvent(RuntimeError):
    """An event type the service does not declare in ``ServiceDefinition.publishes``."""


class UnitOfWork:
    session: Session

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        after_commit: Callable[[], None] | None = None,
        publishes: Collection[str] | None = None,
    ) -> None:
        self.session_factory = session_factory
        self.after_commit = after_commit
        self.publishes = frozenset(publishes) if publishes is not None else None
        self._staged: list[EventEnvelope] = []
        self._held = False
        self._before_commit: dict[object, Callable[["UnitOfWork"], None]] = {}

    def __enter__(self) -> "UnitOfWork":
        self.session = self.session_factory()
        self._staged = []
        self._before_commit = {}
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
        items = list(items)
        if self.publishes is not None:
            undeclared = {p.event_type for p, _, _ in items} - self.publishes
            if undeclared:
                raise UndeclaredEvent(
                    f"{sorted(undeclared)} not in the service's declared publishes "
                    f"({sorted(self.publishes)}): add it to ServiceDefinition.publishes")
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

    @contextmanager
    def held(self) -> Iterator["UnitOfWork"]:
        """While inside, ``commit()`` is refused: the caller (the command runner) commits."""
        self._held = True
        try:
            yield self
        finally:
            self._held = False

    def once_before_commit(self, key: object, fn: Callable[["UnitOfWork"], None]) -> None:
        """Run ``fn(uow)`` just before this transaction commits, once for ``key`` however
        often it is registered (the first registration wins; order of first registration)."""
        self._before_commit.setdefault(key, fn)

    def commit(self) -> None:
        if self._held:
            raise CommitRefused("a service function never commits: the command runner does, "
                                "after the function returns")
        while self._before_commit:
            pending, self._before_commit = self._before_commit, {}
            for fn in pending.values():
                fn(self)
        self.session.commit()
        had_events = bool(self._staged)
        self._staged = []
        if had_events and self.after_commit is not None:
            self.after_commit()

    def rollback(self) -> None:
        self.session.rollback()
        self._staged = []
        self._before_commit = {}
