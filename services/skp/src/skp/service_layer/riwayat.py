"""Every change of an SKP is recorded: who, what, before/after, when (DOMAIN.md §3)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from kinerja_shared import clock
from kinerja_shared.auth.principal import Principal

from ..adapters.skp_tables import riwayat, skp


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def catat(session: Session, principal: Principal | None, skp_id: str, aksi: str, *,
          objek: str | None = None, sebelum: Any = None, sesudah: Any = None) -> None:
    """Record one change and bump the SKP's ``revisi`` (consumers order snapshots by it)."""
    now = clock.now()
    session.execute(riwayat.insert().values(
        skp_id=skp_id, waktu=now, aksi=aksi, objek=objek,
        oleh_pegawai_id=principal.pegawai_id if principal else None,
        oleh_nama=principal.nama if principal else None,
        sebelum=_json(sebelum), sesudah=_json(sesudah)))
    session.execute(update(skp).where(skp.c.id == skp_id).values(
        revisi=skp.c.revisi + 1, diubah_at=now))
