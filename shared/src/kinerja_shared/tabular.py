"""Rows from an uploaded CSV or Excel (.xlsx) file, for every service's bulk import: a list of
dicts keyed by normalised header (lower case, spaces to underscores). Cells come back as
stripped strings (dates from Excel as YYYY-MM-DD; numbers as Excel stored them, read back
exactly through ``str``); empty cells as None. A file that cannot be read is
``BerkasTidakValid`` with the user's (Indonesian) message; nothing a client uploads raises
anything else. Excel needs openpyxl (a dependency of this package)."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

MAX_ROWS = 50_000


class BerkasTidakValid(ValueError):
    pass


def _key(header: Any) -> str:
    return str(header or "").strip().lower().replace(" ", "_").replace("-", "_")


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        # Excel keeps numbers as binary floats: the shortest repr is what the user typed
        value = Decimal(repr(value)).normalize()
        value = format(value, "f")
    text = str(value).strip()
    return text or None


def _rows(header: list[Any], body) -> list[dict[str, str | None]]:
    keys = [_key(h) for h in header]
    out = []
    for values in body:
        row = {k: _cell(v) for k, v in zip(keys, values) if k}
        if any(v is not None for v in row.values()):
            out.append(row)
        if len(out) > MAX_ROWS:
            raise BerkasTidakValid(f"Berkas melebihi {MAX_ROWS} baris.")
    return out


def baca(nama_berkas: str, data: bytes) -> list[dict[str, str | None]]:
    nama = (nama_berkas or "").lower()
    if nama.endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        return _excel(data)
    return _csv(data)


def _csv(data: bytes) -> list[dict[str, str | None]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if not text.strip():
        raise BerkasTidakValid("Berkas kosong.")
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _rows(next(reader), reader)
    except csv.Error as exc:  # a binary file, a stray NUL or carriage return: the client's file
        raise BerkasTidakValid(f"Berkas CSV tidak dapat dibaca (baris {reader.line_num}): "
                               f"{exc}.") from None


def _excel(data: bytes) -> list[dict[str, str | None]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any parse failure is the client's file
        raise BerkasTidakValid("Berkas Excel tidak dapat dibaca.") from None
    try:
        it = wb.worksheets[0].iter_rows(values_only=True)
        header = next(it, None)
        if header is None:
            raise BerkasTidakValid("Berkas kosong.")
        return _rows(list(header), it)
    finally:
        wb.close()
