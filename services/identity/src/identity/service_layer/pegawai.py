"""Pegawai: create, change, delete, read and search (admins of the instansi write)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kinerja_shared.auth.access import ensure_admin_of, ensure_visible
from kinerja_shared.auth.principal import Principal
from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import Conflict, Forbidden, invalid

from ..adapters.passwords import Passwords
from ..adapters.tables import instansi, pegawai, plt_plh, relasi_manual, unor
from ..domain import kepegawaian
from ..domain import sesi as alasan_sesi
from . import events, sesi
from .common import catat, new_id, row_or_404

NIP_DIPAKAI = "NIP sudah terdaftar."
NIK_DIPAKAI = "NIK sudah terdaftar."
KOLOM = ("nip", "nik", "nama", "gelar_depan", "gelar_belakang", "unor_id", "jenis_jabatan",
         "jabatan", "kategori_jabatan", "jenjang", "golongan", "tmt_jabatan", "email", "aktif",
         "tmt_golongan", "status_kepegawaian", "tmt_status")


def unor_tujuan(uow: UnitOfWork, principal: Principal, unor_id: str,
                field: str = "unor_id") -> dict:
    """The unor a pegawai is placed in; 422 when it does not exist or is not the caller's."""
    row = uow.session.execute(sa.select(unor).where(unor.c.id == unor_id)).mappings().first()
    if row is None or not principal.can_admin_instansi(row["instansi_id"]):
        raise invalid(field, "Unor tidak ditemukan.")
    return dict(row)


def periksa_roles(principal: Principal, roles: list[str] | None) -> list[str]:
    roles = sorted(set(roles or []) | {"pegawai"})
    if "admin_pusat" in roles and not principal.is_admin_pusat:
        raise Forbidden("Hanya admin pusat yang dapat memberikan peran admin_pusat.")
    return roles


def lindungi_admin_pusat(principal: Principal, row: dict) -> None:
    """An admin_instansi never changes an admin_pusat account (no takeover via PATCH)."""
    if "admin_pusat" in row["roles"] and not principal.is_admin_pusat:
        raise Forbidden("Hanya admin pusat yang dapat mengubah akun admin pusat.")


def periksa_jenjang(data: dict) -> None:
    if data.get("jenjang") and data.get("kategori_jabatan") not in (None, "FUNGSIONAL"):
        raise invalid("jenjang", "Jenjang hanya untuk kategori jabatan FUNGSIONAL.")


def terapkan_status(before: dict | None, after: dict, diminta) -> dict:
    """The row with the rules of status kepegawaian and TMTs applied (domain.kepegawaian: a
    status that ends the service deactivates the account); 422 on the field that breaks one."""
    try:
        return kepegawaian.terapkan(before, after, diminta)
    except kepegawaian.IsianTidakSah as exc:
        raise invalid(exc.field, exc.pesan) from None


def _duplikat(uow: UnitOfWork, data: dict, kecuali: str | None = None) -> None:
    """409 for a NIP or NIK another pegawai has (the unique keys give the same answer to a
    concurrent duplicate: bootstrap.CONFLICT_MESSAGES)."""
    for kolom, pesan in (("nip", NIP_DIPAKAI), ("nik", NIK_DIPAKAI)):
        if data.get(kolom):
            stmt = sa.select(pegawai.c.id).where(pegawai.c[kolom] == data[kolom])
            if kecuali:
                stmt = stmt.where(pegawai.c.id != kecuali)
            if uow.session.execute(stmt).first():
                raise Conflict(pesan, code="duplicate")


def buat(uow: UnitOfWork, principal: Principal | None, data: dict[str, Any], *,
         passwords: Passwords, instansi_id: str | None = None) -> dict:
    """A new pegawai; the instansi follows the unor. ``principal`` None is the system (first
    start, demo), which may also place a pegawai without unor in ``instansi_id``."""
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
    row.update(instansi_id=instansi_id, roles=roles,
               jenis_jabatan=data.get("jenis_jabatan") or "PEGAWAI",
               non_asn=bool(data.get("non_asn")), aktif=data.get("aktif", True))
    row = terapkan_status(None, row, data)
    row.update(id=new_id(),
               password_hash=passwords.hash(data["password"]) if data.get("password") else None,
               password_changed_at=t if data.get("password") else None,
               revisi=1, created_at=t, updated_at=t)
    uow.session.execute(pegawai.insert().values(**row))
    catat(uow, principal, entitas="pegawai", entitas_id=row["id"], instansi_id=instansi_id,
          aksi="BUAT", sesudah=row)
    uow.add_event(events.pegawai_diperbarui(row), aggregate_id=row["id"], instansi_id=instansi_id)
    return row


