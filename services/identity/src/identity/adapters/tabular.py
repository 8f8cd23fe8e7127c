"""Import files: ``baca`` (the suite's reader, ``kinerja_shared.tabular``: rows of an uploaded
CSV or Excel file as dicts of stripped strings) and ``nilai_baris``, which reads one row's cells
into values (dates, ya/tidak) and checks them against the columns an import declares
(``Kolom``)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Collection

from kinerja_shared.tabular import MAX_ROWS, BerkasTidakValid, baca

__all__ = ["MAX_ROWS", "BerkasTidakValid", "baca", "Kolom", "BarisTidakValid", "nilai_baris"]


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
