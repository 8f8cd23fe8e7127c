"""Who may do what to a penilaian (object-level checks, OWASP API1:2023).

Visible to: the owner, the pejabat penilai, the atasan pejabat penilai, admins of the instansi.
Anything of another instansi is invisible (404); a visible penilaian the caller may not change
is 403. A rekan or bawahan set to give behaviour feedback on an aspect reaches the penilaian
only for that (``juga_penilai_perilaku``).
"""
from __future__ import annotations

from typing import Callable

from kinerja_shared.auth.access import is_visible
from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Forbidden, NotFound

from . import muat


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


def hanya_penilai_perilaku(p: Principal, pen) -> bool:
    """The caller reaches this penilaian only as a penilai perilaku of one of its aspects."""
    return not terlihat(p, pen) and p.sees_instansi(pen["instansi_id"]) \
        and p.pegawai_id in penilai_perilaku_ids(pen)


def pastikan_terlihat(p: Principal, pen, *, juga_penilai_perilaku: bool = False) -> None:
    if terlihat(p, pen) or (juga_penilai_perilaku and hanya_penilai_perilaku(p, pen)):
        return
    raise NotFound("Penilaian tidak ditemukan.")


def pastikan_penilai_perilaku(p: Principal, pen) -> None:
    pastikan_terlihat(p, pen, juga_penilai_perilaku=True)


def pastikan_pemilik(p: Principal, pen) -> None:
    pastikan_terlihat(p, pen)
    if p.pegawai_id != pen["pegawai_id"]:
        raise Forbidden("Hanya pegawai pemilik penilaian yang dapat melakukan ini.")


def pastikan_pejabat_penilai(p: Principal, pen) -> None:
    pastikan_terlihat(p, pen)
    if p.pegawai_id != pen["pejabat_penilai_id"]:
        raise Forbidden("Hanya pejabat penilai yang dapat melakukan ini.")


def pastikan_pemilik_atau_penilai(p: Principal, pen) -> None:
    pastikan_terlihat(p, pen)
    if p.pegawai_id not in (pen["pegawai_id"], pen["pejabat_penilai_id"]):
        raise Forbidden("Hanya pegawai pemilik atau pejabat penilai yang dapat melakukan ini.")


def muat_terlihat(uow, principal: Principal, penilaian_id: str):
    """The penilaian, for reading: 404 when it is missing or not visible to the caller."""
    pen = muat.penilaian_row(uow.session, penilaian_id)
    pastikan_terlihat(principal, pen)
    return pen


def muat_untuk_diubah(uow, principal: Principal, penilaian_id: str,
                      boleh: Callable[[Principal, object], None] = pastikan_pemilik):
    """The penilaian, locked for a change, once ``boleh(principal, pen)`` let the caller
    (404 / 403 otherwise)."""
    pen = muat.penilaian_row(uow.session, penilaian_id, for_update=True)
    boleh(principal, pen)
    return pen
