"""History of every change to a penilaian: who, when, what before and after, why."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from ..adapters.tables import riwayat


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def catat(session, penilaian_id: str, aksi: str, oleh: str | None, sebelum: Any, sesudah: Any,
          alasan: str | None) -> None:
    session.execute(riwayat.insert().values(
        penilaian_id=penilaian_id, waktu=datetime.now(timezone.utc), oleh_pegawai_id=oleh,
        aksi=aksi, sebelum=_json(sebelum), sesudah=_json(sesudah), alasan=alasan))
