"""Instansi and their pengaturan (admin_pusat writes; users of an instansi read their own)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kinerja_shared.auth.access import ensure_visible
from kinerja_shared.auth.principal import Principal
from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import Conflict, invalid

from ..adapters.tables import instansi, pegawai
from ..domain.enums import PENGATURAN_BAWAAN
from . import events
from .common import catat, new_id, row_or_404

KODE_DIPAKAI = "Kode instansi sudah dipakai."


def _kode_dipakai(uow: UnitOfWork, kode: str | None, kecuali: str | None = None) -> None:
    if not kode:
        return
    stmt = sa.select(instansi.c.id).where(instansi.c.kode == kode)
    if kecuali:
        stmt = stmt.where(instansi.c.id != kecuali)
    if uow.session.execute(stmt).first() is not None:
        raise Conflict(KODE_DIPAKAI, code="duplicate")


def _periksa_pemutus(uow: UnitOfWork, instansi_id: str | None,
                     pengaturan: dict[str, Any]) -> None:
    """``pemutus_keberatan_pegawai_id``, when the change sets one, names an active pegawai of
    this instansi (``instansi_id`` None: a new one, which has no pegawai yet); 422 on that field
    otherwise. A value already stored is not checked again."""
    pegawai_id = pengaturan.get("pemutus_keberatan_pegawai_id")
    if pegawai_id is None:
        return
    field = "pengaturan.pemutus_keberatan_pegawai_id"
    if instansi_id is None:
        raise invalid(field, "Instansi baru belum memiliki pegawai; tetapkan pemutus keberatan "
                             "setelah pegawainya ditambahkan.")
    # FOR SHARE: a deletion of that pegawai running at the same time either waits for this
    # change (and then sees the pegawai named: 409) or is seen here as gone (422)
    row = uow.session.execute(sa.select(pegawai.c.instansi_id, pegawai.c.aktif).where(
        pegawai.c.id == pegawai_id).with_for_update(read=True)).first()
    if row is None or row.instansi_id != instansi_id:
        raise invalid(field, "Pegawai tidak ditemukan di instansi ini.")
    if not row.aktif:
        raise invalid(field, "Pegawai tidak aktif.")


def buat(uow: UnitOfWork, principal: Principal | None, data: dict[str, Any]) -> dict:
    """A new instansi; unset ``pengaturan`` take their defaults (``principal`` None: the system,
    at first start and for the demo). It has no pegawai yet: a pemutus keberatan is 422."""
    _kode_dipakai(uow, data.get("kode"))
    _periksa_pemutus(uow, None, data.get("pengaturan") or {})
    t = now()
    row = {"id": new_id(), "nama": data["nama"], "kode": data.get("kode"),
           "pengaturan": {**PENGATURAN_BAWAAN, **(data.get("pengaturan") or {})},
           "revisi": 1, "created_at": t, "updated_at": t}
    uow.session.execute(instansi.insert().values(**row))
    catat(uow, principal, entitas="instansi", entitas_id=row["id"], instansi_id=row["id"],
          aksi="BUAT", sesudah=row)
    uow.add_event(events.instansi_diperbarui(row), aggregate_id=row["id"], instansi_id=row["id"])
    return row


def ubah(uow: UnitOfWork, principal: Principal, instansi_id: str, data: dict[str, Any]) -> dict:
    """Nama, kode, or part of the pengaturan (merged)."""
    before = row_or_404(uow, instansi, instansi_id, for_update=True)
    if "kode" in data:
        _kode_dipakai(uow, data["kode"], kecuali=instansi_id)
    after = {**before, **{k: v for k, v in data.items() if k != "pengaturan"}}
    if "pengaturan" in data:
        _periksa_pemutus(uow, instansi_id, data["pengaturan"])
        after["pengaturan"] = {**PENGATURAN_BAWAAN, **before["pengaturan"], **data["pengaturan"]}
    after.update(revisi=before["revisi"] + 1, updated_at=now())
    uow.session.execute(instansi.update().where(instansi.c.id == instansi_id).values(
        nama=after["nama"], kode=after["kode"], pengaturan=after["pengaturan"],
        revisi=after["revisi"], updated_at=after["updated_at"]))
    catat(uow, principal, entitas="instansi", entitas_id=instansi_id, instansi_id=instansi_id,
          aksi="UBAH", sebelum=before, sesudah=after)
    uow.add_event(events.instansi_diperbarui(after), aggregate_id=instansi_id,
                  instansi_id=instansi_id)
    return after


def ambil(uow: UnitOfWork, principal: Principal, instansi_id: str) -> dict:
    row = row_or_404(uow, instansi, instansi_id)
    ensure_visible(principal, instansi_id=instansi_id)
    return row


def daftar(uow: UnitOfWork, principal: Principal, *, nama: str | None = None,
           page: PageRequest) -> Page[dict]:
    """admin_pusat: every instansi; anyone else: their own."""
    stmt = sa.select(instansi)
    if not principal.is_admin_pusat:
        stmt = stmt.where(instansi.c.id == principal.instansi_id)
    if nama:
        stmt = stmt.where(instansi.c.nama.icontains(nama, autoescape=True))
    return fetch_page(uow.session, stmt, page, instansi.c.nama, instansi.c.id)
