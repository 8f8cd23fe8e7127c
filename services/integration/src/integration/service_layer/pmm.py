"""PMM (teachers): who is a PMM user, the PLT mapping of schools, asking for a sync, the sync
log and the teachers' scores (API.md; BKN admin manual §2.8-2.10). The sync itself runs as a
job (``pmm_jalan.py``)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kinerja_shared.clock import now
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import Conflict, Forbidden, NotFound, invalid

from ..adapters.remote import RemoteError
from ..adapters.pmm_tables import pmm_log, pmm_nilai, pmm_pengguna, pmm_plt
from ..adapters.tables import pegawai_ref, sinkron, unor_ref
from . import antrean
from .akses import admin_instansi


class PmmTidakTersedia(RuntimeError):
    """PMM could not be reached (the view answers 503; nothing was saved)."""


def daftar_pengguna(uow, principal, *, filters: dict[str, Any], page: PageRequest) -> Page:
    instansi_id = admin_instansi(principal)
    stmt = sa.select(pmm_pengguna, pegawai_ref.c.jabatan, unor_ref.c.nama.label("unor_nama")) \
        .join(pegawai_ref, pegawai_ref.c.id == pmm_pengguna.c.pegawai_id, isouter=True) \
        .join(unor_ref, unor_ref.c.id == pegawai_ref.c.unor_id, isouter=True) \
        .where(pmm_pengguna.c.instansi_id == instansi_id)
    if filters.get("nip"):
        stmt = stmt.where(pmm_pengguna.c.nip.startswith(filters["nip"]))
    if filters.get("nama"):
        stmt = stmt.where(pmm_pengguna.c.nama.ilike(f"%{filters['nama']}%"))
    return fetch_page(uow.session, stmt, page, pmm_pengguna.c.nama, pmm_pengguna.c.nip)


def tambah_pengguna(uow, principal, *, nip: str, tipe_skp: str, pmm) -> dict:
    """Register a teacher (a pegawai of the instansi, by NIP) as a PMM user, at PMM too."""
    instansi_id = admin_instansi(principal)
    row = uow.session.execute(sa.select(pegawai_ref).where(
        pegawai_ref.c.nip == nip, pegawai_ref.c.instansi_id == instansi_id,
        pegawai_ref.c.dihapus.is_(False))).mappings().first()
    if row is None:
        raise invalid("nip", "NIP tidak ditemukan di instansi ini.")
    if uow.session.execute(sa.select(pmm_pengguna.c.nip).where(
            pmm_pengguna.c.nip == nip)).first():
        raise Conflict("Pegawai sudah terdaftar sebagai pengguna PMM.", code="duplicate")
    if pmm is None:
        raise Conflict("PMM belum dikonfigurasi.", code="pmm-belum-diatur")
    try:
        pmm_id = pmm.daftarkan(nip, row["nama"],
                               "guru" if tipe_skp == "GURU" else "kepala_sekolah")
    except RemoteError as exc:
        raise PmmTidakTersedia(str(exc)) from None
    values = {"pegawai_id": row["id"], "instansi_id": instansi_id, "nip": nip,
              "nama": row["nama"], "tipe_skp": tipe_skp, "pmm_id": pmm_id, "dibuat_at": now(),
              "dibuat_oleh": principal.pegawai_id}
    uow.session.execute(pmm_pengguna.insert().values(**values))
    return {**values, "jabatan": row["jabatan"], "unor_nama": None}


def hapus_pengguna(uow, principal, pegawai_id: str, *, pmm) -> None:
    instansi_id = admin_instansi(principal)
    row = uow.session.execute(sa.select(pmm_pengguna).where(
        pmm_pengguna.c.pegawai_id == pegawai_id,
        pmm_pengguna.c.instansi_id == instansi_id)).mappings().first()
    if row is None:
        raise NotFound()
    if pmm is not None:
        try:
            pmm.hapus(row["nip"])
        except RemoteError as exc:
            raise PmmTidakTersedia(str(exc)) from None
    uow.session.execute(pmm_pengguna.delete().where(pmm_pengguna.c.pegawai_id == pegawai_id))


def atur_plt(uow, principal, *, pasangan: list[dict]) -> list[dict]:
    """Map PMM schools to the unor of the PLT kepala sekolah (replaces those schools')."""
    instansi_id = admin_instansi(principal)
    units = set(uow.session.execute(sa.select(unor_ref.c.id).where(
        unor_ref.c.instansi_id == instansi_id, unor_ref.c.dihapus.is_(False))).scalars())
    for i, p in enumerate(pasangan):
        if p["unor_id"] not in units:
            raise invalid(f"pasangan.{i}.unor_id", "Unor tidak ditemukan di instansi ini.")
    t = now()
    for p in pasangan:
        uow.session.execute(pmm_plt.delete().where(pmm_plt.c.instansi_id == instansi_id,
                                                   pmm_plt.c.pmm_sekolah == p["pmm_sekolah"]))
        uow.session.execute(pmm_plt.insert().values(instansi_id=instansi_id,
                                                    pmm_sekolah=p["pmm_sekolah"],
                                                    unor_id=p["unor_id"], diubah_at=t))
    return [dict(r) for r in uow.session.execute(_plt(instansi_id)).mappings()]


def _plt(instansi_id: str):
    return sa.select(pmm_plt, unor_ref.c.nama.label("unor_nama")).select_from(pmm_plt.outerjoin(
        unor_ref, unor_ref.c.id == pmm_plt.c.unor_id)).where(
        pmm_plt.c.instansi_id == instansi_id).order_by(pmm_plt.c.pmm_sekolah)


def daftar_plt(uow, principal, *, page: PageRequest) -> Page:
    """The instansi's PLT mapping, each school with its unor's name."""
    return fetch_page(uow.session, _plt(admin_instansi(principal)).order_by(None), page,
                      pmm_plt.c.pmm_sekolah)


def hapus_plt(uow, principal, pmm_sekolah: str) -> None:
    """Remove a school's PLT mapping (404 when the instansi has none for it)."""
    instansi_id = admin_instansi(principal)
    r = uow.session.execute(pmm_plt.delete().where(pmm_plt.c.instansi_id == instansi_id,
                                                   pmm_plt.c.pmm_sekolah == pmm_sekolah))
    if r.rowcount == 0:
        raise NotFound()


def minta_sinkron(uow, principal, *, pegawai_id: str | None) -> dict:
    """A teacher syncs himself (a PMM user); an admin any one teacher or all of them."""
    if principal is None:
        raise Forbidden()
    sendiri = pegawai_id is None and not principal.is_admin_instansi
    target = principal.pegawai_id if sendiri else pegawai_id
    if target is not None:
        row = uow.session.execute(sa.select(pmm_pengguna).where(
            pmm_pengguna.c.pegawai_id == target)).mappings().first()
        mine = row is not None and (row["pegawai_id"] == principal.pegawai_id or (
            principal.is_admin_instansi and row["instansi_id"] == principal.instansi_id))
        if not mine:
            raise NotFound() if pegawai_id is not None else Forbidden(
                "Anda belum terdaftar sebagai pengguna PMM.")
        instansi_id = row["instansi_id"]
    else:
        instansi_id = admin_instansi(principal)
    return antrean.antre(uow, instansi_id=instansi_id, sistem="PMM", arah="TARIK", jenis="PMM",
                         params={"pegawai_id": target}, oleh=principal)


def log(uow, principal, *, filters: dict[str, Any], page: PageRequest) -> Page:
    instansi_id = admin_instansi(principal)
    stmt = sa.select(pmm_log).where(pmm_log.c.instansi_id == instansi_id)
    if filters.get("nip"):
        stmt = stmt.where(pmm_log.c.nip.startswith(filters["nip"]))
    if filters.get("nama"):
        stmt = stmt.where(pmm_log.c.nama.ilike(f"%{filters['nama']}%"))
    for name in ("status", "tipe_skp"):
        if filters.get(name):
            stmt = stmt.where(pmm_log.c[name] == filters[name])
    return fetch_page(uow.session, stmt, page, pmm_log.c.waktu.desc(), pmm_log.c.id)


def kinerja_guru(uow, principal, *, filters: dict[str, Any], page: PageRequest) -> Page:
    instansi_id = admin_instansi(principal)
    stmt = sa.select(pmm_nilai).where(pmm_nilai.c.instansi_id == instansi_id)
    if filters.get("periode"):
        stmt = stmt.where(pmm_nilai.c.periode == filters["periode"])
    if filters.get("nama"):
        stmt = stmt.where(pmm_nilai.c.nama.ilike(f"%{filters['nama']}%"))
    return fetch_page(uow.session, stmt, page, pmm_nilai.c.nama, pmm_nilai.c.nip,
                      pmm_nilai.c.periode)


def ambil_pengguna(uow, principal, pegawai_id: str) -> dict:
    instansi_id = admin_instansi(principal)
    row = uow.session.execute(sa.select(pmm_pengguna).where(
        pmm_pengguna.c.pegawai_id == pegawai_id,
        pmm_pengguna.c.instansi_id == instansi_id)).mappings().first()
    if row is None:
        raise NotFound()
    return dict(row)


def ambil_sinkron(uow, principal, sinkron_id: str) -> dict:
    """A PMM job: the admin's of the instansi, or the teacher's own."""
    from ..adapters.tables import sinkron

    row = uow.session.execute(sa.select(sinkron).where(sinkron.c.id == sinkron_id)
                              ).mappings().first()
    if row is None or row["sistem"] != "PMM" or principal is None or not (
            principal.can_admin_instansi(row["instansi_id"])
            or row["user_request"] == principal.pegawai_id):
        raise NotFound()
    return dict(row)
