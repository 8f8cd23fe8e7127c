"""Who the caller is to an SKP (owner, pejabat penilai, atasan pejabat penilai, admin of its
instansi), loaded once per command. Invisible SKPs are 404, never 403 (OWASP API1:2023)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_shared.auth import Principal

from ..adapters.skp_tables import skp as skp_table
from ..domain.errors import Dilarang, TidakDitemukan

PEMILIK, PENILAI, ATASAN_PENILAI, ADMIN = "pemilik", "penilai", "atasan_penilai", "admin"


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
    stmt = select(skp_table).where(skp_table.c.id == skp_id)
    if kunci:
        stmt = stmt.with_for_update()
    row = session.execute(stmt).mappings().one_or_none()
    if row is None:
        raise TidakDitemukan("SKP tidak ditemukan.")
    peran = peran_terhadap(principal, row)
    if not peran:
        raise TidakDitemukan("SKP tidak ditemukan.")
    return SkpDiakses(dict(row), peran)


def wajib(diakses: SkpDiakses, *peran: str) -> None:
    """403 unless the caller holds one of ``peran`` on this (visible) SKP."""
    if not diakses.peran.intersection(peran):
        label = {PEMILIK: "pemilik SKP", PENILAI: "pejabat penilai", ADMIN: "admin instansi",
                 ATASAN_PENILAI: "atasan pejabat penilai"}
        siapa = " atau ".join(label[p] for p in peran)
        raise Dilarang(f"Hanya {siapa} yang dapat melakukan tindakan ini.")
