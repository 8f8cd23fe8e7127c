"""The one clock of a service: ``now()`` is the current time in UTC (timezone-aware).

Service code asks this clock, never ``datetime.now`` itself, so a test can stand at any instant:
the last minute of a deadline, a period's end, a token's expiry.

    with clock.frozen(datetime(2026, 1, 15, 16, 59, tzinfo=timezone.utc)):
        ...every clock.now() answers that instant...

    with clock.frozen(start) as c:
        c.advance(days=14)

The override is process-wide (threads included: a test's requests and consumer threads see
it). Domain rules take times as arguments instead (domain code imports only the standard
library).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Iterator

_lock = threading.Lock()
_frozen: datetime | None = None


def now() -> datetime:
    """The current time, UTC, timezone-aware (or the instant a test froze)."""
    found = _frozen
    return found if found is not None else datetime.now(timezone.utc)


class FrozenClock:
    def set(self, instant: datetime) -> None:
        global _frozen
        if instant.tzinfo is None:
            raise ValueError("a frozen instant must be timezone-aware")
        with _lock:
            _frozen = instant.astimezone(timezone.utc)

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        """Move the frozen clock forward by ``delta`` (or ``timedelta(**kwargs)``)."""
        step = delta if delta is not None else timedelta(**kwargs)
        self.set(now() + step)
        return now()


@contextmanager
def frozen(instant: datetime) -> Iterator[FrozenClock]:
    """Freeze ``now()`` at ``instant`` inside the block (restored afterwards)."""
    global _frozen
    before = _frozen
    clock = FrozenClock()
    clock.set(instant)
    try:
        yield clock
    finally:
        with _lock:
            _frozen = before
