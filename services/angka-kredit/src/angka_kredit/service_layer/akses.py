"""Who may see and do what with an AK row (object-level checks, OWASP API1:2023).

Visible to: the pegawai it belongs to, the pejabat penilai and the atasan pejabat penilai of
its predikat, admins of its instansi. Anything else is invisible (404); a visible row the
caller may not act on is 403. The workflow: the pegawai, the pejabat penilai or an admin
submits (ajukan); the pejabat penilai — the pejabat who sets the AK (Peraturan BKN 3/2023) — or
an admin approves and signs; only an admin returns a PAK to draft, creates or cancels an
integrasi."""
from __future__ import annotations

from kinerja_shared.auth.access import is_visible
from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Forbidden, NotFound

from . import muat


def terlihat(p: Principal, row) -> bool:
    return is_visible(p, instansi_id=row["instansi_id"], owner_pegawai_id=row["pegawai_id"],
                      related_pegawai_ids=(row["pejabat_penilai_id"],
                                           row["atasan_pejabat_penilai_id"]))


def admin(p: Principal, row) -> bool:
    return p.can_admin_instansi(row["instansi_id"])


def muat_terlihat(uow, principal: Principal, angka_kredit_id: str, *, for_update=False):
    row = muat.ak_row(uow.session, angka_kredit_id, for_update=for_update)
    if not terlihat(principal, row):
        raise NotFound("Angka kredit tidak ditemukan.")
    return row


PERAN = {
    "ajukan": ("pemilik", "penilai", "admin"),
    "setujui": ("penilai", "admin"),
    "tandatangani": ("penilai", "admin"),
    "kembalikan": ("admin",),
    "batalkan": ("admin",),
}
PESAN = {
    "ajukan": "Hanya pegawai pemilik, pejabat penilai atau admin yang dapat mengajukan PAK.",
    "setujui": "Hanya pejabat penilai atau admin yang dapat menyetujui PAK.",
    "tandatangani": "Hanya pejabat penilai atau admin yang dapat menandatangani PAK.",
    "kembalikan": "Hanya admin yang dapat mengembalikan PAK ke draf.",
    "batalkan": "Hanya admin yang dapat membatalkan integrasi.",
}


def pastikan_boleh(p: Principal, row, aksi: str) -> None:
    peran = set()
    if p.pegawai_id == row["pegawai_id"]:
        peran.add("pemilik")
    if row["pejabat_penilai_id"] and p.pegawai_id == row["pejabat_penilai_id"]:
        peran.add("penilai")
    if admin(p, row):
        peran.add("admin")
    if not peran & set(PERAN[aksi]):
        raise Forbidden(PESAN[aksi])
