"""Pegawai: create, change, delete, read and search (admins of the instansi write)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from kinerja_shared.auth import Principal, ensure_admin_of, ensure_visible
from kinerja_shared.events.contracts.identity import PegawaiDiperbarui, PegawaiDihapus

from ..adapters.tables import pegawai, plt_plh, relasi_manual, unor
from . import sesi
from .common import catat, conflict, forbidden, invalid, new_id, now, row_or_404, snapshot

NIP_DIPAKAI = "NIP sudah terdaftar."
NIK_DIPAKAI = "NIK sudah terdaftar."
KOLOM = ("nip", "nik", "nama", "gelar_depan", "gelar_belakang", "unor_id", "jenis_jabatan",
         "jabatan", "kategori_jabatan", "jenjang", "golongan", "tmt_jabatan", "email", "aktif")


def unor_tujuan(uow, principal: Principal, unor_id: str, field: str = "unor_id") -> dict:
    """The unor a pegawai is placed in; 422 when it does not exist or is not the caller's."""
    row = uow.session.execute(sa.select(unor).where(unor.c.id == unor_id)).mappings().first()
    if row is None or not principal.can_admin_instansi(row["instansi_id"]):
        raise invalid(field, "Unor tidak ditemukan.")
    return dict(row)


def periksa_roles(principal: Principal, roles: list[str] | None) -> list[str]:
    roles = sorted(set(roles or []) | {"pegawai"})
    if "admin_pusat" in roles and not principal.is_admin_pusat:
        raise forbidden("Hanya admin pusat yang dapat memberikan peran admin_pusat.")
    return roles


def lindungi_admin_pusat(principal: Principal, row: dict) -> None:
    """An admin_instansi never changes an admin_pusat account (no takeover via PATCH)."""
    if "admin_pusat" in row["roles"] and not principal.is_admin_pusat:
        raise forbidden("Hanya admin pusat yang dapat mengubah akun admin pusat.")


def periksa_jenjang(data: dict) -> None:
    if data.get("jenjang") and data.get("kategori_jabatan") not in (None, "FUNGSIONAL"):
        raise invalid("jenjang", "Jenjang hanya untuk kategori jabatan FUNGSIONAL.")


def _duplikat(uow, data: dict, kecuali: str | None = None) -> None:
    for kolom, pesan in (("nip", NIP_DIPAKAI), ("nik", NIK_DIPAKAI)):
        if data.get(kolom):
            stmt = sa.select(pegawai.c.id).where(pegawai.c[kolom] == data[kolom])
            if kecuali:
                stmt = stmt.where(pegawai.c.id != kecuali)
            if uow.session.execute(stmt).first():
                raise conflict(pesan)


def buat(uow, principal: Principal, data: dict[str, Any], *, passwords=None) -> dict:
    with uow:
        row = buat_di(uow, principal, data, passwords=passwords)
        try:
            uow.commit()
        except IntegrityError:
            raise conflict(NIP_DIPAKAI) from None
    return row


def buat_di(uow, principal: Principal | None, data: dict[str, Any], *, passwords=None,
            instansi_id: str | None = None) -> dict:
    """Inside an open unit of work. ``principal`` None is the system (first start, demo)."""
    if principal is not None:
        if data.get("unor_id"):
            instansi_id = unor_tujuan(uow, principal, data["unor_id"])["instansi_id"]
        roles = periksa_roles(principal, data.get("roles"))
    else:
        roles = sorted(set(data.get("roles") or []) | {"pegawai"})
        if data.get("unor_id"):
            instansi_id = row_or_404(uow, unor, data["unor_id"])["instansi_id"]
    if instansi_id is None:
        raise invalid("unor_id", "Wajib diisi.")
    periksa_jenjang(data)
    _duplikat(uow, data)
    t = now()
    row = {k: data.get(k) for k in KOLOM}
    row.update(id=new_id(), instansi_id=instansi_id, roles=roles,
               jenis_jabatan=data.get("jenis_jabatan") or "PEGAWAI",
               non_asn=bool(data.get("non_asn")), aktif=data.get("aktif", True),
               password_hash=passwords.hash(data["password"]) if data.get("password") else None,
               password_changed_at=t if data.get("password") else None,
               revisi=1, created_at=t, updated_at=t)
    uow.session.execute(pegawai.insert().values(**row))
    catat(uow, principal, entitas="pegawai", entitas_id=row["id"], instansi_id=instansi_id,
          aksi="BUAT", sesudah=row)
    uow.add_event(snapshot(PegawaiDiperbarui, row), aggregate_id=row["id"], instansi_id=instansi_id)
    return row


