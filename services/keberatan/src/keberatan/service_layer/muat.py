"""Rows this service reads often: a keberatan (locked for a change), the newest predikat of a
penilaian, an instansi's settings, a pegawai as events print them."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_shared.auth.principal import Principal

from ..adapters.tables import instansi_ref, keberatan, pegawai_ref, predikat_ref
from ..domain.pengaturan import Pengaturan

RINGKAS = ("id", "nip", "nama", "gelar_depan", "gelar_belakang", "jabatan", "unor_id")


def keberatan_row(s: Session, keberatan_id: str, *, kunci: bool = False) -> dict | None:
    stmt = select(keberatan).where(keberatan.c.id == keberatan_id)
    if kunci:
        stmt = stmt.with_for_update()
    row = s.execute(stmt).mappings().first()
    return dict(row) if row else None


def predikat_row(s: Session, penilaian_id: str) -> dict | None:
    row = s.execute(select(predikat_ref).where(
        predikat_ref.c.penilaian_id == penilaian_id)).mappings().first()
    return dict(row) if row else None


def pengaturan(s: Session, instansi_id: str) -> Pengaturan:
    data = s.execute(select(instansi_ref.c.pengaturan).where(
        instansi_ref.c.id == instansi_id)).scalar_one_or_none()
    return Pengaturan.dari(data)


def pegawai_ringkas(s: Session, pegawai_id: str | None) -> dict[str, Any] | None:
    if pegawai_id is None:
        return None
    row = s.execute(select(pegawai_ref).where(pegawai_ref.c.id == pegawai_id)).mappings().first()
    return {k: row[k] for k in RINGKAS} if row else None


def oleh(s: Session, principal: Principal | None) -> dict[str, Any] | None:
    """Who acts, as the history prints them (identity's snapshot, else the token's claims)."""
    if principal is None:
        return None
    return pegawai_ringkas(s, principal.pegawai_id) or {
        "id": principal.pegawai_id, "nip": principal.nip, "nama": principal.nama or ""}
