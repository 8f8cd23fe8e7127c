"""Why a pegawai's sessions are revoked (``SesiDicabut.alasan``), and which changes of a pegawai
revoke them: a token carries the roles and the instansi, and stands for the password and an
active account."""
from __future__ import annotations

from typing import Any, Mapping

PASSWORD_DIGANTI = "PASSWORD_DIGANTI"
PASSWORD_DIATUR_ULANG = "PASSWORD_DIATUR_ULANG"
PEGAWAI_DINONAKTIFKAN = "PEGAWAI_DINONAKTIFKAN"
PEGAWAI_DIHAPUS = "PEGAWAI_DIHAPUS"
HAK_AKSES_BERUBAH = "HAK_AKSES_BERUBAH"  # a role taken away, or moved to another instansi
KELUAR_SEMUA = "KELUAR_SEMUA"
# one login session only (``SesiDicabut.sesi_id``): logged out, or its refresh token reused
KELUAR = "KELUAR"
REFRESH_DIPAKAI_ULANG = "REFRESH_DIPAKAI_ULANG"


def alasan_perubahan(before: Mapping[str, Any], after: Mapping[str, Any]) -> str | None:
    """Why a change of a pegawai row revokes their sessions, or None when it does not."""
    if before["aktif"] and not after["aktif"]:
        return PEGAWAI_DINONAKTIFKAN
    if after.get("password_hash") != before.get("password_hash"):
        return PASSWORD_DIATUR_ULANG
    if set(before["roles"]) - set(after["roles"]) or after["instansi_id"] != before["instansi_id"]:
        return HAK_AKSES_BERUBAH
    return None
