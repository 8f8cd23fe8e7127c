"""Unit organisasi: a tree per instansi (unor atasan), with its unor induk, kota, mandiri."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kinerja_shared.auth.access import ensure_admin_of, ensure_visible
from kinerja_shared.auth.principal import Principal
from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import Conflict, invalid
from kinerja_shared.relasi import UnorNode, membentuk_siklus

from ..adapters.tables import pegawai, plt_plh, unor
from . import events
from .common import catat, instansi_tujuan, new_id, row_or_404

KOLOM = ("kode", "nama", "jenis", "eselon", "unor_atasan_id", "unor_induk_id", "mandiri", "kota")
KODE_DIPAKAI = "Kode unor sudah dipakai di instansi ini."


def _rujukan(uow: UnitOfWork, instansi_id: str, data: dict) -> None:
    """unor_atasan_id / unor_induk_id must be unor of the same instansi (422 otherwise)."""
    for field in ("unor_atasan_id", "unor_induk_id"):
        if data.get(field):
            found = uow.session.execute(sa.select(unor.c.instansi_id).where(
                unor.c.id == data[field])).scalar()
            if found != instansi_id:
                raise invalid(field, "Unor tidak ditemukan di instansi ini.")


def _kode_dipakai(uow: UnitOfWork, instansi_id: str, kode: str | None,
                  kecuali: str | None = None) -> None:
    if kode:
        stmt = sa.select(unor.c.id).where(unor.c.instansi_id == instansi_id, unor.c.kode == kode)
        if kecuali:
            stmt = stmt.where(unor.c.id != kecuali)
        if uow.session.execute(stmt).first():
            raise Conflict(KODE_DIPAKAI, code="duplicate")


def pohon(uow: UnitOfWork, instansi_id: str) -> dict[str, UnorNode]:
    rows = uow.session.execute(sa.select(unor.c.id, unor.c.unor_atasan_id)
                               .where(unor.c.instansi_id == instansi_id)).all()
    return {r.id: UnorNode(r.id, r.unor_atasan_id) for r in rows}


def buat(uow: UnitOfWork, principal: Principal | None, data: dict[str, Any]) -> dict:
    """A new unor of an instansi the caller administers (``principal`` None: the system)."""
    instansi_id = data["instansi_id"]
    instansi_tujuan(uow, principal, instansi_id)
    _rujukan(uow, instansi_id, data)
    _kode_dipakai(uow, instansi_id, data.get("kode"))
    t = now()
    row = {k: data.get(k) for k in KOLOM}
    row.update(id=new_id(), instansi_id=instansi_id, mandiri=bool(data.get("mandiri")),
               revisi=1, created_at=t, updated_at=t)
    uow.session.execute(unor.insert().values(**row))
    catat(uow, principal, entitas="unor", entitas_id=row["id"], instansi_id=instansi_id,
          aksi="BUAT", sesudah=row)
    uow.add_event(events.unor_diperbarui(row), aggregate_id=row["id"], instansi_id=instansi_id)
    return row


def ubah(uow: UnitOfWork, principal: Principal, unor_id: str, data: dict[str, Any]) -> dict:
    """A unor atasan that would close a cycle is refused (422 ``unor_atasan_id``)."""
    before = row_or_404(uow, unor, unor_id, for_update=True)
    ensure_admin_of(principal, before["instansi_id"])
    _rujukan(uow, before["instansi_id"], data)
    _kode_dipakai(uow, before["instansi_id"], data.get("kode"), kecuali=unor_id)
    if data.get("unor_atasan_id") and membentuk_siklus(
            pohon(uow, before["instansi_id"]), unor_id, data["unor_atasan_id"]):
        raise invalid("unor_atasan_id", "Unor atasan membentuk siklus dalam struktur organisasi.")
    after = {**before, **{k: v for k, v in data.items() if k in KOLOM}}
    after.update(revisi=before["revisi"] + 1, updated_at=now())
    uow.session.execute(unor.update().where(unor.c.id == unor_id).values(
        **{k: after[k] for k in (*KOLOM, "revisi", "updated_at")}))
    catat(uow, principal, entitas="unor", entitas_id=unor_id, instansi_id=after["instansi_id"],
          aksi="UBAH", sebelum=before, sesudah=after)
    uow.add_event(events.unor_diperbarui(after), aggregate_id=unor_id,
                  instansi_id=after["instansi_id"])
    return after


def hapus(uow: UnitOfWork, principal: Principal, unor_id: str) -> None:
    """409 while pegawai, child unor or PLT/PLH reference the unor."""
    before = row_or_404(uow, unor, unor_id, for_update=True)
    ensure_admin_of(principal, before["instansi_id"])
    checks = [
        (sa.select(pegawai.c.id).where(pegawai.c.unor_id == unor_id), "masih memiliki pegawai"),
        (sa.select(unor.c.id).where(sa.or_(unor.c.unor_atasan_id == unor_id,
                                           unor.c.unor_induk_id == unor_id)),
         "masih menjadi unor atasan atau induk unor lain"),
        (sa.select(plt_plh.c.id).where(plt_plh.c.unor_id == unor_id), "masih dirujuk PLT/PLH"),
    ]
    for stmt, alasan in checks:
        if uow.session.execute(stmt.limit(1)).first():
            raise Conflict(f"Unor tidak dapat dihapus: {alasan}.")
    uow.session.execute(unor.delete().where(unor.c.id == unor_id))
    catat(uow, principal, entitas="unor", entitas_id=unor_id,
          instansi_id=before["instansi_id"], aksi="HAPUS", sebelum=before)
    uow.add_event(events.unor_dihapus(before), aggregate_id=unor_id,
                  instansi_id=before["instansi_id"])


def ambil(uow: UnitOfWork, principal: Principal, unor_id: str) -> dict:
    row = row_or_404(uow, unor, unor_id)
    ensure_visible(principal, instansi_id=row["instansi_id"])
    return row


def struktur(uow: UnitOfWork, principal: Principal, unor_id: str) -> dict:
    """The unor with its subtree (``anak`` nested), pimpinan definitif included."""
    root = row_or_404(uow, unor, unor_id)
    ensure_visible(principal, instansi_id=root["instansi_id"])
    rows = uow.session.execute(sa.select(unor).where(
        unor.c.instansi_id == root["instansi_id"]).order_by(unor.c.nama)).mappings().all()
    kepala = uow.session.execute(sa.select(pegawai.c.unor_id, pegawai.c.id, pegawai.c.nip,
                                           pegawai.c.nama).where(
        pegawai.c.instansi_id == root["instansi_id"], pegawai.c.jenis_jabatan == "PIMPINAN")).all()
    pimpinan = {k.unor_id: {"id": k.id, "nip": k.nip, "nama": k.nama} for k in kepala}
    anak: dict[str, list] = {}
    for r in rows:
        anak.setdefault(r["unor_atasan_id"], []).append(dict(r))

    def node(r: dict, seen: frozenset) -> dict:
        kids = [node(c, seen | {r["id"]}) for c in anak.get(r["id"], []) if c["id"] not in seen]
        return {**r, "pimpinan": pimpinan.get(r["id"]), "anak": kids}

    return node(dict(root), frozenset())


def daftar(uow: UnitOfWork, principal: Principal, *, filters: dict[str, Any],
           page: PageRequest) -> Page[dict]:
    """The caller's instansi (admin_pusat: every one), filtered."""
    stmt = sa.select(unor)
    if not principal.is_admin_pusat:
        stmt = stmt.where(unor.c.instansi_id == principal.instansi_id)
    for kolom in ("instansi_id", "unor_atasan_id", "unor_induk_id", "mandiri", "eselon", "kode"):
        if filters.get(kolom) is not None:
            stmt = stmt.where(unor.c[kolom] == filters[kolom])
    if filters.get("nama"):
        stmt = stmt.where(unor.c.nama.icontains(filters["nama"], autoescape=True))
    return fetch_page(uow.session, stmt, page, unor.c.nama, unor.c.id)
