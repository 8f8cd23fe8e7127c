"""Periode penilaian of an instansi and year (DOMAIN.md §2; BKN admin manual 2.2).

Dates are entered as ``MM-DD``. A period lies inside its year; a batas pengisian earlier in the
calendar than the period's end (December's 01-05, the final period's 01-31) lies in the next
year. Non-final periods of one year never overlap; a year has at most one final period.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping


class PeriodeTidakValid(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def tanggal(tahun: int, mmdd: str, field: str) -> date:
    """``MM-DD`` of ``tahun`` as a date (02-29 only in leap years)."""
    try:
        bulan, hari = mmdd.split("-")
        if len(bulan) != 2 or len(hari) != 2:
            raise ValueError
        return date(tahun, int(bulan), int(hari))
    except (ValueError, AttributeError):
        raise PeriodeTidakValid(field, "Tanggal harus berformat MM-DD yang valid.") from None


@dataclass(frozen=True)
class Periode:
    tahun: int
    nama: str
    awal: str
    akhir: str
    batas_pengisian: str
    final: bool = False
    id: str | None = None

    @classmethod
    def dari(cls, row: Mapping[str, Any]) -> "Periode":
        """A stored periode (a row: ``tahun, nama, awal, akhir, batas_pengisian, final, id``)."""
        return cls(row["tahun"], row["nama"], row["awal"], row["akhir"], row["batas_pengisian"],
                   bool(row["final"]), row.get("id"))

    @property
    def tanggal_awal(self) -> date:
        return tanggal(self.tahun, self.awal, "awal")

    @property
    def tanggal_akhir(self) -> date:
        return tanggal(self.tahun, self.akhir, "akhir")

    @property
    def tanggal_batas(self) -> date:
        """In the next year when earlier in the calendar than the end of the period."""
        tahun = self.tahun + (1 if self.batas_pengisian < self.akhir else 0)
        return tanggal(tahun, self.batas_pengisian, "batas_pengisian")

    def periksa(self) -> None:
        """``PeriodeTidakValid`` unless the dates are valid and ordered."""
        if not 2000 <= self.tahun <= 2100:
            raise PeriodeTidakValid("tahun", "Tahun harus antara 2000 dan 2100.")
        awal, akhir = self.tanggal_awal, self.tanggal_akhir
        self.tanggal_batas  # noqa: B018 - validates the format
        if akhir < awal:
            raise PeriodeTidakValid("akhir", "Periode akhir tidak boleh sebelum periode awal.")

    def bertumpuk(self, other: "Periode") -> bool:
        return not (self.tanggal_akhir < other.tanggal_awal or other.tanggal_akhir < self.tanggal_awal)


def periksa_tahun(baru: Periode, lain: list[Periode]) -> None:
    """Overlap check of a non-final period against the other periods of the same year
    (``PeriodeTidakValid`` on field ``awal``). The one-final rule is a conflict (409) the
    service layer reports."""
    baru.periksa()
    if baru.final:
        return
    for p in lain:
        if p.id is not None and p.id == baru.id:
            continue
        if not p.final and p.tahun == baru.tahun and baru.bertumpuk(p):
            raise PeriodeTidakValid(
                "awal", f"Periode bertumpuk dengan periode '{p.nama}' ({p.awal} s.d. {p.akhir}).")


def ada_final_lain(baru: Periode, lain: list[Periode]) -> bool:
    return baru.final and any(p.final and p.tahun == baru.tahun and (p.id is None or p.id != baru.id)
                              for p in lain)


NAMA_BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember"]


def _mmdd(d: date) -> str:
    return d.strftime("%m-%d")


def generate(tahun: int, skema: str, *, batas_hari: int = 5) -> list[Periode]:
    """The periods of a year for a scheme: BULANAN 12 + final, TRIWULAN 4 + final, TAHUNAN the
    final only. Each batas pengisian is the ``batas_hari``-th day of the month after the period
    (the manual's example: January -> 02-05); the final period's is 01-31 of the next year."""
    out: list[Periode] = []
    if skema == "BULANAN":
        rentang = [(m, m, NAMA_BULAN[m - 1]) for m in range(1, 13)]
    elif skema == "TRIWULAN":
        rentang = [(3 * q - 2, 3 * q, f"Triwulan {'I II III IV'.split()[q - 1]}") for q in range(1, 5)]
    elif skema == "TAHUNAN":
        rentang = []
    else:
        raise PeriodeTidakValid("skema", "Skema harus BULANAN, TRIWULAN atau TAHUNAN.")
    for mulai, selesai, nama in rentang:
        akhir = date(tahun, selesai, calendar.monthrange(tahun, selesai)[1])
        batas = date(tahun + (selesai == 12), selesai % 12 + 1, batas_hari)
        out.append(Periode(tahun, f"{nama} {tahun}", f"{mulai:02d}-01", _mmdd(akhir), _mmdd(batas)))
    out.append(Periode(tahun, f"Tahunan {tahun} (Final)", "01-01", "12-31", "01-31", final=True))
    return out
