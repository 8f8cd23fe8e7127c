"""PLT/PLH assignments: a pegawai acting as head of a unor for a period (BKN manual 2.4)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kinerja_shared.auth.access import ensure_admin_of, ensure_visible
from kinerja_shared.auth.principal import Principal
from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import invalid

from ..adapters.tables import pegawai, plt_plh, unor
from . import events
from .common import catat, new_id, row_or_404

KOLOM = ("pegawai_id", "unor_id", "jabatan", "jenis", "mulai", "selesai", "aktif")


def _periksa(uow: UnitOfWork, principal: Principal | None, row: dict) -> str:
    """The instansi of the assignment; pegawai and unor must both be of it."""
    u = uow.session.execute(sa.select(unor.c.instansi_id).where(unor.c.id == row["unor_id"])).scalar()
    if u is None or (principal is not None and not principal.can_admin_instansi(u)):
        raise invalid("unor_id", "Unor tidak ditemukan.")
    p = uow.session.execute(sa.select(pegawai.c.instansi_id).where(
        pegawai.c.id == row["pegawai_id"])).scalar()
    if p != u:
        raise invalid("pegawai_id", "Pegawai tidak ditemukan di instansi unor ini.")
    if row.get("selesai") is not None and row["selesai"] < row["mulai"]:
        raise invalid("selesai", "Tanggal selesai tidak boleh sebelum tanggal mulai.")
    return u


def buat(uow: UnitOfWork, principal: Principal | None, data: dict[str, Any]) -> dict:
    """A new assignment (``principal`` None: the system, for the demo)."""
    row = {k: data.get(k) for k in KOLOM}
    row["aktif"] = data.get("aktif", True)
    instansi_id = _periksa(uow, principal, row)
    t = now()
    row.update(id=new_id(), instansi_id=instansi_id, revisi=1, created_at=t, updated_at=t)
    uow.session.execute(plt_plh.insert().values(**row))
    catat(uow, principal, entitas="plt_plh", entitas_id=row["id"], instansi_id=instansi_id,
          aksi="BUAT", sesudah=row)
    uow.add_event(events.plt_plh_diperbarui(row), aggregate_id=row["id"], instansi_id=instansi_id)
    return row


def ubah(uow: UnitOfWork, principal: Principal, plt_id: str, data: dict[str, Any]) -> dict:
    before = row_or_404(uow, plt_plh, plt_id, for_update=True)
    ensure_admin_of(principal, before["instansi_id"])
    after = {**before, **{k: v for k, v in data.items() if k in KOLOM}}
    after["instansi_id"] = _periksa(uow, principal, after)
    after.update(revisi=before["revisi"] + 1, updated_at=now())
    uow.session.execute(plt_plh.update().where(plt_plh.c.id == plt_id).values(
        **{k: after[k] for k in (*KOLOM, "instansi_id", "revisi", "updated_at")}))
    catat(uow, principal, entitas="plt_plh", entitas_id=plt_id, instansi_id=after["instansi_id"],
          aksi="UBAH", sebelum=before, sesudah=after)
    uow.add_event(events.plt_plh_diperbarui(after), aggregate_id=plt_id,
                  instansi_id=after["instansi_id"])
    return after


def hapus(uow: UnitOfWork, principal: Principal, plt_id: str) -> None:
    before = row_or_404(uow, plt_plh, plt_id, for_update=True)
    ensure_admin_of(principal, before["instansi_id"])
    uow.session.execute(plt_plh.delete().where(plt_plh.c.id == plt_id))
    catat(uow, principal, entitas="plt_plh", entitas_id=plt_id,
          instansi_id=before["instansi_id"], aksi="HAPUS", sebelum=before)
    uow.add_event(events.plt_plh_dihapus(before), aggregate_id=plt_id,
                  instansi_id=before["instansi_id"])


def ambil(uow: UnitOfWork, principal: Principal, plt_id: str) -> dict:
    row = row_or_404(uow, plt_plh, plt_id)
    ensure_visible(principal, instansi_id=row["instansi_id"])
    return row


def daftar(uow: UnitOfWork, principal: Principal, *, filters: dict[str, Any],
           page: PageRequest) -> Page[dict]:
    """The caller's instansi (admin_pusat: every one), filtered; ``tanggal``: the assignments
    covering that date. Latest start first."""
    stmt = sa.select(plt_plh)
    if not principal.is_admin_pusat:
        stmt = stmt.where(plt_plh.c.instansi_id == principal.instansi_id)
    for kolom in ("instansi_id", "pegawai_id", "unor_id", "jenis", "aktif"):
        if filters.get(kolom) is not None:
            stmt = stmt.where(plt_plh.c[kolom] == filters[kolom])
    if filters.get("tanggal") is not None:
        d = filters["tanggal"]
        stmt = stmt.where(plt_plh.c.mulai <= d,
                          sa.or_(plt_plh.c.selesai.is_(None), plt_plh.c.selesai >= d))
    return fetch_page(uow.session, stmt, page, plt_plh.c.mulai.desc(), plt_plh.c.id)
