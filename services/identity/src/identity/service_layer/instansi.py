"""Instansi and their pengaturan (admin_pusat writes; users of an instansi read their own)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kinerja_shared.auth import Principal, ensure_visible
from kinerja_shared.events.contracts.identity import InstansiDiperbarui

from ..adapters.tables import instansi
from ..domain.enums import PENGATURAN_BAWAAN
from .common import catat, conflict, new_id, now, row_or_404, snapshot

KODE_DIPAKAI = "Kode instansi sudah dipakai."


def _kode_dipakai(uow, kode: str | None, kecuali: str | None = None) -> bool:
    if not kode:
        return False
    stmt = sa.select(instansi.c.id).where(instansi.c.kode == kode)
    if kecuali:
        stmt = stmt.where(instansi.c.id != kecuali)
    return uow.session.execute(stmt).first() is not None


def buat(uow, principal: Principal | None, data: dict[str, Any]) -> dict:
    with uow:
        row = buat_di(uow, principal, data)
        uow.commit()
    return row


def buat_di(uow, principal: Principal | None, data: dict[str, Any]) -> dict:
    """Inside an open unit of work (first start, demo data)."""
    if _kode_dipakai(uow, data.get("kode")):
        raise conflict(KODE_DIPAKAI)
    t = now()
    row = {"id": new_id(), "nama": data["nama"], "kode": data.get("kode"),
           "pengaturan": {**PENGATURAN_BAWAAN, **(data.get("pengaturan") or {})},
           "revisi": 1, "created_at": t, "updated_at": t}
    uow.session.execute(instansi.insert().values(**row))
    catat(uow, principal, entitas="instansi", entitas_id=row["id"], instansi_id=row["id"],
          aksi="BUAT", sesudah=row)
    uow.add_event(snapshot(InstansiDiperbarui, row), aggregate_id=row["id"], instansi_id=row["id"])
    return row


def ubah(uow, principal: Principal, instansi_id: str, data: dict[str, Any]) -> dict:
    with uow:
        before = row_or_404(uow, instansi, instansi_id, for_update=True)
        if "kode" in data and _kode_dipakai(uow, data["kode"], kecuali=instansi_id):
            raise conflict(KODE_DIPAKAI)
        after = {**before, **{k: v for k, v in data.items() if k != "pengaturan"}}
        if "pengaturan" in data:
            after["pengaturan"] = {**before["pengaturan"], **data["pengaturan"]}
        after.update(revisi=before["revisi"] + 1, updated_at=now())
        uow.session.execute(instansi.update().where(instansi.c.id == instansi_id).values(
            nama=after["nama"], kode=after["kode"], pengaturan=after["pengaturan"],
            revisi=after["revisi"], updated_at=after["updated_at"]))
        catat(uow, principal, entitas="instansi", entitas_id=instansi_id, instansi_id=instansi_id,
              aksi="UBAH", sebelum=before, sesudah=after)
        uow.add_event(snapshot(InstansiDiperbarui, after), aggregate_id=instansi_id,
                      instansi_id=instansi_id)
        uow.commit()
    return after


def ambil(uow, principal: Principal, instansi_id: str) -> dict:
    with uow:
        row = row_or_404(uow, instansi, instansi_id)
    ensure_visible(principal, instansi_id=instansi_id)
    return row


def daftar(uow, principal: Principal, *, nama: str | None, page: int, page_size: int) -> tuple[list, int]:
    stmt = sa.select(instansi)
    if not principal.is_admin_pusat:
        stmt = stmt.where(instansi.c.id == principal.instansi_id)
    if nama:
        stmt = stmt.where(instansi.c.nama.icontains(nama, autoescape=True))
    with uow:
        total = uow.session.execute(sa.select(sa.func.count()).select_from(stmt.subquery())).scalar_one()
        rows = uow.session.execute(stmt.order_by(instansi.c.nama, instansi.c.id)
                                   .offset((page - 1) * page_size).limit(page_size)).mappings().all()
    return [dict(r) for r in rows], total
