"""Perjanjian Kinerja of a JPT per year (sasaran strategis -> indikator with target and
satuan) and its copy into the JPT's SKP in one action (BKN toolkit, "Salin dari PK")."""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select, update

from kinerja_shared import clock
from kinerja_shared.auth.access import is_visible
from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Conflict, Forbidden, NotFound, invalid

from ..adapters import identitas
from ..adapters.skp_tables import indikator, perjanjian_kinerja as pk, pk_indikator, pk_sasaran, rhk
from ..domain import aturan
from . import akses
from .rhk_service import pengubah
from .riwayat import catat

TIDAK_DITEMUKAN = "Perjanjian Kinerja tidak ditemukan."
SUDAH_ADA = "Perjanjian Kinerja tahun {tahun} sudah ada."


def muat(session, principal: Principal, pk_id: str, *, ubah: bool = False) -> dict[str, Any]:
    """The PK as the caller may see it: the owner, admins of its instansi (404 otherwise);
    only the owner changes it (403)."""
    row = session.execute(select(pk).where(pk.c.id == pk_id)).mappings().one_or_none()
    if row is None or not is_visible(principal, instansi_id=row["instansi_id"],
                                     owner_pegawai_id=row["pegawai_id"]):
        raise NotFound(TIDAK_DITEMUKAN)
    if ubah and row["pegawai_id"] != principal.pegawai_id:
        raise Forbidden("Hanya pemilik Perjanjian Kinerja yang dapat mengubahnya.")
    return dict(row)


def terlihat(principal: Principal) -> tuple[ColumnElement[bool], ...]:
    """Conditions for the PKs the caller may list: every PK for an admin pusat, his instansi's
    for an admin instansi, else his own."""
    if principal.is_admin_pusat:
        return ()
    if principal.is_admin_instansi:
        return (pk.c.instansi_id == principal.instansi_id,)
    return (pk.c.pegawai_id == principal.pegawai_id,)


def _belum_ada(session, pegawai_id: str, tahun: int) -> None:
    """409 when the pegawai has that year's PK (two concurrent creations both pass this; the
    unique key refuses the second, with the message of ``bootstrap.CONFLICT_MESSAGES``)."""
    if session.execute(select(pk.c.id).where(pk.c.pegawai_id == pegawai_id,
                                             pk.c.tahun == tahun)).first():
        raise Conflict(SUDAH_ADA.format(tahun=tahun))


def buat(uow, principal: Principal, data: dict[str, Any]) -> str:
    session = uow.session
    p = identitas.pegawai(session, principal.pegawai_id)
    instansi_id = p["instansi_id"] if p else principal.instansi_id
    if instansi_id is None:
        raise invalid("tahun", "Data pegawai belum tersedia di layanan SKP.")
    _belum_ada(session, principal.pegawai_id, data["tahun"])
    pk_id = uuid.uuid4().hex
    session.execute(pk.insert().values(id=pk_id, instansi_id=instansi_id, tahun=data["tahun"],
                                       pegawai_id=principal.pegawai_id, dibuat_at=clock.now()))
    for sasaran in data.get("sasaran", []):
        tambah_sasaran(uow, principal, pk_id, sasaran)
    return pk_id


def hapus(uow, principal: Principal, pk_id: str) -> None:
    muat(uow.session, principal, pk_id, ubah=True)
    sids = select(pk_sasaran.c.id).where(pk_sasaran.c.perjanjian_kinerja_id == pk_id)
    uow.session.execute(delete(pk_indikator).where(pk_indikator.c.sasaran_id.in_(sids)))
    uow.session.execute(delete(pk_sasaran).where(pk_sasaran.c.perjanjian_kinerja_id == pk_id))
    uow.session.execute(delete(pk).where(pk.c.id == pk_id))


def _next(session, table, col, value) -> int:
    return (session.execute(select(func.max(table.c.urutan)).where(col == value)).scalar() or 0) + 1


def _sasaran(session, pk_id: str, sid: str) -> None:
    if not session.execute(select(pk_sasaran.c.id).where(
            pk_sasaran.c.id == sid, pk_sasaran.c.perjanjian_kinerja_id == pk_id)).first():
        raise NotFound("Sasaran strategis tidak ditemukan.")


def tambah_sasaran(uow, principal, pk_id: str, data: dict[str, Any]) -> str:
    session = uow.session
    muat(session, principal, pk_id, ubah=True)
    sid = uuid.uuid4().hex
    session.execute(pk_sasaran.insert().values(
        id=sid, perjanjian_kinerja_id=pk_id, uraian=data["uraian"],
        urutan=_next(session, pk_sasaran, pk_sasaran.c.perjanjian_kinerja_id, pk_id)))
    for ind in data.get("indikator", []):
        tambah_indikator(uow, principal, pk_id, sid, ind)
    return sid


