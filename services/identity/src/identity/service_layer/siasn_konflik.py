"""Conflicts a SIASN pull found (``siasn.py``): a field an admin changed here that SIASN says
otherwise. Listed per instansi; an admin takes SIASN's value (``terima``: applied as any change,
with riwayat and the snapshot event) or keeps ours (``tolak``). A later pull that brings the
same field again reopens it with SIASN's newer value; one that agrees with us closes it."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kinerja_shared.auth.access import ensure_admin_of
from kinerja_shared.auth.principal import Principal
from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import Conflict, NotFound

from ..adapters.siasn_tables import siasn_konflik
from ..adapters.tables import pegawai, unor
from . import events
from .common import catat, new_id, row_or_404

TERBUKA, DITERIMA, DITOLAK = "TERBUKA", "DITERIMA", "DITOLAK"


def catat_konflik(uow, instansi_id: str, entitas: str, entitas_id: str, kunci: str,
                  nama: str | None, konflik: list[tuple[str, Any, Any]],
                  sinkron_id: str | None) -> None:
    """Open (or reopen with SIASN's newer value) one conflict per field."""
    if not konflik:
        return
    s, t = uow.session, now()
    held = {r.field: r.id for r in s.execute(sa.select(siasn_konflik.c.field, siasn_konflik.c.id)
                                             .where(siasn_konflik.c.entitas == entitas,
                                                    siasn_konflik.c.entitas_id == entitas_id))}
    for field, lokal, siasn in konflik:
        values = {"nilai_lokal": lokal, "nilai_siasn": siasn, "status": TERBUKA,
                  "sinkron_id": sinkron_id, "diperbarui_at": t, "diselesaikan_at": None,
                  "diselesaikan_oleh": None, "nama": (nama or "")[:500], "kunci": kunci}
        if field in held:
            s.execute(sa.update(siasn_konflik).where(siasn_konflik.c.id == held[field])
                      .values(**values))
        else:
            s.execute(siasn_konflik.insert().values(
                id=new_id(), instansi_id=instansi_id, entitas=entitas, entitas_id=entitas_id,
                field=field, dibuat_at=t, **values))


def daftar(uow: UnitOfWork, principal: Principal, *, filters: dict[str, Any],
           page: PageRequest) -> Page[dict]:
    """Admins: the conflicts of their instansi (admin_pusat: any, by ``instansi_id``)."""
    stmt = sa.select(siasn_konflik)
    if principal.is_admin_pusat:
        if filters.get("instansi_id"):
            stmt = stmt.where(siasn_konflik.c.instansi_id == filters["instansi_id"])
    else:
        stmt = stmt.where(siasn_konflik.c.instansi_id == principal.instansi_id)
    for kolom in ("status", "entitas", "kunci"):
        if filters.get(kolom):
            stmt = stmt.where(siasn_konflik.c[kolom] == filters[kolom])
    return fetch_page(uow.session, stmt, page, siasn_konflik.c.diperbarui_at.desc(),
                      siasn_konflik.c.id)


def ambil(uow: UnitOfWork, principal: Principal, konflik_id: str) -> dict:
    row = uow.session.execute(sa.select(siasn_konflik).where(
        siasn_konflik.c.id == konflik_id)).mappings().first()
    if row is None or not principal.can_admin_instansi(row["instansi_id"]):
        raise NotFound()
    return dict(row)


def selesaikan(uow: UnitOfWork, principal: Principal, konflik_id: str, *, terima: bool) -> dict:
    """Take SIASN's value (``terima``) or keep ours; only an open conflict."""
    row = ambil(uow, principal, konflik_id)
    ensure_admin_of(principal, row["instansi_id"])
    if row["status"] != TERBUKA:
        raise Conflict("Konflik ini sudah diselesaikan.", code="sudah-diselesaikan")
    if terima and row["field"] != "instansi_id":
        _terapkan(uow, principal, row)
    uow.session.execute(sa.update(siasn_konflik).where(siasn_konflik.c.id == konflik_id).values(
        status=DITERIMA if terima else DITOLAK, diselesaikan_at=now(),
        diselesaikan_oleh=principal.pegawai_id))
    return ambil(uow, principal, konflik_id)


def _terapkan(uow, principal, row: dict) -> None:
    table = pegawai if row["entitas"] == "pegawai" else unor
    before = row_or_404(uow, table, row["entitas_id"], for_update=True)
    field, value = row["field"], row["nilai_siasn"]
    if field.startswith("tmt_") and value:
        from datetime import date

        value = date.fromisoformat(value)
    after = {**before, field: value, "revisi": before["revisi"] + 1, "updated_at": now()}
    uow.session.execute(sa.update(table).where(table.c.id == before["id"]).values(
        **{field: value}, revisi=after["revisi"], updated_at=after["updated_at"]))
    build = events.pegawai_diperbarui if table is pegawai else events.unor_diperbarui
    uow.add_event(build(after), aggregate_id=after["id"], instansi_id=after["instansi_id"])
    catat(uow, principal, entitas=row["entitas"], entitas_id=after["id"],
          instansi_id=after["instansi_id"], aksi="SIASN_KONFLIK", sebelum=before, sesudah=after)