def ubah(uow: UnitOfWork, principal: Principal, pegawai_id: str, data: dict[str, Any], *,
         passwords: Passwords) -> dict:
    """Deactivating (``aktif`` false, or a status kepegawaian that ends the service: PENSIUN,
    PINDAH, BERHENTI, MENINGGAL), setting a password, taking a role away or moving the pegawai
    to another instansi also revokes the pegawai's tokens."""
    before = row_or_404(uow, pegawai, pegawai_id, for_update=True)
    ensure_admin_of(principal, before["instansi_id"])
    lindungi_admin_pusat(principal, before)
    after = {**before, **{k: v for k, v in data.items() if k in KOLOM}}
    if data.get("unor_id") and data["unor_id"] != before["unor_id"]:
        after["instansi_id"] = unor_tujuan(uow, principal, data["unor_id"])["instansi_id"]
    if "roles" in data:
        after["roles"] = periksa_roles(principal, data["roles"])
    periksa_jenjang(after)
    after = terapkan_status(before, after, data)
    _duplikat(uow, after, kecuali=pegawai_id)
    if data.get("password"):
        after.update(password_hash=passwords.hash(data["password"]), password_changed_at=now())
    after.update(revisi=before["revisi"] + 1, updated_at=now())
    uow.session.execute(pegawai.update().where(pegawai.c.id == pegawai_id).values(
        **{k: after[k] for k in after if k not in ("id", "created_at")}))
    catat(uow, principal, entitas="pegawai", entitas_id=pegawai_id,
          instansi_id=after["instansi_id"], aksi="UBAH", sebelum=before, sesudah=after)
    uow.add_event(events.pegawai_diperbarui(after), aggregate_id=pegawai_id,
                  instansi_id=after["instansi_id"])
    alasan = alasan_sesi.alasan_perubahan(before, after)
    if alasan is not None:  # deactivated, new password, fewer rights: old tokens go
        sesi.cabut(uow, pegawai_id=pegawai_id, instansi_id=after["instansi_id"], alasan=alasan)
    return after


def hapus(uow: UnitOfWork, principal: Principal, pegawai_id: str) -> None:
    """409 while a PLT/PLH assignment names the pegawai (delete or end it first) or the
    instansi's pengaturan names them as pemutus keberatan; the pegawai's tokens are revoked."""
    before = row_or_404(uow, pegawai, pegawai_id, for_update=True)
    ensure_admin_of(principal, before["instansi_id"])
    lindungi_admin_pusat(principal, before)
    if before["id"] == principal.pegawai_id:
        raise Conflict("Anda tidak dapat menghapus akun Anda sendiri.")
    if uow.session.execute(sa.select(plt_plh.c.id).where(plt_plh.c.pegawai_id == pegawai_id)).first():
        raise Conflict("Pegawai masih tercatat sebagai PLT/PLH; hapus penugasan itu dahulu.")
    pengaturan = uow.session.execute(sa.select(instansi.c.pengaturan).where(
        instansi.c.id == before["instansi_id"])).scalar_one()
    if (pengaturan or {}).get("pemutus_keberatan_pegawai_id") == pegawai_id:
        raise Conflict("Pegawai ditetapkan sebagai pemutus keberatan instansi; ubah pengaturan "
                       "instansi dahulu.")
    uow.session.execute(relasi_manual.delete().where(relasi_manual.c.pegawai_id == pegawai_id))
    uow.session.execute(pegawai.delete().where(pegawai.c.id == pegawai_id))
    catat(uow, principal, entitas="pegawai", entitas_id=pegawai_id,
          instansi_id=before["instansi_id"], aksi="HAPUS", sebelum=before)
    uow.add_event(events.pegawai_dihapus(before), aggregate_id=pegawai_id,
                  instansi_id=before["instansi_id"])
    sesi.cabut(uow, pegawai_id=pegawai_id, instansi_id=before["instansi_id"],
               alasan=alasan_sesi.PEGAWAI_DIHAPUS)


def ambil(uow: UnitOfWork, principal: Principal, pegawai_id: str) -> dict:
    row = row_or_404(uow, pegawai, pegawai_id)
    ensure_visible(principal, instansi_id=row["instansi_id"])
    return row


def daftar(uow: UnitOfWork, principal: Principal, *, filters: dict[str, Any],
           page: PageRequest) -> Page[dict]:
    """Search the caller's instansi (admin_pusat: every one); ``nama`` needs 3+ letters."""
    if filters.get("nama") is not None and len(filters["nama"].strip()) < 3:
        raise invalid("nama", "Pencarian nama minimal 3 huruf.")
    stmt = sa.select(pegawai)
    if not principal.is_admin_pusat:
        stmt = stmt.where(pegawai.c.instansi_id == principal.instansi_id)
    for kolom in ("instansi_id", "unor_id", "jenis_jabatan", "kategori_jabatan", "golongan", "aktif",
                  "status_kepegawaian"):
        if filters.get(kolom) is not None:
            stmt = stmt.where(pegawai.c[kolom] == filters[kolom])
    if filters.get("nip"):
        stmt = stmt.where(sa.or_(pegawai.c.nip.startswith(filters["nip"], autoescape=True),
                                 pegawai.c.nik.startswith(filters["nip"], autoescape=True)))
    if filters.get("nama"):
        stmt = stmt.where(pegawai.c.nama.icontains(filters["nama"].strip(), autoescape=True))
    return fetch_page(uow.session, stmt, page, pegawai.c.nama, pegawai.c.id)
