"""Revoked sessions: every token of a pegawai issued before now stops working.

identity applies a revocation in the transaction that causes it (a password change or reset,
a deactivation, a deletion, "log out everywhere") and publishes SesiDicabut so every other
service refuses the same tokens (kinerja_shared.auth.revocation has the rule and the table).
"""
from __future__ import annotations

from datetime import datetime

from kinerja_shared.auth import Principal, ensure_admin_of
from kinerja_shared.auth.revocation import cutoff_after, record
from kinerja_shared.events.contracts.identity import SesiDicabut

from ..adapters.tables import pegawai
from .common import catat, forbidden, now, row_or_404

PASSWORD_DIGANTI = "PASSWORD_DIGANTI"
PASSWORD_DIATUR_ULANG = "PASSWORD_DIATUR_ULANG"
PEGAWAI_DINONAKTIFKAN = "PEGAWAI_DINONAKTIFKAN"
PEGAWAI_DIHAPUS = "PEGAWAI_DIHAPUS"
HAK_AKSES_BERUBAH = "HAK_AKSES_BERUBAH"  # a role taken away, or moved to another instansi
KELUAR_SEMUA = "KELUAR_SEMUA"


def cabut(uow, *, pegawai_id: str, instansi_id: str, alasan: str) -> datetime:
    """Inside an open unit of work: revoke every token of the pegawai issued until now, and
    stage SesiDicabut. Returns the cutoff (tokens with an earlier ``iat`` are refused)."""
    cutoff = cutoff_after(now())
    record(uow.session, [(pegawai_id, cutoff, alasan)])
    uow.add_event(SesiDicabut(pegawai_id=pegawai_id, instansi_id=instansi_id,
                              dicabut_sebelum=cutoff, alasan=alasan),
                  aggregate_id=pegawai_id, instansi_id=instansi_id)
    return cutoff


def alasan_perubahan(before: dict, after: dict) -> str | None:
    """Why a change of a pegawai row revokes their sessions, or None when it does not: tokens
    carry the roles and the instansi, and stand for the password and an active account."""
    if before["aktif"] and not after["aktif"]:
        return PEGAWAI_DINONAKTIFKAN
    if after.get("password_hash") != before.get("password_hash"):
        return PASSWORD_DIATUR_ULANG
    if set(before["roles"]) - set(after["roles"]) or after["instansi_id"] != before["instansi_id"]:
        return HAK_AKSES_BERUBAH
    return None


def keluar_semua(uow, principal: Principal, pegawai_id: str) -> None:
    """Log a pegawai out everywhere: oneself, or an admin of the pegawai's instansi (only an
    admin_pusat for an admin_pusat account); 404 for another instansi's pegawai."""
    with uow:
        row = row_or_404(uow, pegawai, pegawai_id)
        if pegawai_id != principal.pegawai_id:
            ensure_admin_of(principal, row["instansi_id"])
            if "admin_pusat" in row["roles"] and not principal.is_admin_pusat:
                raise forbidden("Hanya admin pusat yang dapat mengeluarkan sesi admin pusat.")
        cabut(uow, pegawai_id=pegawai_id, instansi_id=row["instansi_id"], alasan=KELUAR_SEMUA)
        catat(uow, principal, entitas="pegawai", entitas_id=pegawai_id,
              instansi_id=row["instansi_id"], aksi=KELUAR_SEMUA)
        uow.commit()
