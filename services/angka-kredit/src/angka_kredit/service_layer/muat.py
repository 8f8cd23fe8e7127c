"""Loading rows: one query per kind of row for a whole set of pegawai (a consumer batch)."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Mapping

from sqlalchemy import select

from kinerja_shared.errors import NotFound

from ..adapters.tables import (
    angka_kredit, instansi_ref, pegawai_ref, pegawai_revisi, pengaturan, predikat_ref, unor_ref,
)
from ..domain.pengaturan import Pengaturan
from ..domain.riwayat_jabatan import RevisiPegawai

Row = Mapping[str, Any]
POTONGAN = 1000  # ids per IN (...) list


def _potong(ids: Iterable[Any]) -> Iterable[list[Any]]:
    ids = sorted({i for i in ids if i is not None})
    for i in range(0, len(ids), POTONGAN):
        yield ids[i:i + POTONGAN]


def _semua(session, stmt_of, ids) -> list[Row]:
    out: list[Row] = []
    for chunk in _potong(ids):
        out.extend(session.execute(stmt_of(chunk)).mappings().all())
    return out


def _kunci(session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def pegawai_banyak(session, ids, *, for_update: bool = False) -> dict[str, Row]:
    def stmt(chunk):
        q = select(pegawai_ref).where(pegawai_ref.c.id.in_(chunk)).order_by(pegawai_ref.c.id)
        return q.with_for_update() if for_update and _kunci(session) else q
    return {r["id"]: r for r in _semua(session, stmt, ids)}


def revisi_banyak(session, ids) -> dict[str, list[RevisiPegawai]]:
    out: dict[str, list[RevisiPegawai]] = defaultdict(list)
    cols = [c for c in pegawai_revisi.c if c.name != "pegawai_id"]
    for r in _semua(session, lambda chunk: select(pegawai_revisi).where(
            pegawai_revisi.c.pegawai_id.in_(chunk)), ids):
        out[r["pegawai_id"]].append(RevisiPegawai(**{c.name: r[c.name] for c in cols}))
    return out


def predikat_banyak(session, ids) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = defaultdict(list)
    for r in _semua(session, lambda chunk: select(predikat_ref).where(
            predikat_ref.c.pegawai_id.in_(chunk)), ids):
        out[r["pegawai_id"]].append(r)
    return out


def ak_aktif_banyak(session, ids, *, for_update: bool = False) -> dict[str, list[Row]]:
    def stmt(chunk):
        q = select(angka_kredit).where(angka_kredit.c.pegawai_id.in_(chunk),
                                       angka_kredit.c.aktif.is_(True)).order_by(angka_kredit.c.id)
        return q.with_for_update() if for_update and _kunci(session) else q
    out: dict[str, list[Row]] = defaultdict(list)
    for r in _semua(session, stmt, ids):
        out[r["pegawai_id"]].append(r)
    return out


def ak_banyak(session, ids) -> dict[str, Row]:
    return {r["id"]: r for r in _semua(session, lambda chunk: select(angka_kredit).where(
        angka_kredit.c.id.in_(chunk)), ids)}


RINGKASAN = ("id", "sumber", "awal", "akhir", "predikat", "persentase", "koefisien", "bulan",
             "angka_kredit", "status")


def ringkasan_banyak(session, ids) -> dict[str, Row]:
    """The columns of AK rows an akumulasi lists (no JSON to decode)."""
    cols = [angka_kredit.c[c] for c in RINGKASAN]
    return {r["id"]: r for r in _semua(session, lambda chunk: select(*cols).where(
        angka_kredit.c.id.in_(chunk)), ids)}


def instansi_banyak(session, ids) -> dict[str, Row]:
    return {r["id"]: r for r in _semua(session, lambda chunk: select(instansi_ref).where(
        instansi_ref.c.id.in_(chunk)), ids)}


def unor_banyak(session, ids) -> dict[str, Row]:
    return {r["id"]: r for r in _semua(session, lambda chunk: select(unor_ref).where(
        unor_ref.c.id.in_(chunk)), ids)}


def pengaturan_banyak(session, instansi_ids) -> dict[str, Pengaturan]:
    rows = {r["instansi_id"]: r for r in _semua(session, lambda chunk: select(pengaturan).where(
        pengaturan.c.instansi_id.in_(chunk)), instansi_ids)}
    return {i: Pengaturan.dari(rows[i]["data"] if i in rows else None)
            for i in {i for i in instansi_ids if i}}


def pengaturan_instansi(session, instansi_id: str) -> Pengaturan:
    return pengaturan_banyak(session, [instansi_id])[instansi_id]


def ak_row(session, angka_kredit_id: str, *, for_update: bool = False) -> Row:
    q = select(angka_kredit).where(angka_kredit.c.id == angka_kredit_id)
    if for_update and _kunci(session):
        q = q.with_for_update()
    row = session.execute(q).mappings().first()
    if row is None:
        raise NotFound("Angka kredit tidak ditemukan.")
    return row
