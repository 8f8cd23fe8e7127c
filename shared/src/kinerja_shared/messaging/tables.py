"""The ``outbox`` and ``inbox`` tables every service owns in its own database."""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

OUTBOX = "outbox"
INBOX = "inbox"


def add_messaging_tables(metadata: MetaData) -> tuple[Table, Table]:
    """Define (or return the already defined) outbox and inbox tables on ``metadata``."""
    if OUTBOX in metadata.tables:
        return metadata.tables[OUTBOX], metadata.tables[INBOX]
    outbox = Table(
        OUTBOX,
        metadata,
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("event_type", String(100), nullable=False),
        Column("routing_key", String(200), nullable=False),
        Column("aggregate_id", String(100), nullable=False),
        Column("body", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("sent_at", DateTime(timezone=True), nullable=True),
        Column("attempts", Integer, nullable=False, default=0),
        Column("last_error", Text, nullable=True),
    )
    Index("ix_outbox_unsent", outbox.c.id, postgresql_where=outbox.c.sent_at.is_(None),
          sqlite_where=outbox.c.sent_at.is_(None))
    inbox = Table(
        INBOX,
        metadata,
        Column("consumer", String(100), primary_key=True),
        Column("event_id", String(36), primary_key=True),
        Column("event_type", String(100), nullable=False),
        Column("received_at", DateTime(timezone=True), nullable=False),
    )
    return outbox, inbox


__all__ = ["add_messaging_tables", "OUTBOX", "INBOX", "JSON"]
