"""Inbox: ``(consumer, event_id)`` recorded in the same transaction as the consumer's effect.

The primary key decides; there is no check-then-insert race. A second delivery of the same
event inserts nothing and is acknowledged without running the handler again.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Column, DateTime, MetaData, String, Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

_md = MetaData()
_inbox = Table(
    "inbox",
    _md,
    Column("consumer", String(100), primary_key=True),
    Column("event_id", String(36), primary_key=True),
    Column("event_type", String(100)),
    Column("received_at", DateTime(timezone=True)),
)


def record_once(session: Session, *, consumer: str, event_id: str, event_type: str) -> bool:
    """Insert the inbox row; return False when this consumer already applied ``event_id``."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = (
        insert(_inbox)
        .values(
            consumer=consumer,
            event_id=event_id,
            event_type=event_type,
            received_at=datetime.now(timezone.utc),
        )
        .on_conflict_do_nothing(index_elements=["consumer", "event_id"])
        .returning(_inbox.c.event_id)
    )
    # RETURNING, not rowcount: psycopg reports rowcount -1 for INSERT ... ON CONFLICT
    return session.execute(stmt).first() is not None


def record_many(session: Session, *, consumer: str, events: list[tuple[str, str]]) -> set[str]:
    """Insert inbox rows for ``(event_id, event_type)`` pairs in one statement; return the ids
    that were new (not applied before by this consumer)."""
    if not events:
        return set()
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    now = datetime.now(timezone.utc)
    unique = dict(events)  # an event twice in one batch is inserted once
    stmt = (
        insert(_inbox)
        .values([{"consumer": consumer, "event_id": event_id, "event_type": event_type,
                  "received_at": now} for event_id, event_type in unique.items()])
        .on_conflict_do_nothing(index_elements=["consumer", "event_id"])
        .returning(_inbox.c.event_id)
    )
    return set(session.execute(stmt).scalars())
