"""The filing window (DOMAIN.md §6; PP 30/2019 Pasal 59): a keberatan may be filed within N
calendar days (the instansi's ``jendela_keberatan_hari``, 14 by default) of the predikat being
set.

Decision: the day the predikat is set is day 0, and the window ends at the end of day N, i.e.
at midnight starting day N + 1, in the instansi's time zone (``zona_waktu``: WIB, WITA or WIT
as Asia/Jakarta, Asia/Makassar, Asia/Jayapura; Asia/Jakarta by default). A predikat set on
3 March at 16:00 WIB may be objected to until 17 March 23:59:59 WIB; at 18 March 00:00 WIB the
keberatan is late (``TERLAMBAT``)."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

ZONA_BAWAAN = "Asia/Jakarta"
ZONA_WAKTU = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
ALIAS = {singkat: nama for nama, singkat in ZONA_WAKTU.items()}


def zona(nama: str | None) -> tzinfo:
    """The time zone of an instansi's ``zona_waktu`` (an IANA name of the three, or WIB, WITA,
    WIT); anything else is the default, Asia/Jakarta."""
    nama = ALIAS.get(nama or "", nama)
    return ZoneInfo(nama if nama in ZONA_WAKTU else ZONA_BAWAAN)


def batas_pengajuan(ditetapkan_at: datetime, hari: int, tz: tzinfo) -> datetime:
    """The first instant (UTC) a keberatan is late: midnight starting calendar day ``hari`` + 1
    after the day ``ditetapkan_at`` falls on in ``tz``."""
    hari_penetapan = ditetapkan_at.astimezone(tz).date()
    akhir = datetime.combine(hari_penetapan + timedelta(days=hari + 1), time(0), tzinfo=tz)
    return akhir.astimezone(timezone.utc)


def terlambat(diajukan_at: datetime, batas: datetime) -> bool:
    return diajukan_at >= batas
