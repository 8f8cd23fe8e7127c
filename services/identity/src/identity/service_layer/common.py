"""Helpers every command of identity uses: ids, rows or 404, the target instansi of a write,
riwayat."""
from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Mapping

import sqlalchemy as sa

from kinerja_shared.auth.principal import Principal
from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork
from kinerja_shared.db.times import as_utc
from kinerja_shared.errors import NotFound, invalid

from ..adapters.tables import instansi, riwayat

HIDDEN = {"password_hash", "password_changed_at", "private_pem"}

aware = as_utc  # SQLite hands back naive datetimes; every stored time is UTC


def new_id() -> str:
    return str(uuid.uuid4())


def jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: jsonable(v) for k, v in value.items() if k not in HIDDEN}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def row_or_404(uow: UnitOfWork, table: sa.Table, id_: str, *, for_update: bool = False) -> dict:
    stmt = sa.select(table).where(table.c.id == id_)
    if for_update:
        stmt = stmt.with_for_update()
    row = uow.session.execute(stmt).mappings().first()
    if row is None:
        raise NotFound()
    return dict(row)


def instansi_tujuan(uow: UnitOfWork, principal: Principal | None, instansi_id: str) -> None:
    """The instansi a new unor, periode or import goes to must exist and be the caller's to
    administer (any, for the system: ``principal`` None); 422 ``instansi_id`` otherwise."""
    if principal is not None and not principal.can_admin_instansi(instansi_id) or not \
            uow.session.execute(sa.select(instansi.c.id).where(instansi.c.id == instansi_id)).first():
        raise invalid("instansi_id", "Instansi tidak ditemukan.")


def catat(
    uow: UnitOfWork,
    principal: Principal | None,
    *,
    entitas: str,
    entitas_id: str,
    instansi_id: str | None,
    aksi: str,
    sebelum: Mapping[str, Any] | None = None,
    sesudah: Mapping[str, Any] | None = None,
) -> None:
    """One riwayat row: who changed what, when, before and after (``principal`` None: the
    system)."""
    uow.session.execute(riwayat.insert().values(
        instansi_id=instansi_id, entitas=entitas, entitas_id=entitas_id, aksi=aksi,
        oleh_pegawai_id=principal.pegawai_id if principal else None,
        oleh_nip=principal.nip if principal else None, waktu=now(),
        sebelum=jsonable(sebelum) if sebelum is not None else None,
        sesudah=jsonable(sesudah) if sesudah is not None else None,
    ))


def bulk_insert_riwayat(uow: UnitOfWork, rows: list[dict]) -> None:
    if rows:
        uow.session.execute(riwayat.insert(), rows)
