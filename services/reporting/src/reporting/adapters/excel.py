"""Excel reports with xlsxwriter in ``constant_memory`` mode: each row is flushed to the file
as soon as the next one starts, so memory stays flat whatever the row count (ARCHITECTURE.md,
engineering notes: ~7,600 rows/s, ~23 MB).

Layout (as e-Kinerja's "Unduh Excel", BKN admin manual §2.12): a header block (title,
instansi, the filters, time of printing), an empty row, the column headers with an autofilter
and frozen panes, then the rows numbered from 1.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import xlsxwriter

MAX_BARIS = 1_048_576  # an Excel sheet's row limit


@dataclass(frozen=True)
class Kolom:
    judul: str
    lebar: float = 18
    jenis: str = "teks"  # teks | angka | tanggal | waktu | ak (angka kredit: three decimals)


class TerlaluBanyakBaris(ValueError):
    """More rows than one Excel sheet holds."""


class LembarLaporan:
    """One report sheet written top to bottom: ``kepala`` once, then ``baris`` as they come."""

    def __init__(self, path: str, *, judul: str, kolom: Sequence[Kolom],
                 kepala: Sequence[tuple[str, str]], nama_lembar: str = "Laporan") -> None:
        self.workbook = xlsxwriter.Workbook(path, {"constant_memory": True,
                                                  "strings_to_numbers": False,
                                                  "strings_to_formulas": False,
                                                  "strings_to_urls": False,
                                                  "remove_timezone": True})
        self.sheet = self.workbook.add_worksheet(nama_lembar[:31])
        self.kolom = list(kolom)
        wb = self.workbook
        self._judul = wb.add_format({"bold": True, "font_size": 14})
        self._label = wb.add_format({"bold": True})
        self._header = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1,
                                      "text_wrap": True, "valign": "vcenter",
                                      "align": "center"})
        self._tanggal = wb.add_format({"num_format": "dd/mm/yyyy"})
        self._desimal = wb.add_format({"num_format": "0.00"})
        self._waktu = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
        self._ak = wb.add_format({"num_format": "0.000"})
        # a cell written without a format takes its column's (dates, two or three decimals)
        self._bentuk = bentuk = {"tanggal": self._tanggal, "angka": self._desimal,
                                 "waktu": self._waktu, "ak": self._ak}
        for i, k in enumerate(self.kolom):
            self.sheet.set_column(i, i, k.lebar, bentuk.get(k.jenis))
        self.sheet.write_string(0, 0, judul, self._judul)
        row = 1
        for label, nilai in kepala:
            self.sheet.write_string(row, 0, label, self._label)
            self.sheet.write_string(row, 1, nilai)
            row += 1
        self.baris_kepala = row + 1
        self.sheet.write_row(self.baris_kepala, 0, [k.judul for k in self.kolom], self._header)
        self.sheet.freeze_panes(self.baris_kepala + 1, 0)
        self._next = self.baris_kepala + 1
        self.jumlah = 0

    def tulis(self, nilai: Sequence[Any]) -> None:
        """One row of values in column order (None prints empty)."""
        if self._next >= MAX_BARIS:
            raise TerlaluBanyakBaris(f"lebih dari {MAX_BARIS} baris dalam satu lembar")
        row = self._next
        self.sheet.write_row(row, 0, nilai)  # dates, numbers, text by type; None stays empty
        self._next += 1
        self.jumlah += 1

    def tulis_semua(self, rows: Iterable[Sequence[Any]]) -> None:
        for r in rows:
            self.tulis(r)

    def lembar_tambahan(self, nama: str, kolom: Sequence[Kolom],
                        rows: Iterable[Sequence[Any]]) -> None:
        """Another sheet after the report's (a summary): headers, then the rows. Call it
        after the last ``tulis`` (constant_memory writes sheets one after another)."""
        ws = self.workbook.add_worksheet(nama[:31])
        for i, k in enumerate(kolom):
            ws.set_column(i, i, k.lebar, self._bentuk.get(k.jenis))
        ws.write_row(0, 0, [k.judul for k in kolom], self._header)
        for r, row in enumerate(rows, 1):
            ws.write_row(r, 0, row)

    def tutup(self) -> int:
        """Finish the file (autofilter over the rows written); the number of rows."""
        last = max(self._next - 1, self.baris_kepala)
        self.sheet.autofilter(self.baris_kepala, 0, last, len(self.kolom) - 1)
        self.workbook.close()
        return self.jumlah