def ubah(uow, principal: Principal, pegawai_id: str, data: dict[str, Any], *, passwords=None) -> dict:
    with uow:
        before = row_or_404(uow, pegawai, pegawai_id, for_update=True)
        ensure_admin_of(principal, before["instansi_id"])
        lindungi_admin_pusat(principal, before)
        after = {**before, **{k: v for k, v in data.items() if k in KOLOM}}
        if data.get("unor_id") and data["unor_id"] != before["unor_id"]:
            after["instansi_id"] = unor_tujuan(uow, principal, data["unor_id"])["instansi_id"]
        if "roles" in data:
            after["roles"] = periksa_roles(principal, data["roles"])
        periksa_jenjang(after)
        _duplikat(uow, after, kecuali=pegawai_id)
        if data.get("password"):
            after.update(password_hash=passwords.hash(data["password"]), password_changed_at=now())
        after.update(revisi=before["revisi"] + 1, updated_at=now())
        uow.session.execute(pegawai.update().where(pegawai.c.id == pegawai_id).values(
            **{k: after[k] for k in after if k not in ("id", "created_at")}))
        catat(uow, principal, entitas="pegawai", entitas_id=pegawai_id,
              instansi_id=after["instansi_id"], aksi="UBAH", sebelum=before, sesudah=after)
        uow.add_event(snapshot(PegawaiDiperbarui, after), aggregate_id=pegawai_id,
                      instansi_id=after["instansi_id"])
        alasan = sesi.alasan_perubahan(before, after)
        if alasan is not None:  # deactivated, new password, fewer rights: old tokens go
            sesi.cabut(uow, pegawai_id=pegawai_id, instansi_id=after["instansi_id"], alasan=alasan)
        try:
            uow.commit()
        except IntegrityError:
            raise conflict(NIP_DIPAKAI) from None
    return after


def hapus(uow, principal: Principal, pegawai_id: str) -> None:
    """409 while a PLT/PLH assignment names the pegawai (delete or end it first)."""
    with uow:
        before = row_or_404(uow, pegawai, pegawai_id, for_update=True)
        ensure_admin_of(principal, before["instansi_id"])
        lindungi_admin_pusat(principal, before)
        if before["id"] == principal.pegawai_id:
            raise conflict("Anda tidak dapat menghapus akun Anda sendiri.")
        if uow.session.execute(sa.select(plt_plh.c.id).where(plt_plh.c.pegawai_id == pegawai_id)).first():
            raise conflict("Pegawai masih tercatat sebagai PLT/PLH; hapus penugasan itu dahulu.")
        uow.session.execute(relasi_manual.delete().where(relasi_manual.c.pegawai_id == pegawai_id))
        uow.session.execute(pegawai.delete().where(pegawai.c.id == pegawai_id))
        catat(uow, principal, entitas="pegawai", entitas_id=pegawai_id,
              instansi_id=before["instansi_id"], aksi="HAPUS", sebelum=before)
        uow.add_event(PegawaiDihapus(id=pegawai_id, instansi_id=before["instansi_id"],
                                     nip=before["nip"], revisi=before["revisi"] + 1),
                      aggregate_id=pegawai_id, instansi_id=before["instansi_id"])
        sesi.cabut(uow, pegawai_id=pegawai_id, instansi_id=before["instansi_id"],
                   alasan=sesi.PEGAWAI_DIHAPUS)
        uow.commit()


def ambil(uow, principal: Principal, pegawai_id: str) -> dict:
    with uow:
        row = row_or_404(uow, pegawai, pegawai_id)
    ensure_visible(principal, instansi_id=row["instansi_id"])
    return row


def daftar(uow, principal: Principal, *, filters: dict[str, Any], page: int, page_size: int):
    if filters.get("nama") is not None and len(filters["nama"].strip()) < 3:
        raise invalid("nama", "Pencarian nama minimal 3 huruf.")
    stmt = sa.select(pegawai)
    if not principal.is_admin_pusat:
        stmt = stmt.where(pegawai.c.instansi_id == principal.instansi_id)
    for kolom in ("instansi_id", "unor_id", "jenis_jabatan", "kategori_jabatan", "golongan", "aktif"):
        if filters.get(kolom) is not None:
            stmt = stmt.where(pegawai.c[kolom] == filters[kolom])
    if filters.get("nip"):
        stmt = stmt.where(sa.or_(pegawai.c.nip.startswith(filters["nip"], autoescape=True),
                                 pegawai.c.nik.startswith(filters["nip"], autoescape=True)))
    if filters.get("nama"):
        stmt = stmt.where(pegawai.c.nama.icontains(filters["nama"].strip(), autoescape=True))
    with uow:
        total = uow.session.execute(sa.select(sa.func.count()).select_from(stmt.subquery())).scalar_one()
        rows = uow.session.execute(stmt.order_by(pegawai.c.nama, pegawai.c.id)
                                   .offset((page - 1) * page_size).limit(page_size)).mappings().all()
    return [dict(r) for r in rows], total
