"""When an instansi may push again (BKN admin manual §2.13: "Proses Sinkronisasi hanya bisa
dilakukan sekali sehari"): one push per kind per calendar day of the instansi's zone (WIB by
default; configuration)."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone, tzinfo


def hari(saat: datetime, zona: tzinfo) -> tuple[datetime, datetime]:
    """Start and end (UTC) of the local day ``saat`` falls in."""
    lokal = saat.astimezone(zona)
    awal = datetime.combine(lokal.date(), time(0), tzinfo=zona)
    return awal.astimezone(timezone.utc), (awal + timedelta(days=1)).astimezone(timezone.utc)


def detik_sampai_besok(saat: datetime, zona: tzinfo) -> int:
    """Whole seconds until the next local midnight (at least 1): the ``Retry-After``."""
    _, akhir = hari(saat, zona)
    return max(1, int((akhir - saat).total_seconds() + 0.999))
