"""Stored times are UTC; SQLite (embedded mode) hands them back without their zone."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import overload


@overload
def as_utc(value: datetime) -> datetime: ...
@overload
def as_utc(value: None) -> None: ...


def as_utc(value: datetime | None) -> datetime | None:
    """``value`` as an aware UTC datetime (a naive one is taken to be UTC); None stays None."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)
