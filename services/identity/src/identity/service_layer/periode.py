"""Periode penilaian per instansi and year (DOMAIN.md §2)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kinerja_shared.auth.access import ensure_admin_of, ensure_visible
from kinerja_shared.auth.principal import Principal
from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import Conflict, invalid

from ..adapters.tables import periode
from ..domain import periode as rules
from ..domain.periode import Periode, PeriodeTidakValid
from . import events
from .common import catat, instansi_tujuan, new_id, row_or_404

# also the answer to a concurrent second final (unique index uq_periode_final:
# bootstrap.CONFLICT_MESSAGES)
SATU_FINAL = "Sudah ada periode final untuk tahun ini."
KOLOM = ("tahun", "nama", "awal", "akhir", "batas_pengisian", "final")


def _lain(uow: UnitOfWork, instansi_id: str, tahun: int) -> list[Periode]:
    rows = uow.session.execute(sa.select(periode).where(
        periode.c.instansi_id == instansi_id, periode.c.tahun == tahun).with_for_update()
    ).mappings().all()
    return [Periode.dari(r) for r in rows]


def _periksa(uow: UnitOfWork, row: dict) -> None:
    baru = Periode.dari(row)
    lain = _lain(uow, row["instansi_id"], row["tahun"])
    try:
        rules.periksa_tahun(baru, lain)
    except PeriodeTidakValid as exc:
        raise invalid(exc.field, exc.message) from None
    if rules.ada_final_lain(baru, lain):
        raise Conflict(SATU_FINAL, code="duplicate")


def _simpan_baru(uow: UnitOfWork, principal: Principal | None, data: dict) -> dict:
    t = now()
    row = {k: data.get(k) for k in KOLOM}
    row.update(id=new_id(), instansi_id=data["instansi_id"], final=bool(data.get("final")),
               revisi=1, created_at=t, updated_at=t)
    _periksa(uow, row)
    uow.session.execute(periode.insert().values(**row))
    catat(uow, principal, entitas="periode", entitas_id=row["id"], instansi_id=row["instansi_id"],
          aksi="BUAT", sesudah=row)
    uow.add_event(events.periode_diperbarui(row), aggregate_id=row["id"],
                  instansi_id=row["instansi_id"])
    return row


def buat(uow: UnitOfWork, principal: Principal, data: dict[str, Any]) -> dict:
    """Non-final periods of a year never overlap (422); one final period per year (409)."""
    instansi_tujuan(uow, principal, data["instansi_id"])
    return tampil(_simpan_baru(uow, principal, data))


def generate(uow: UnitOfWork, principal: Principal | None, *, instansi_id: str, tahun: int,
             skema: str) -> list[dict]:
    """12+1, 4+1 or 1 periods; refused (409) when the year already has periods
    (``principal`` None: the system, for the demo)."""
    instansi_tujuan(uow, principal, instansi_id)
    if _lain(uow, instansi_id, tahun):
        raise Conflict("Tahun ini sudah memiliki periode; hapus dahulu untuk membuat ulang.")
    try:
        dibuat = rules.generate(tahun, skema)
    except PeriodeTidakValid as exc:
        raise invalid(exc.field, exc.message) from None
    return [tampil(_simpan_baru(uow, principal, {
        "instansi_id": instansi_id, "tahun": p.tahun, "nama": p.nama, "awal": p.awal,
        "akhir": p.akhir, "batas_pengisian": p.batas_pengisian, "final": p.final}))
        for p in dibuat]


def ubah(uow: UnitOfWork, principal: Principal, periode_id: str, data: dict[str, Any]) -> dict:
    """The overlap and one-final rules hold as for a new period."""
    before = row_or_404(uow, periode, periode_id, for_update=True)
    ensure_admin_of(principal, before["instansi_id"])
    after = {**before, **{k: v for k, v in data.items() if k in KOLOM}}
    after.update(revisi=before["revisi"] + 1, updated_at=now())
    _periksa(uow, after)
    uow.session.execute(periode.update().where(periode.c.id == periode_id).values(
        **{k: after[k] for k in (*KOLOM, "revisi", "updated_at")}))
    catat(uow, principal, entitas="periode", entitas_id=periode_id,
          instansi_id=after["instansi_id"], aksi="UBAH", sebelum=before, sesudah=after)
    uow.add_event(events.periode_diperbarui(after), aggregate_id=periode_id,
                  instansi_id=after["instansi_id"])
    return tampil(after)


def hapus(uow: UnitOfWork, principal: Principal, periode_id: str) -> None:
    before = row_or_404(uow, periode, periode_id, for_update=True)
    ensure_admin_of(principal, before["instansi_id"])
    uow.session.execute(periode.delete().where(periode.c.id == periode_id))
    catat(uow, principal, entitas="periode", entitas_id=periode_id,
          instansi_id=before["instansi_id"], aksi="HAPUS", sebelum=before)
    uow.add_event(events.periode_dihapus(before), aggregate_id=periode_id,
                  instansi_id=before["instansi_id"])


def ambil(uow: UnitOfWork, principal: Principal, periode_id: str) -> dict:
    row = row_or_404(uow, periode, periode_id)
    ensure_visible(principal, instansi_id=row["instansi_id"])
    return tampil(row)


def tampil(row: dict) -> dict:
    """With the resolved dates (batas pengisian may lie in the next year)."""
    p = Periode.dari(row)
    return {**row, "tanggal_awal": p.tanggal_awal, "tanggal_akhir": p.tanggal_akhir,
            "tanggal_batas_pengisian": p.tanggal_batas}


def daftar(uow: UnitOfWork, principal: Principal, *, filters: dict[str, Any],
           page: PageRequest) -> Page[dict]:
    """The caller's instansi (admin_pusat: every one), by year, final last."""
    stmt = sa.select(periode)
    if not principal.is_admin_pusat:
        stmt = stmt.where(periode.c.instansi_id == principal.instansi_id)
    for kolom in ("instansi_id", "tahun", "final"):
        if filters.get(kolom) is not None:
            stmt = stmt.where(periode.c[kolom] == filters[kolom])
    found = fetch_page(uow.session, stmt, page, periode.c.tahun, periode.c.final,
                       periode.c.awal, periode.c.id)
    return Page([tampil(r) for r in found.items], found.total)
