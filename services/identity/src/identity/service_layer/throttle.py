"""Login throttling kept in the database, so every replica sees the same counts.

Each key ("nip:<nip>", "ip:<address>") counts failures inside a window; reaching the limit
locks the key for ``login_lockout`` seconds (429 with Retry-After). A success clears the NIP.
"""
from __future__ import annotations

import math
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork

from ..adapters.tables import login_attempt
from ..config import IdentitySettings
from .common import aware


def _insert(uow: UnitOfWork):
    return (postgresql if uow.session.get_bind().dialect.name == "postgresql" else sqlite).insert


def retry_after(uow: UnitOfWork, keys: list[str]) -> int | None:
    """Seconds until the longest lock among ``keys`` ends, or None when none is locked."""
    t = now()
    rows = uow.session.execute(sa.select(login_attempt.c.locked_until)
                               .where(login_attempt.c.key.in_(keys))).scalars().all()
    remaining = [(aware(u) - t).total_seconds() for u in rows if u is not None and aware(u) > t]
    return math.ceil(max(remaining)) if remaining else None


def record_failure(uow: UnitOfWork, key: str, limit: int, s: IdentitySettings) -> bool:
    """Count one failure of ``key``; True when this one locked it."""
    t = now()
    uow.session.execute(_insert(uow)(login_attempt).values(
        key=key, failures=0, window_started_at=t, locked_until=None
    ).on_conflict_do_nothing(index_elements=["key"]))
    row = uow.session.execute(sa.select(login_attempt).where(login_attempt.c.key == key)
                              .with_for_update()).mappings().one()
    failures, started = row["failures"], aware(row["window_started_at"])
    if started + timedelta(seconds=s.login_window) < t:
        failures, started = 0, t
    failures += 1
    locked = None
    if failures >= limit:
        locked, failures, started = t + timedelta(seconds=s.login_lockout), 0, t
    uow.session.execute(login_attempt.update().where(login_attempt.c.key == key).values(
        failures=failures, window_started_at=started, locked_until=locked))
    return locked is not None


def clear(uow: UnitOfWork, key: str) -> None:
    uow.session.execute(login_attempt.delete().where(login_attempt.c.key == key))
