"""Helpers every handler of identity uses: ids, time, errors, riwayat, snapshot events."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from typing import Any, Mapping

import sqlalchemy as sa

from kinerja_shared.auth import Principal
from kinerja_shared.auth.flask import DETAIL_FORBIDDEN, DETAIL_NOT_FOUND
from kinerja_shared.db import UnitOfWork
from kinerja_shared.db.times import as_utc
from kinerja_shared.events import EventPayload
from kinerja_shared.web.problems import Problem

from ..adapters.tables import riwayat

HIDDEN = {"password_hash", "password_changed_at", "private_pem"}


def now() -> datetime:
    return datetime.now(timezone.utc)


def new_id() -> str:
    return str(uuid.uuid4())


aware = as_utc  # SQLite hands back naive datetimes; every stored time is UTC


def not_found() -> Problem:
    return Problem(404, DETAIL_NOT_FOUND)


def forbidden(detail: str = DETAIL_FORBIDDEN) -> Problem:
    return Problem(403, detail)


def invalid(field: str, message: str) -> Problem:
    return Problem(422, "Periksa kembali isian yang ditandai.", errors={field: [message]})


def conflict(detail: str) -> Problem:
    return Problem(409, detail)


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
        raise not_found()
    return dict(row)


def snapshot(payload_cls: type[EventPayload], row: Mapping[str, Any], **extra: Any) -> EventPayload:
    """The full snapshot event of a row: the payload's fields taken from the row."""
    fields = {k: row[k] for k in payload_cls.model_fields if k in row}
    fields.update(extra)
    return payload_cls(**fields)


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
    """One riwayat row: who changed what, when, before and after."""
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
