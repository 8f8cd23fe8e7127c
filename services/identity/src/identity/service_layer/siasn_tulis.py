"""Writes the SIASN pull shares (``siasn.py``, ``siasn_unor.py``): changed pegawai rows in one
executemany, riwayat rows (aksi ``SIASN``)."""
from __future__ import annotations

import sqlalchemy as sa

from kinerja_shared.clock import now

from ..adapters.tables import pegawai
from ..domain import siasn as aturan
from .common import bulk_insert_riwayat, jsonable

AKSI = "SIASN"

KOLOM_UBAH = (*aturan.PEGAWAI, "aktif", "jenis_jabatan", "tmt_status", "revisi", "updated_at")


def simpan_perubahan(uow, rows: list[dict]) -> None:
    if not rows:
        return
    stmt = sa.update(pegawai).where(pegawai.c.id == sa.bindparam("b_id")).values(
        {c: sa.bindparam(f"b_{c}") for c in KOLOM_UBAH})
    uow.session.execute(stmt, [{"b_id": r["id"], **{f"b_{c}": r[c] for c in KOLOM_UBAH}}
                               for r in rows])


def riwayat(uow, entitas: str, items: list[tuple[dict | None, dict]]) -> None:
    t = now()
    bulk_insert_riwayat(uow, [{
        "instansi_id": after["instansi_id"], "entitas": entitas, "entitas_id": after["id"],
        "aksi": AKSI, "oleh_pegawai_id": None, "oleh_nip": None, "waktu": t,
        "sebelum": jsonable(before) if before else None, "sesudah": jsonable(after)}
        for before, after in items])
