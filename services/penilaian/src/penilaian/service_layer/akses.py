"""Who may do what to a penilaian (object-level checks, OWASP API1:2023).

Visible to: the owner, the pejabat penilai, the atasan pejabat penilai, admins of the instansi.
Anything of another instansi is invisible (404); a visible penilaian the caller may not change
is 403.
"""
from __future__ import annotations

from kinerja_shared.auth import Principal, is_visible

from .errors import dilarang, tidak_ditemukan


def terlihat(p: Principal, pen) -> bool:
    return is_visible(p, instansi_id=pen["instansi_id"], owner_pegawai_id=pen["pegawai_id"],
                      related_pegawai_ids=(pen["pejabat_penilai_id"],
                                           pen["atasan_pejabat_penilai_id"]))


def penilai_perilaku_ids(pen) -> set[str]:
    ids = set()
    for item in pen["snapshot"].get("perilaku", []):
        if item.get("penilai") == "ATASAN":
            ids.add(item.get("penilai_pegawai_id") or pen["pejabat_penilai_id"])
        elif item.get("penilai_pegawai_id"):
            ids.add(item["penilai_pegawai_id"])
    return {i for i in ids if i}


def pastikan_terlihat(p: Principal, pen, *, juga_penilai_perilaku: bool = False) -> None:
    if terlihat(p, pen):
        return
    if juga_penilai_perilaku and p.sees_instansi(pen["instansi_id"]) \
            and p.pegawai_id in penilai_perilaku_ids(pen):
        return
    raise tidak_ditemukan("Penilaian tidak ditemukan.")


def pastikan_pemilik(p: Principal, pen) -> None:
    pastikan_terlihat(p, pen)
    if p.pegawai_id != pen["pegawai_id"]:
        raise dilarang("Hanya pegawai pemilik penilaian yang dapat melakukan ini.")


def pastikan_pejabat_penilai(p: Principal, pen) -> None:
    pastikan_terlihat(p, pen)
    if p.pegawai_id != pen["pejabat_penilai_id"]:
        raise dilarang("Hanya pejabat penilai yang dapat melakukan ini.")


def pastikan_pemilik_atau_penilai(p: Principal, pen) -> None:
    pastikan_terlihat(p, pen)
    if p.pegawai_id not in (pen["pegawai_id"], pen["pejabat_penilai_id"]):
        raise dilarang("Hanya pegawai pemilik atau pejabat penilai yang dapat melakukan ini.")
