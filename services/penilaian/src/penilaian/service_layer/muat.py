"""Loading what the handlers need (rows as mappings), and the organisation unit of a penilaian."""
from __future__ import annotations

from sqlalchemy import or_, select

from kinerja_shared.errors import NotFound

from ..adapters.tables import instansi_ref, pegawai_ref, penilaian, periode_ref, unor_ref
from ..domain.aturan import RuleSet, rules_for
from ..domain.pengaturan import Pengaturan


def penilaian_row(s, penilaian_id: str, *, for_update: bool = False):
    stmt = select(penilaian).where(penilaian.c.id == penilaian_id)
    if for_update and s.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    row = s.execute(stmt).mappings().first()
    if row is None:
        raise NotFound("Penilaian tidak ditemukan.")
    return row


def penilaian_rows(s, penilaian_ids: list[str], *, for_update: bool = False) -> list:
    """Several penilaian in one query, in the order asked (locked in id order, so two bulk
    calls never wait on each other crosswise); 404 when one is missing."""
    stmt = select(penilaian).where(penilaian.c.id.in_(sorted(set(penilaian_ids))))
    if for_update and s.get_bind().dialect.name == "postgresql":
        stmt = stmt.order_by(penilaian.c.id).with_for_update()
    rows = {r["id"]: r for r in s.execute(stmt).mappings()}
    missing = [i for i in penilaian_ids if i not in rows]
    if missing:
        raise NotFound(f"Penilaian {missing[0]} tidak ditemukan.")
    return [rows[i] for i in penilaian_ids]


def periode_row(s, periode_id: str):
    return s.execute(select(periode_ref).where(periode_ref.c.id == periode_id)).mappings().first()


def pengaturan(s, instansi_id: str) -> Pengaturan:
    raw = s.execute(select(instansi_ref.c.pengaturan).where(
        instansi_ref.c.id == instansi_id)).scalar()
    return Pengaturan.dari(raw)


def rules_of(s, pen) -> RuleSet:
    periode = periode_row(s, pen["periode_id"])
    return rules_for(periode["akhir"]) if periode is not None else rules_for(
        pen["created_at"].date())


def unor_induk_of(s, unor_id: str | None) -> str | None:
    if unor_id is None:
        return None
    induk = s.execute(select(unor_ref.c.unor_induk_id).where(unor_ref.c.id == unor_id)).scalar()
    return induk or unor_id


def unor_dalam_induk(s, unor_induk_id: str):
    """A select of the unor ids that belong to ``unor_induk_id`` (itself included)."""
    return select(unor_ref.c.id).where(or_(unor_ref.c.unor_induk_id == unor_induk_id,
                                           unor_ref.c.id == unor_induk_id))


def is_pimpinan_organisasi(s, pen, unor_induk_id: str | None) -> bool:
    """The pegawai heads the organisation (unor induk) the capaian kinerja belongs to."""
    if unor_induk_id is None or pen["unor_id"] != unor_induk_id:
        return False
    jenis = s.execute(select(pegawai_ref.c.jenis_jabatan).where(
        pegawai_ref.c.id == pen["pegawai_id"])).scalar()
    return jenis == "PIMPINAN" or (jenis is None and pen["snapshot"].get("jenis") == "JPT")
