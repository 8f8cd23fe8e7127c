"""Loading what the handlers need (rows as mappings), and the organisation unit of a penilaian."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import String, any_, bindparam, or_, select
from sqlalchemy.dialects.postgresql import ARRAY

from kinerja_shared.errors import NotFound

from ..adapters.tables import (
    catatan_perilaku, instansi_ref, pegawai_ref, penilaian, periode_ref, pp30_realisasi,
    pp30_tambahan, realisasi, umpan_balik_perilaku, unor_ref,
)
from ..domain.aturan import RuleSet, rules_for
from ..domain.pengaturan import Pengaturan
from .events import BagianPenilaian


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


def di_antara(s, column, ids: list[str]):
    """``column IN ids``; on PostgreSQL ``column = ANY(:ids)`` with one array parameter, whose
    cost does not grow with the count as an IN list of thousands of parameters does (a bulk
    rating publishes a whole unit)."""
    if s.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ARRAY(String)))
    return column.in_(ids)


def periode_rows(s, periode_ids) -> dict:
    ids = sorted(set(periode_ids))
    return {r["id"]: r for r in s.execute(select(periode_ref).where(
        periode_ref.c.id.in_(ids))).mappings()} if ids else {}


def pengaturan_banyak(s, instansi_ids) -> dict[str, Pengaturan]:
    ids = sorted(set(instansi_ids))
    found = dict(s.execute(select(instansi_ref.c.id, instansi_ref.c.pengaturan).where(
        instansi_ref.c.id.in_(ids))).all()) if ids else {}
    return {i: Pengaturan.dari(found.get(i)) for i in ids}


def unor_induk_banyak(s, unor_ids) -> dict[str, str]:
    """The unor induk of each unor (a unor without one, or not known, is its own)."""
    ids = sorted({u for u in unor_ids if u is not None})
    found = dict(s.execute(select(unor_ref.c.id, unor_ref.c.unor_induk_id).where(
        unor_ref.c.id.in_(ids))).all()) if ids else {}
    return {u: found.get(u) or u for u in ids}


def bagian_penilaian(s, pens) -> dict[str, BagianPenilaian]:
    """The rows of the parts of these penilaian, one query per kind of part (PP 30 parts only
    for the PP 30 ones), each in print order."""
    ids = sorted({p["id"] for p in pens})
    pp30_ids = sorted({p["id"] for p in pens if p["model"] == "PP_30_2019"})
    parts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))

    def take(name, table, ids_, *order):
        if not ids_:
            return
        stmt = select(table).where(di_antara(s, table.c.penilaian_id, ids_)).order_by(
            table.c.penilaian_id, *order)
        for row in s.execute(stmt).mappings():
            parts[row["penilaian_id"]][name].append(row)

    take("realisasi", realisasi, ids, realisasi.c.indikator_id)
    take("umpan_balik_perilaku", umpan_balik_perilaku, ids, umpan_balik_perilaku.c.aspek)
    c = catatan_perilaku.c
    take("catatan_perilaku", catatan_perilaku, ids, c.tanggal, c.created_at, c.id)
    take("pp30_realisasi", pp30_realisasi, pp30_ids, pp30_realisasi.c.rhk_id)
    take("pp30_tambahan", pp30_tambahan, pp30_ids, pp30_tambahan.c.created_at,
         pp30_tambahan.c.id)
    return {i: BagianPenilaian(**{k: tuple(v) for k, v in parts[i].items()}) for i in ids}
