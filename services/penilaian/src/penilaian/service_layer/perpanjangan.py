"""Extensions of the batas pengisian per pegawai or per unor, by the admins of the instansi;
withdrawn ones are kept for the record."""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select, update

from kinerja_shared import clock
from kinerja_shared.auth.access import ensure_admin_of
from kinerja_shared.auth.principal import Principal
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import Conflict, Invalid, NotFound

from ..adapters.tables import perpanjangan
from . import muat


def _periode(s, principal: Principal, periode_id: str):
    """The period, for its admins: 404 when unknown or of another instansi, 403 for a
    non-admin."""
    periode = muat.periode_row(s, periode_id)
    if periode is None or not principal.sees_instansi(periode["instansi_id"]):
        raise NotFound("Periode tidak ditemukan.")
    ensure_admin_of(principal, periode["instansi_id"])
    return periode


def perpanjang(uow, principal: Principal, *, periode_id: str, pegawai_id: str | None,
               unor_id: str | None, batas: date, alasan: str | None) -> str:
    """A new batas pengisian for one pegawai or one unor (exactly one of them), not earlier
    than the period's; answers its id."""
    periode = _periode(uow.session, principal, periode_id)
    if (pegawai_id is None) == (unor_id is None):
        raise Invalid({"pegawai_id": ["Isi pegawai_id atau unor_id (salah satu)."]},
                      "Isi salah satu: pegawai_id atau unor_id.")
    if batas < periode["batas_pengisian"]:
        raise Invalid({"batas_pengisian": ["Lebih awal dari batas periode."]},
                      "Batas baru tidak boleh lebih awal dari batas periode.")
    pid = str(uuid.uuid4())
    uow.session.execute(perpanjangan.insert().values(
        id=pid, instansi_id=periode["instansi_id"], periode_id=periode["id"],
        pegawai_id=pegawai_id, unor_id=unor_id, batas_pengisian=batas, alasan=alasan,
        oleh_pegawai_id=principal.pegawai_id, created_at=clock.now()))
    return pid


def daftar(uow, principal: Principal, *, periode_id: str, page: PageRequest) -> Page[dict]:
    """The extensions of one period, oldest first (withdrawn ones too, with ``dicabut_at``)."""
    _periode(uow.session, principal, periode_id)
    stmt = select(perpanjangan).where(perpanjangan.c.periode_id == periode_id)
    return fetch_page(uow.session, stmt, page, perpanjangan.c.created_at, perpanjangan.c.id)


def cabut(uow, principal: Principal, perpanjangan_id: str) -> None:
    """Withdraw an extension (admins of its instansi): kept with who withdrew it and when, it
    no longer moves the batas pengisian. 409 when withdrawn already."""
    row = baca(uow, principal, perpanjangan_id)
    if row["dicabut_at"] is not None:
        raise Conflict("Perpanjangan ini sudah dicabut.", code="sudah-dicabut")
    uow.session.execute(update(perpanjangan).where(perpanjangan.c.id == row["id"]).values(
        dicabut_at=clock.now(), dicabut_oleh_pegawai_id=principal.pegawai_id))


def baca(uow, principal: Principal, perpanjangan_id: str) -> dict:
    """One extension, for the admins of its instansi (404 for anybody else)."""
    row = uow.session.execute(select(perpanjangan).where(
        perpanjangan.c.id == perpanjangan_id)).mappings().first()
    if row is None or not principal.sees_instansi(row["instansi_id"]):
        raise NotFound("Perpanjangan tidak ditemukan.")
    ensure_admin_of(principal, row["instansi_id"])
    return dict(row)
