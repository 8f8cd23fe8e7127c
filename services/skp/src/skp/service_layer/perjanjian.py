"""Perjanjian Kinerja of a JPT per year (sasaran strategis -> indikator with target and
satuan) and its copy into the JPT's SKP in one action (BKN toolkit, "Salin dari PK")."""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, func, select, update

from kinerja_shared.auth import Principal

from ..adapters import identitas
from ..adapters.skp_tables import indikator, perjanjian_kinerja as pk, pk_indikator, pk_sasaran, rhk
from ..domain import aturan
from ..domain.errors import Dilarang, Konflik, TidakDitemukan, invalid
from . import akses
from .rhk_service import pengubah
from .riwayat import catat, utcnow


def muat(session, principal: Principal, pk_id: str, *, ubah: bool = False) -> dict[str, Any]:
    """The PK as the caller may see it: the owner, admins of its instansi (404 otherwise);
    only the owner changes it (403)."""
    row = session.execute(select(pk).where(pk.c.id == pk_id)).mappings().one_or_none()
    if row is None or not principal.sees_instansi(row["instansi_id"]) or not (
            row["pegawai_id"] == principal.pegawai_id
            or principal.can_admin_instansi(row["instansi_id"])):
        raise TidakDitemukan("Perjanjian Kinerja tidak ditemukan.")
    if ubah and row["pegawai_id"] != principal.pegawai_id:
        raise Dilarang("Hanya pemilik Perjanjian Kinerja yang dapat mengubahnya.")
    return dict(row)


def buat(uow, principal: Principal, data: dict[str, Any]) -> str:
    session = uow.session
    p = identitas.pegawai(session, principal.pegawai_id)
    instansi_id = p["instansi_id"] if p else principal.instansi_id
    if instansi_id is None:
        raise invalid("tahun", "Data pegawai belum tersedia di layanan SKP.")
    if session.execute(select(pk.c.id).where(pk.c.pegawai_id == principal.pegawai_id,
                                             pk.c.tahun == data["tahun"])).first():
        raise Konflik(f"Perjanjian Kinerja tahun {data['tahun']} sudah ada.")
    pk_id = uuid.uuid4().hex
    session.execute(pk.insert().values(id=pk_id, instansi_id=instansi_id, tahun=data["tahun"],
                                       pegawai_id=principal.pegawai_id, dibuat_at=utcnow()))
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
        raise TidakDitemukan("Sasaran strategis tidak ditemukan.")


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
        raise TidakDitemukan("Indikator tidak ditemukan.")
    if data:
        uow.session.execute(update(pk_indikator).where(*where).values(**data))


def hapus_indikator(uow, principal, pk_id: str, sid: str, iid: str) -> None:
    muat(uow.session, principal, pk_id, ubah=True)
    _sasaran(uow.session, pk_id, sid)
    if uow.session.execute(delete(pk_indikator).where(
            pk_indikator.c.id == iid, pk_indikator.c.sasaran_id == sid)).rowcount == 0:
        raise TidakDitemukan("Indikator tidak ditemukan.")


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
