"""Who the caller is to an SKP (owner, pejabat penilai, atasan pejabat penilai, admin of its
instansi), loaded once per command. Invisible SKPs are 404, never 403 (OWASP API1:2023)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, or_
from sqlalchemy.orm import Session

from kinerja_shared.auth.principal import Principal
from kinerja_shared.errors import Forbidden, NotFound

from ..adapters import skp_rows
from ..adapters.skp_tables import skp as skp_table

PEMILIK, PENILAI, ATASAN_PENILAI, ADMIN = "pemilik", "penilai", "atasan_penilai", "admin"
TIDAK_DITEMUKAN = "SKP tidak ditemukan."


@dataclass
class SkpDiakses:
    row: dict[str, Any]
    peran: frozenset[str]

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def status(self) -> str:
        return self.row["status"]


def peran_terhadap(principal: Principal, row) -> frozenset[str]:
    if not principal.sees_instansi(row["instansi_id"]):
        return frozenset()
    peran = set()
    if principal.can_admin_instansi(row["instansi_id"]):
        peran.add(ADMIN)
    me = principal.pegawai_id
    if me == row["pegawai_id"]:
        peran.add(PEMILIK)
    if me == row["pejabat_penilai_id"]:
        peran.add(PENILAI)
    if me == row["atasan_pejabat_penilai_id"]:
        peran.add(ATASAN_PENILAI)
    return frozenset(peran)


def muat(session: Session, principal: Principal, skp_id: str, *, kunci: bool = False) -> SkpDiakses:
    """The SKP as the caller may see it (locked for update when ``kunci``); 404 otherwise."""
    row = skp_rows.skp_row(session, skp_id, kunci=kunci)
    if row is None:
        raise NotFound(TIDAK_DITEMUKAN)
    peran = peran_terhadap(principal, row)
    if not peran:
        raise NotFound(TIDAK_DITEMUKAN)
    return SkpDiakses(row, peran)


def wajib(diakses: SkpDiakses, *peran: str) -> None:
    """403 unless the caller holds one of ``peran`` on this (visible) SKP."""
    if not diakses.peran.intersection(peran):
        label = {PEMILIK: "pemilik SKP", PENILAI: "pejabat penilai", ADMIN: "admin instansi",
                 ATASAN_PENILAI: "atasan pejabat penilai"}
        siapa = " atau ".join(label[p] for p in peran)
        raise Forbidden(f"Hanya {siapa} yang dapat melakukan tindakan ini.")


def terlihat(principal: Principal) -> tuple[ColumnElement[bool], ...]:
    """Conditions on the ``skp`` table for the SKPs the caller may see in a list: every SKP for
    an admin pusat, his instansi's for an admin instansi, else his own and those he assesses
    or is atasan penilai of."""
    if principal.is_admin_pusat:
        return ()
    if principal.is_admin_instansi:
        return (skp_table.c.instansi_id == principal.instansi_id,)
    me = principal.pegawai_id
    return (or_(skp_table.c.pegawai_id == me, skp_table.c.pejabat_penilai_id == me,
                skp_table.c.atasan_pejabat_penilai_id == me),)
