"""Reading sync jobs and their per-record results, and asking for a pull (API.md: POST
/siasn/sinkron; BKN admin manual §2.13 "Sinkronisasi")."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kinerja_shared.clock import now
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import Conflict, NotFound

from ..adapters.tables import pengaturan, sinkron, sinkron_item
from . import antrean
from .akses import admin_instansi

JENIS_TARIK = ("PEGAWAI", "UNOR", "UNOR_DAN_PEGAWAI")


def minta_tarik(uow, principal, *, jenis: str) -> dict:
    """Queue a pull of the caller's instansi (matched by its SIASN instansi id)."""
    instansi_id = admin_instansi(principal)
    antrean.pastikan_pengaturan(uow, instansi_id)
    s = uow.session
    siasn_id = s.execute(sa.select(pengaturan.c.siasn_instansi_id).where(
        pengaturan.c.instansi_id == instansi_id).with_for_update()).scalar()
    if not siasn_id:
        raise Conflict("ID instansi SIASN belum diatur; isi di pengaturan integrasi.",
                       code="siasn-belum-diatur")
    berjalan = s.execute(sa.select(sinkron.c.id).where(
        sinkron.c.instansi_id == instansi_id, sinkron.c.arah == "TARIK",
        sinkron.c.sistem == "SIASN", sinkron.c.status.in_(["MENUNGGU", "BERJALAN"]))
        .limit(1)).first()
    if berjalan is not None:
        raise Conflict("Masih ada sinkronisasi yang menunggu atau berjalan.",
                       code="sinkron-berjalan", sinkron_id=berjalan.id)
    return antrean.antre(uow, instansi_id=instansi_id, sistem="SIASN", arah="TARIK",
                         jenis=jenis, oleh=principal)


def daftar(uow, principal, *, sistem: str, arah: str, jenis: tuple[str, ...],
           filters: dict[str, Any], page: PageRequest) -> Page[dict]:
    instansi_id = admin_instansi(principal)
    stmt = sa.select(sinkron).where(sinkron.c.instansi_id == instansi_id,
                                    sinkron.c.sistem == sistem, sinkron.c.arah == arah,
                                    sinkron.c.jenis.in_(jenis))
    for name in ("tahun", "status", "jenis"):
        if filters.get(name) is not None:
            stmt = stmt.where(sinkron.c[name] == filters[name])
    return fetch_page(uow.session, stmt, page, sinkron.c.waktu_request.desc(), sinkron.c.id)


def ambil(uow, principal, sinkron_id: str, *, sistem: str, arah: str,
          jenis: tuple[str, ...]) -> dict:
    """A job of the caller's instansi and of this kind; 404 otherwise."""
    instansi_id = admin_instansi(principal)
    row = uow.session.execute(sa.select(sinkron).where(sinkron.c.id == sinkron_id)
                              ).mappings().first()
    if row is None or row["instansi_id"] != instansi_id or row["sistem"] != sistem or \
            row["arah"] != arah or row["jenis"] not in jenis:
        raise NotFound()
    return dict(row)


def item(uow, principal, sinkron_id: str, *, sistem: str, arah: str, jenis: tuple[str, ...],
         status: str | None, page: PageRequest) -> Page[dict]:
    ambil(uow, principal, sinkron_id, sistem=sistem, arah=arah, jenis=jenis)
    stmt = sa.select(sinkron_item).where(sinkron_item.c.sinkron_id == sinkron_id)
    if status:
        stmt = stmt.where(sinkron_item.c.status == status)
    return fetch_page(uow.session, stmt, page, sinkron_item.c.id)


# -- settings ----------------------------------------------------------------------------------

def pengaturan_instansi(uow, principal) -> dict:
    instansi_id = admin_instansi(principal)
    row = uow.session.execute(sa.select(pengaturan).where(
        pengaturan.c.instansi_id == instansi_id)).mappings().first()
    return dict(row) if row else {"instansi_id": instansi_id, "siasn_instansi_id": None,
                                  "diubah_at": None, "diubah_oleh": None}


def ubah_pengaturan(uow, principal, *, siasn_instansi_id: str | None) -> dict:
    instansi_id = admin_instansi(principal)
    antrean.pastikan_pengaturan(uow, instansi_id)
    uow.session.execute(sa.update(pengaturan).where(pengaturan.c.instansi_id == instansi_id)
                        .values(siasn_instansi_id=siasn_instansi_id, diubah_at=now(),
                                diubah_oleh=principal.pegawai_id))
    return pengaturan_instansi(uow, principal)
