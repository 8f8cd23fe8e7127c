"""Publish again the current snapshot of everything a service owns, for a consumer that came
later than the events (a service deployed where identity already holds 65,000 pegawai, a read
model rebuilt from scratch).

``kinerja republish SERVICE [--only EventType ...]`` asks the service's
``ServiceDefinition.snapshots(uow)`` for ``(payload, aggregate_id, instansi_id)`` of every
aggregate as its rows hold it now, and stages them in the outbox in one transaction (the relay
publishes them as usual). Snapshot events carry the row's ``revisi`` (or ``versi``), so a
consumer that already holds that state ignores them and one that does not applies them:
republishing is harmless to repeat.
"""
from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import Any, Collection, Iterable

CHUNK = 1000


def republish(runtime: Any, *, only: Collection[str] | None = None) -> Counter:
    """Stage every current snapshot of ``runtime``'s service (only the event types in
    ``only``, when given); answer how many of each type."""
    produce = runtime.definition.snapshots
    if produce is None:
        raise LookupError(f"{runtime.name} has no snapshots to republish")
    counts: Counter = Counter()
    with runtime.uow() as uow:
        items: Iterable = produce(uow)
        if only:
            items = (item for item in items if item[0].event_type in only)
        iterator = iter(items)
        while chunk := list(islice(iterator, CHUNK)):
            uow.add_events(chunk)
            counts.update(payload.event_type for payload, _, _ in chunk)
        uow.commit()
    return counts
