"""Who the caller is to a keberatan: its pegawai, its pejabat penilai, its decider (the atasan
pejabat penilai or the configured pemutus), an admin of its instansi. Anyone else gets 404,
never 403 (OWASP API1:2023); 403 is for those who see it but may not take that step."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, or_
from sqlalchemy.orm import Session

from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Forbidden, NotFound

from ..adapters.tables import keberatan as keberatan_t
from ..domain.aturan import ADMIN, PEGAWAI, PEJABAT_PENILAI, PEMUTUS
from . import muat as muat_

TIDAK_DITEMUKAN = "Keberatan tidak ditemukan."
LABEL = {PEGAWAI: "pegawai yang mengajukan", PEJABAT_PENILAI: "pejabat penilai",
         PEMUTUS: "atasan pejabat penilai (pemutus keberatan)", ADMIN: "admin instansi"}


@dataclass
class KeberatanDiakses:
    row: dict[str, Any]
    peran: frozenset[str]

    @property
    def id(self) -> str:
        return self.row["id"]


def peran_terhadap(principal: Principal, row) -> frozenset[str]:
    if not principal.sees_instansi(row["instansi_id"]):
        return frozenset()
    peran = set()
    if principal.can_admin_instansi(row["instansi_id"]):
        peran.add(ADMIN)
    me = principal.pegawai_id
    for siapa, kolom in ((PEGAWAI, "pegawai_id"), (PEJABAT_PENILAI, "pejabat_penilai_id"),
                         (PEMUTUS, "pemutus_id")):
        if row[kolom] is not None and row[kolom] == me:
            peran.add(siapa)
    return frozenset(peran)


def muat(s: Session, principal: Principal, keberatan_id: str, *,
         kunci: bool = False) -> KeberatanDiakses:
    """The keberatan as the caller may see it (locked when ``kunci``); 404 otherwise."""
    row = muat_.keberatan_row(s, keberatan_id, kunci=kunci)
    peran = peran_terhadap(principal, row) if row is not None else frozenset()
    if not peran:
        raise NotFound(TIDAK_DITEMUKAN)
    return KeberatanDiakses(row, peran)


def wajib(diakses: KeberatanDiakses, siapa: str) -> None:
    """403 unless the caller holds ``siapa`` on this (visible) keberatan."""
    if siapa not in diakses.peran:
        if siapa == PEMUTUS and diakses.row["pemutus_id"] is None:
            raise Forbidden("Keberatan ini belum memiliki pemutus: pegawai tidak memiliki atasan "
                            "pejabat penilai dan instansi belum menetapkan pemutus keberatan.",
                            code="pemutus-belum-ada")
        raise Forbidden(f"Hanya {LABEL[siapa]} yang dapat melakukan langkah ini.")


def terlihat(principal: Principal) -> tuple[ColumnElement[bool], ...]:
    """Conditions on ``keberatan`` for the rows the caller may list: every row for an admin
    pusat, his instansi's for an admin instansi, else his own and those he handles."""
    if principal.is_admin_pusat:
        return ()
    if principal.is_admin_instansi:
        return (keberatan_t.c.instansi_id == principal.instansi_id,)
    me = principal.pegawai_id
    return (keberatan_t.c.instansi_id == principal.instansi_id,
            or_(keberatan_t.c.pegawai_id == me, keberatan_t.c.pejabat_penilai_id == me,
                keberatan_t.c.pemutus_id == me))
