"""Shared part of the bulk imports: reading the file, per-row errors, the answer shape, and
set-based writes (executemany) with one event per aggregate.

The file is read by ``adapters.tabular`` (CSV or .xlsx into rows of text cells) and each row's
cells by ``tabular.nilai_baris`` against the columns an import declares; the rules behind the
columns (NIP, golongan, the enumerations) are the domain's."""
from __future__ import annotations

from typing import Any, Collection

import sqlalchemy as sa

from kinerja_shared.auth.principal import Principal
from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork
from kinerja_shared.errors import Invalid, invalid

from ..adapters import tabular
from ..adapters.tabular import Kolom
from .common import jsonable


def baca_berkas(nama_berkas: str, data: bytes) -> list[dict[str, str | None]]:
    """The rows of an uploaded file; 422 ``berkas`` when it cannot be read."""
    try:
        return tabular.baca(nama_berkas, data)
    except tabular.BerkasTidakValid as exc:
        raise invalid("berkas", str(exc)) from None


class Galat:
    """Per-row errors; ``baris`` counts from 2 (row 1 is the header)."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def tambah(self, nomor: int, errors: dict[str, list[str]]) -> None:
        self.items.append({"baris": nomor + 2, "errors": errors})

    def validasi(self, rows: list[dict], kolom: Collection[Kolom]) -> list[tuple[int, dict]]:
        """(index, values) of the valid rows; errors recorded for the others."""
        valid = []
        for i, raw in enumerate(rows):
            try:
                valid.append((i, tabular.nilai_baris(raw, kolom)))
            except tabular.BarisTidakValid as exc:
                self.tambah(i, exc.errors)
        return valid


def hasil(*, dry_run: bool, jumlah: int, tambah: int, ubah: int, galat: Galat) -> dict:
    """The answer of an import; without ``dry_run`` any row error refuses the whole file
    (422 with the same ``galat``)."""
    body = {"dry_run": dry_run, "jumlah_baris": jumlah, "tambah": tambah, "ubah": ubah,
            "galat": sorted(galat.items, key=lambda g: g["baris"])}
    if galat.items and not dry_run:
        raise Invalid({"berkas": ["Perbaiki baris yang ditandai lalu unggah ulang."]},
                      f"{len(galat.items)} baris tidak valid; tidak ada yang disimpan.",
                      galat=jsonable(body["galat"]))
    return body


def riwayat_rows(principal: Principal, entitas: str,
                 items: list[tuple[dict | None, dict]]) -> list[dict]:
    t = now()
    return [{"instansi_id": after["instansi_id"], "entitas": entitas, "entitas_id": after["id"],
             "aksi": "IMPOR", "oleh_pegawai_id": principal.pegawai_id, "oleh_nip": principal.nip,
             "waktu": t, "sebelum": jsonable(before) if before else None, "sesudah": jsonable(after)}
            for before, after in items]


def update_many(uow: UnitOfWork, table: sa.Table, columns: list[str], rows: list[dict]) -> None:
    """One executemany UPDATE by id."""
    if not rows:
        return
    stmt = sa.update(table).where(table.c.id == sa.bindparam("b_id")).values(
        {c: sa.bindparam(f"b_{c}") for c in columns})
    uow.session.execute(stmt, [{"b_id": r["id"], **{f"b_{c}": r[c] for c in columns}} for r in rows])