def ubah_sasaran(uow, principal, pk_id: str, sid: str, data: dict[str, Any]) -> None:
    muat(uow.session, principal, pk_id, ubah=True)
    _sasaran(uow.session, pk_id, sid)
    if data.get("uraian"):
        uow.session.execute(update(pk_sasaran).where(pk_sasaran.c.id == sid).values(
            uraian=data["uraian"]))


def hapus_sasaran(uow, principal, pk_id: str, sid: str) -> None:
    muat(uow.session, principal, pk_id, ubah=True)
    _sasaran(uow.session, pk_id, sid)
    uow.session.execute(delete(pk_indikator).where(pk_indikator.c.sasaran_id == sid))
    uow.session.execute(delete(pk_sasaran).where(pk_sasaran.c.id == sid))


def tambah_indikator(uow, principal, pk_id: str, sid: str, data: dict[str, Any]) -> str:
    session = uow.session
    muat(session, principal, pk_id, ubah=True)
    _sasaran(session, pk_id, sid)
    iid = uuid.uuid4().hex
    session.execute(pk_indikator.insert().values(
        id=iid, sasaran_id=sid, uraian=data["uraian"], target=data.get("target"),
        satuan=data.get("satuan"),
        urutan=_next(session, pk_indikator, pk_indikator.c.sasaran_id, sid)))
    return iid


def ubah_indikator(uow, principal, pk_id: str, sid: str, iid: str, data: dict) -> None:
    muat(uow.session, principal, pk_id, ubah=True)
    _sasaran(uow.session, pk_id, sid)
    where = (pk_indikator.c.id == iid, pk_indikator.c.sasaran_id == sid)
    if uow.session.execute(select(pk_indikator.c.id).where(*where)).first() is None:
        raise NotFound("Indikator tidak ditemukan.")
    if data:
        uow.session.execute(update(pk_indikator).where(*where).values(**data))


def hapus_indikator(uow, principal, pk_id: str, sid: str, iid: str) -> None:
    muat(uow.session, principal, pk_id, ubah=True)
    _sasaran(uow.session, pk_id, sid)
    if uow.session.execute(delete(pk_indikator).where(
            pk_indikator.c.id == iid, pk_indikator.c.sasaran_id == sid)).rowcount == 0:
        raise NotFound("Indikator tidak ditemukan.")


def salin_ke_skp(uow, principal: Principal, skp_id: str, pk_id: str) -> list[str]:
    """Every sasaran strategis becomes an RHK utama (referensi PERKIN) with its indikator."""
    session = uow.session
    d = pengubah(session, principal, skp_id)
    akses.wajib(d, akses.PEMILIK)
    row = muat(session, principal, pk_id)
    if d.row["jenis"] != aturan.JPT:
        raise invalid("perjanjian_kinerja_id", "Perjanjian Kinerja hanya disalin ke SKP JPT.")
    if row["pegawai_id"] != d.row["pegawai_id"] or row["tahun"] != d.row["periode_awal"].year:
        raise invalid("perjanjian_kinerja_id", "Perjanjian Kinerja bukan milik pemilik SKP "
                                               "untuk tahun yang sama.")
    start = (session.execute(select(func.max(rhk.c.urutan)).where(rhk.c.skp_id == skp_id))
             .scalar() or 0)
    sasaran = session.execute(select(pk_sasaran).where(
        pk_sasaran.c.perjanjian_kinerja_id == pk_id).order_by(pk_sasaran.c.urutan)).mappings().all()
    made = []
    for n, s in enumerate(sasaran, start=start + 1):
        rid = uuid.uuid4().hex
        made.append(rid)
        session.execute(rhk.insert().values(id=rid, skp_id=skp_id, urutan=n, jenis="UTAMA",
                                            uraian=s["uraian"], referensi="PERKIN"))
        inds = session.execute(select(pk_indikator).where(pk_indikator.c.sasaran_id == s["id"])
                               .order_by(pk_indikator.c.urutan)).mappings().all()
        session.execute(indikator.insert(), [
            {"id": uuid.uuid4().hex, "rhk_id": rid, "skp_id": skp_id, "urutan": i["urutan"],
             "uraian": i["uraian"], "target": i["target"], "satuan": i["satuan"]}
            for i in inds]) if inds else None
    catat(session, principal, skp_id, "SALIN_PERJANJIAN_KINERJA", objek=f"perjanjian_kinerja:{pk_id}",
          sesudah={"rhk": made})
    return made
