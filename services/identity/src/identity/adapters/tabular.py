"""Rows from an uploaded CSV or Excel (.xlsx) file: a list of dicts keyed by normalised
header (lower case, spaces to underscores). Cells come back as stripped strings (dates from
Excel as YYYY-MM-DD); empty cells as None. ``nilai_baris`` reads one row's cells into values
(dates, ya/tidak) and checks them against the columns an import declares (``Kolom``)."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Collection

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
    if isinstance(value, float) and value.is_integer():
        value = int(value)
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
        header = next(reader)
        return _rows(header, reader)
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


# -- cells into values ----------------------------------------------------------------------

TEKS, TANGGAL, YA_TIDAK, EMAIL = "teks", "tanggal", "ya_tidak", "email"
YA = {"1", "ya", "y", "true", "benar", "iya"}
TIDAK = {"0", "tidak", "t", "false", "salah", "n"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


@dataclass(frozen=True)
class Kolom:
    """How one column of an import file is read: its ``jenis`` (text, a ``YYYY-MM-DD`` date,
    ya/tidak, an e-mail address), whether a row must fill it, its longest text, the values it
    may take, and ``periksa(value)``, a rule that raises ``ValueError`` with the user's
    message. Messages are Indonesian: the importing admin reads them per row."""

    nama: str
    jenis: str = TEKS
    wajib: bool = False
    panjang: int | None = None
    pilihan: Collection[str] | None = None
    pesan_pilihan: str | None = None
    periksa: Callable[[str], Any] | None = None


class BarisTidakValid(ValueError):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def nilai_baris(row: dict[str, str | None], kolom: Collection[Kolom]) -> dict[str, Any]:
    """The row's values of ``kolom`` (other columns are left out, and so are empty cells), or
    ``BarisTidakValid`` with the messages per column."""
    out: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for k in kolom:
        cell = row.get(k.nama)
        if cell is None:
            if k.wajib:
                errors[k.nama] = ["Wajib diisi."]
            continue
        try:
            out[k.nama] = _nilai(k, cell)
        except ValueError as exc:
            errors[k.nama] = [str(exc)]
    if errors:
        raise BarisTidakValid(errors)
    return out


def _nilai(k: Kolom, cell: str) -> Any:
    if k.jenis == TANGGAL:
        try:
            return date.fromisoformat(cell)
        except ValueError:
            raise ValueError("Tanggal tidak valid (format YYYY-MM-DD).") from None
    if k.jenis == YA_TIDAK:
        if cell.lower() in YA:
            return True
        if cell.lower() in TIDAK:
            return False
        raise ValueError("Harus ya atau tidak.")
    if k.panjang is not None and len(cell) > k.panjang:
        raise ValueError(f"Paling banyak {k.panjang} karakter.")
    if k.pilihan is not None and cell not in k.pilihan:
        raise ValueError(k.pesan_pilihan or f"Harus salah satu dari: {', '.join(k.pilihan)}.")
    if k.jenis == EMAIL and not _EMAIL.match(cell):
        raise ValueError("Alamat email tidak valid.")
    if k.periksa is not None:
        k.periksa(cell)
    return cell
