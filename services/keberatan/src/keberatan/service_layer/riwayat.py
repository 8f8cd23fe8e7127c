"""Every step of a keberatan is recorded: who, in which role, what, when, the status before and
after (DOMAIN.md §6: the times and the table the BKN "Check Keberatan" dialog shows)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from kinerja_shared import clock

from ..adapters.tables import riwayat


def jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def catat(s: Session, keberatan_id: str, aksi: str, *, oleh: dict | None, peran: str | None,
          sebelum: str | None, sesudah: str | None, isi: dict | None = None,
          waktu: datetime | None = None) -> None:
    s.execute(riwayat.insert().values(
        keberatan_id=keberatan_id, waktu=waktu or clock.now(), aksi=aksi,
        oleh_pegawai_id=(oleh or {}).get("id"), oleh=jsonable(oleh), peran=peran,
        status_sebelum=sebelum, status_sesudah=sesudah, isi=jsonable(isi)))
