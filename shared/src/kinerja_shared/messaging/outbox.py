"""Transactional outbox: events are written in the caller's transaction, a relay publishes them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import column, table, text
from sqlalchemy.orm import Session

from ..events import EventEnvelope

outbox = table(
    "outbox",
    column("id"),
    column("event_id"),
    column("event_type"),
    column("routing_key"),
    column("aggregate_id"),
    column("body"),
    column("created_at"),
    column("sent_at"),
    column("attempts"),
    column("last_error"),
)


@dataclass(frozen=True)
class OutgoingMessage:
    """What a transport publishes: the envelope's JSON and the properties derived from it."""

    event_id: str
    event_type: str
    routing_key: str
    body: bytes


NOTIFY_CHANNEL = "kinerja_outbox"


def add_to_outbox(session: Session, envelope: EventEnvelope) -> None:
    """Stage ``envelope`` in ``session``'s transaction; it is published only if that commits.

    On PostgreSQL the transaction also sends ``NOTIFY kinerja_outbox`` (delivered at commit,
    once per transaction however many events it staged), so a relay in another process wakes
    at once instead of waiting for its next poll.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"NOTIFY {NOTIFY_CHANNEL}"))
    session.execute(
        outbox.insert().values(
            event_id=str(envelope.event_id),
            event_type=envelope.event_type,
            routing_key=envelope.routing_key,
            aggregate_id=envelope.aggregate_id,
            body=envelope.model_dump_json(),
            created_at=datetime.now(timezone.utc),
            attempts=0,
        )
    )
