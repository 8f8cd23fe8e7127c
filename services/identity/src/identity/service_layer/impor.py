"""Shared part of the bulk imports: row validation with marshmallow, per-row errors, the
answer shape, and set-based writes (executemany) with one event per aggregate."""
from __future__ import annotations

from typing import Any, Callable

import sqlalchemy as sa
from marshmallow import Schema, ValidationError

from kinerja_shared.auth import Principal
from kinerja_shared.web.problems import Problem

from ..adapters.tables import instansi
from .common import invalid, jsonable, now

BENAR = {"1", "ya", "y", "true", "benar", "iya"}
SALAH = {"0", "tidak", "t", "false", "salah", "n"}


def instansi_tujuan(uow, principal: Principal, instansi_id: str) -> None:
    if not principal.can_admin_instansi(instansi_id) or not uow.session.execute(
            sa.select(instansi.c.id).where(instansi.c.id == instansi_id)).first():
        raise invalid("instansi_id", "Instansi tidak ditemukan.")


def bool_sel(value: str | None) -> bool | None:
    if value is None:
        return None
    v = value.strip().lower()
    if v in BENAR:
        return True
    if v in SALAH:
        return False
    raise ValidationError("Harus ya atau tidak.")


class Galat:
    """Per-row errors; ``baris`` counts from 2 (row 1 is the header)."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def tambah(self, nomor: int, errors: dict[str, Any]) -> None:
        self.items.append({"baris": nomor + 2, "errors": errors})

    def validasi(self, schema: Schema, rows: list[dict], pre: Callable[[dict], dict] | None = None):
        """(index, loaded row) of the valid rows; errors recorded for the others."""
        valid = []
        for i, raw in enumerate(rows):
            try:
                data = pre(raw) if pre else raw
                valid.append((i, schema.load(data)))
            except ValidationError as exc:
                msgs = exc.messages if isinstance(exc.messages, dict) else {"_baris": exc.messages}
                self.tambah(i, {k: v if isinstance(v, list) else [v] for k, v in msgs.items()})
        return valid


def hasil(*, dry_run: bool, jumlah: int, tambah: int, ubah: int, galat: Galat) -> dict:
    body = {"dry_run": dry_run, "jumlah_baris": jumlah, "tambah": tambah, "ubah": ubah,
            "galat": sorted(galat.items, key=lambda g: g["baris"])}
    if galat.items and not dry_run:
        raise Problem(422, f"{len(galat.items)} baris tidak valid; tidak ada yang disimpan.",
                      errors={"berkas": ["Perbaiki baris yang ditandai lalu unggah ulang."]},
                      galat=jsonable(body["galat"]))
    return body


def riwayat_rows(principal: Principal, entitas: str, items: list[tuple[dict | None, dict]]) -> list[dict]:
    t = now()
    return [{"instansi_id": after["instansi_id"], "entitas": entitas, "entitas_id": after["id"],
             "aksi": "IMPOR", "oleh_pegawai_id": principal.pegawai_id, "oleh_nip": principal.nip,
             "waktu": t, "sebelum": jsonable(before) if before else None, "sesudah": jsonable(after)}
            for before, after in items]


def update_many(uow, table: sa.Table, columns: list[str], rows: list[dict]) -> None:
    """One executemany UPDATE by id."""
    if not rows:
        return
    stmt = sa.update(table).where(table.c.id == sa.bindparam("b_id")).values(
        {c: sa.bindparam(f"b_{c}") for c in columns})
    uow.session.execute(stmt, [{"b_id": r["id"], **{f"b_{c}": r[c] for c in columns}} for r in rows])
