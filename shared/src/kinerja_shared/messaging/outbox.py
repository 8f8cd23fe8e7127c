"""Transactional outbox: events are written in the caller's transaction, a relay publishes them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence
from datetime import datetime, timezone

from sqlalchemy import column, table
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


def add_to_outbox(session: Session, envelopes: Sequence[EventEnvelope]) -> None:
    """Stage ``envelopes`` in ``session``'s transaction (one statement for all of them); they
    are published only if that transaction commits."""
    if not envelopes:
        return
    created = datetime.now(timezone.utc)
    session.execute(outbox.insert(), [
        dict(event_id=str(e.event_id), event_type=e.event_type, routing_key=e.routing_key,
             aggregate_id=e.aggregate_id, body=e.model_dump_json(), created_at=created,
             attempts=0)
        for e in envelopes
    ])
