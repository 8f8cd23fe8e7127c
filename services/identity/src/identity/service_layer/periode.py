"""Periode penilaian per instansi and year (DOMAIN.md §2)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from kinerja_shared.auth import Principal, ensure_admin_of, ensure_visible
from kinerja_shared.events.contracts.identity import PeriodeDiperbarui

from ..adapters.tables import instansi, periode
from ..domain import periode as rules
from ..domain.periode import Periode, PeriodeTidakValid
from .common import catat, conflict, invalid, new_id, now, row_or_404, snapshot

SATU_FINAL = "Sudah ada periode final untuk tahun ini."
KOLOM = ("tahun", "nama", "awal", "akhir", "batas_pengisian", "final")


def _domain(row: dict) -> Periode:
    return Periode(row["tahun"], row["nama"], row["awal"], row["akhir"], row["batas_pengisian"],
                   bool(row["final"]), row.get("id"))


def event(row: dict, **extra) -> PeriodeDiperbarui:
    p = _domain(row)
    return snapshot(PeriodeDiperbarui, row, awal=p.tanggal_awal, akhir=p.tanggal_akhir,
                    batas_pengisian=p.tanggal_batas, **extra)


def _lain(uow, instansi_id: str, tahun: int) -> list[Periode]:
    rows = uow.session.execute(sa.select(periode).where(
        periode.c.instansi_id == instansi_id, periode.c.tahun == tahun).with_for_update()).mappings().all()
    return [_domain(dict(r)) for r in rows]


def _periksa(uow, row: dict) -> None:
    baru = _domain(row)
    lain = _lain(uow, row["instansi_id"], row["tahun"])
    try:
        rules.periksa_tahun(baru, lain)
    except PeriodeTidakValid as exc:
        raise invalid(exc.field, exc.message) from None
    if rules.ada_final_lain(baru, lain):
        raise conflict(SATU_FINAL)


def _instansi_admin(uow, principal: Principal | None, instansi_id: str) -> None:
    if principal is not None and not principal.can_admin_instansi(instansi_id) or not \
            uow.session.execute(sa.select(instansi.c.id).where(instansi.c.id == instansi_id)).first():
        raise invalid("instansi_id", "Instansi tidak ditemukan.")


def _simpan_baru(uow, principal, data: dict) -> dict:
    t = now()
    row = {k: data.get(k) for k in KOLOM}
    row.update(id=new_id(), instansi_id=data["instansi_id"], final=bool(data.get("final")),
               revisi=1, created_at=t, updated_at=t)
    _periksa(uow, row)
    uow.session.execute(periode.insert().values(**row))
    catat(uow, principal, entitas="periode", entitas_id=row["id"], instansi_id=row["instansi_id"],
          aksi="BUAT", sesudah=row)
    uow.add_event(event(row), aggregate_id=row["id"], instansi_id=row["instansi_id"])
    return row


def _commit(uow) -> None:
    try:
        uow.commit()
    except IntegrityError:  # the partial unique index under concurrent writers
        raise conflict(SATU_FINAL) from None


def buat(uow, principal: Principal | None, data: dict[str, Any]) -> dict:
    with uow:
        _instansi_admin(uow, principal, data["instansi_id"])
        row = _simpan_baru(uow, principal, data)
        _commit(uow)
    return row


def generate(uow, principal: Principal | None, *, instansi_id: str, tahun: int, skema: str) -> list[dict]:
    """12+1, 4+1 or 1 periods; refused (409) when the year already has periods."""
    with uow:
        _instansi_admin(uow, principal, instansi_id)
        if _lain(uow, instansi_id, tahun):
            raise conflict("Tahun ini sudah memiliki periode; hapus dahulu untuk membuat ulang.")
        try:
            dibuat = rules.generate(tahun, skema)
        except PeriodeTidakValid as exc:
            raise invalid(exc.field, exc.message) from None
        rows = [_simpan_baru(uow, principal, {"instansi_id": instansi_id, "tahun": p.tahun,
                                              "nama": p.nama, "awal": p.awal, "akhir": p.akhir,
                                              "batas_pengisian": p.batas_pengisian, "final": p.final})
                for p in dibuat]
        _commit(uow)
    return rows


def ubah(uow, principal: Principal, periode_id: str, data: dict[str, Any]) -> dict:
    with uow:
        before = row_or_404(uow, periode, periode_id, for_update=True)
        ensure_admin_of(principal, before["instansi_id"])
        after = {**before, **{k: v for k, v in data.items() if k in KOLOM}}
        after.update(revisi=before["revisi"] + 1, updated_at=now())
        _periksa(uow, after)
        uow.session.execute(periode.update().where(periode.c.id == periode_id).values(
            **{k: after[k] for k in (*KOLOM, "revisi", "updated_at")}))
        catat(uow, principal, entitas="periode", entitas_id=periode_id,
              instansi_id=after["instansi_id"], aksi="UBAH", sebelum=before, sesudah=after)
        uow.add_event(event(after), aggregate_id=periode_id, instansi_id=after["instansi_id"])
        _commit(uow)
    return after


def hapus(uow, principal: Principal, periode_id: str) -> None:
    with uow:
        before = row_or_404(uow, periode, periode_id, for_update=True)
        ensure_admin_of(principal, before["instansi_id"])
        uow.session.execute(periode.delete().where(periode.c.id == periode_id))
        catat(uow, principal, entitas="periode", entitas_id=periode_id,
              instansi_id=before["instansi_id"], aksi="HAPUS", sebelum=before)
        uow.add_event(event(before, dihapus=True, revisi=before["revisi"] + 1),
                      aggregate_id=periode_id, instansi_id=before["instansi_id"])
        uow.commit()


def ambil(uow, principal: Principal, periode_id: str) -> dict:
    with uow:
        row = row_or_404(uow, periode, periode_id)
    ensure_visible(principal, instansi_id=row["instansi_id"])
    return tampil(row)


def tampil(row: dict) -> dict:
    """With the resolved dates (batas pengisian may lie in the next year)."""
    p = _domain(row)
    return {**row, "tanggal_awal": p.tanggal_awal, "tanggal_akhir": p.tanggal_akhir,
            "tanggal_batas_pengisian": p.tanggal_batas}


def daftar(uow, principal: Principal, *, filters: dict[str, Any], page: int, page_size: int):
    stmt = sa.select(periode)
    if not principal.is_admin_pusat:
        stmt = stmt.where(periode.c.instansi_id == principal.instansi_id)
    for kolom in ("instansi_id", "tahun", "final"):
        if filters.get(kolom) is not None:
            stmt = stmt.where(periode.c[kolom] == filters[kolom])
    with uow:
        total = uow.session.execute(sa.select(sa.func.count()).select_from(stmt.subquery())).scalar_one()
        rows = uow.session.execute(stmt.order_by(periode.c.tahun, periode.c.final, periode.c.awal,
                                                 periode.c.id)
                                   .offset((page - 1) * page_size).limit(page_size)).mappings().all()
    return [tampil(dict(r)) for r in rows], total
