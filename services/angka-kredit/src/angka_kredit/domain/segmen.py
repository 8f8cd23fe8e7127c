"""Which months of a pegawai each predikat converts (DOMAIN.md §7: "months start at TMT
jabatan when that is later than the period start").

A predikat covers its period intersected with its SKP's own dates (a pegawai who moved has an
SKP, hence a predikat, per unit). Each calendar month counts once, for the predikat whose range
holds the month's reference day (``hari_acuan``, pengaturan ``hari_acuan_bulan``), and only
while the pegawai is a JF with a jenjang on that day. With periodic angka kredit on, the
predikat of a month's own period wins over the annual one (a tie goes to the later SKP). The
months one predikat gets are cut into **segmen** wherever the jenjang or golongan changes, so
each segmen has one koefisien and one kebutuhan: a mid-year promotion or new golongan splits
the year.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .riwayat_jabatan import Masa, RevisiPegawai, RiwayatJabatan

FINAL, PERIODIK = "FINAL", "PERIODIK"


@dataclass(frozen=True)
class SumberPredikat:
    """A predikat as angka kredit reads it (PredikatFinal, or a periodic PredikatDitetapkan)."""

    penilaian_id: str
    jenis: str  # FINAL or PERIODIK
    awal: date  # the period ∩ the SKP's dates
    akhir: date
    predikat: str


@dataclass(frozen=True)
class Segmen:
    penilaian_id: str
    awal: date
    akhir: date
    bulan: int
    jenjang: str
    jenjang_mulai: date  # start of the masa jenjang (AK accumulates within it)
    golongan: str | None
    golongan_mulai: date | None  # start of the masa golongan
    jabatan: RevisiPegawai  # the jabatan snapshot in force at ``awal``


def _bulan(awal: date, akhir: date):
    y, m = awal.year, awal.month
    while (y, m) <= (akhir.year, akhir.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def _pilih(calon: list[SumberPredikat]) -> SumberPredikat:
    return max(calon, key=lambda s: (s.jenis == PERIODIK, s.awal, s.penilaian_id))


def susun(sumber: list[SumberPredikat], riwayat: RiwayatJabatan, hari_acuan: int
          ) -> list[Segmen]:
    """Every segmen of these predikat (one pegawai), in date order."""
    if not sumber:
        return []
    kelompok: list[tuple[tuple, list[tuple[int, int]], SumberPredikat, Masa, Masa | None]] = []
    for y, m in _bulan(min(s.awal for s in sumber), max(s.akhir for s in sumber)):
        acuan = date(y, m, hari_acuan)
        calon = [s for s in sumber if s.awal <= acuan <= s.akhir]
        jenjang = riwayat.jenjang_pada(acuan)
        if not calon or jenjang is None:
            continue
        s = _pilih(calon)
        golongan = riwayat.golongan_pada(acuan)
        kunci = (s.penilaian_id, jenjang.mulai, golongan.mulai if golongan else None)
        akhir_sebelumnya = kelompok[-1][1][-1] if kelompok else None
        bersambung = akhir_sebelumnya is not None and (
            (akhir_sebelumnya[0] * 12 + akhir_sebelumnya[1]) + 1 == y * 12 + m)
        if kelompok and kelompok[-1][0] == kunci and bersambung:
            kelompok[-1][1].append((y, m))
        else:
            kelompok.append((kunci, [(y, m)], s, jenjang, golongan))
    out = []
    for _, bulan, s, jenjang, golongan in kelompok:
        (y0, m0), (y1, m1) = bulan[0], bulan[-1]
        batas_awal = [date(y0, m0, 1), s.awal, jenjang.mulai] + (
            [golongan.mulai] if golongan else [])
        batas_akhir = [date(y1, m1, calendar.monthrange(y1, m1)[1]), s.akhir] + [
            m.akhir for m in (jenjang, golongan) if m is not None and m.akhir is not None]
        awal, akhir = max(batas_awal), min(batas_akhir)
        jabatan = riwayat.jabatan_pada(awal)
        out.append(Segmen(
            penilaian_id=s.penilaian_id, awal=awal, akhir=akhir, bulan=len(bulan),
            jenjang=jenjang.nilai[1], jenjang_mulai=jenjang.mulai,
            golongan=golongan.nilai if golongan else None,
            golongan_mulai=golongan.mulai if golongan else None,
            jabatan=jabatan.nilai if jabatan else RevisiPegawai(revisi=0)))
    return out
