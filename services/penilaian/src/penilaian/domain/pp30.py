"""The numeric model of PP 30/2019 (DOMAIN.md §5): capaian per aspect after Perka BKN 1/2013,
nilai SKP, nilai perilaku, nilai kinerja and its predikat. Decimal only; values are rounded to
two places (ROUND_HALF_UP) where they are shown, never in between.

The tunable numbers (weights, bands, tugas tambahan and kreativitas additions, the cap) come
in as a ``ParameterPp30`` from the dated rule set and the instansi's settings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Mapping

SERATUS = Decimal(100)
FAKTOR_WAKTU = Decimal("1.76")  # Perka BKN 1/2013: 1.76 × target
BATAS_EFISIENSI = Decimal(24)  # efisiensi <= 24% counts as "on time" (score up to 76)
DUA_DESIMAL = Decimal("0.01")


def bulat(nilai: Decimal) -> Decimal:
    return nilai.quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ParameterPp30:
    bobot_skp: Decimal = Decimal("0.70")
    bobot_perilaku: Decimal = Decimal("0.30")
    batas_nilai_skp: Decimal = Decimal(120)
    # (minimum jumlah, tambahan): +1 for 1-3 tugas tambahan, +2 for 4-6, +3 for 7 or more
    tugas_tambahan: tuple[tuple[int, Decimal], ...] = (
        (1, Decimal(1)), (4, Decimal(2)), (7, Decimal(3)))
    # kreativitas levels (1, 2, 3) -> +3 / +6 / +12
    kreativitas: tuple[Decimal, ...] = (Decimal(3), Decimal(6), Decimal(12))
    # predikat bands: lower bound (inclusive) -> predikat, highest first
    band: tuple[tuple[Decimal, str], ...] = (
        (Decimal(110), "SANGAT_BAIK"), (Decimal(90), "BAIK"), (Decimal(70), "BUTUH_PERBAIKAN"),
        (Decimal(50), "KURANG"), (Decimal(0), "SANGAT_KURANG"))
    sangat_baik_perlu_inovasi: bool = True


def capaian_rasio(realisasi: Decimal, target: Decimal) -> Decimal:
    """Kuantitas and kualitas: realisasi / target × 100."""
    return realisasi / target * SERATUS


def capaian_efisiensi(realisasi: Decimal, target: Decimal) -> Decimal:
    """Waktu (and biaya): by efisiensi = 100 − realisasi/target × 100.

    efisiensi <= 24: ((1.76 × target − realisasi) / target) × 100
    otherwise:       76 − ((((1.76 × target − realisasi) / target) × 100) − 100)
    """
    efisiensi = SERATUS - realisasi / target * SERATUS
    nilai = (FAKTOR_WAKTU * target - realisasi) / target * SERATUS
    if efisiensi <= BATAS_EFISIENSI:
        return nilai
    return Decimal(76) - (nilai - SERATUS)


@dataclass(frozen=True)
class Kegiatan:
    """One SKP activity: targets, and realisasi when entered (None = not yet)."""

    target_kuantitas: Decimal
    target_kualitas: Decimal
    target_waktu: Decimal
    target_biaya: Decimal | None = None
    kuantitas: Decimal | None = None
    kualitas: Decimal | None = None
    waktu: Decimal | None = None
    biaya: Decimal | None = None

    def capaian(self) -> dict[str, Decimal]:
        out = {}
        if self.kuantitas is not None and self.target_kuantitas:
            out["kuantitas"] = capaian_rasio(self.kuantitas, self.target_kuantitas)
        if self.kualitas is not None and self.target_kualitas:
            out["kualitas"] = capaian_rasio(self.kualitas, self.target_kualitas)
        if self.waktu is not None and self.target_waktu:
            out["waktu"] = capaian_efisiensi(self.waktu, self.target_waktu)
        if self.biaya is not None and self.target_biaya:
            out["biaya"] = capaian_efisiensi(self.biaya, self.target_biaya)
        return out

    def nilai(self) -> Decimal | None:
        """Mean of the aspects scored (three, or four with biaya)."""
        capaian = self.capaian()
        if not capaian:
            return None
        return sum(capaian.values(), Decimal(0)) / len(capaian)


ASPEK_KEGIATAN = ("kuantitas", "kualitas", "waktu", "biaya")


def _desimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def kegiatan_skp(rhk: Iterable[Mapping], realisasi: Mapping[str, Mapping]
                 ) -> list[tuple[str, Kegiatan]]:
    """The kegiatan of an SKP, by RHK id: each RHK (a mapping with ``id`` and
    ``target_<aspek>``) with kuantitas, kualitas and waktu targets, a target revised at
    measurement (``target_revisi`` of its realisasi) replacing the planned one, and its
    realisasi (``realisasi[rhk id]``: a mapping with the aspects, or none yet)."""
    out = []
    for r in rhk:
        row = realisasi.get(r["id"])
        rev = (row or {}).get("target_revisi") or {}
        target = {a: _desimal(rev.get(a, r.get(f"target_{a}"))) for a in ASPEK_KEGIATAN}
        if not (target["kuantitas"] and target["kualitas"] and target["waktu"]):
            continue
        real = {a: _desimal(row[a]) if row else None for a in ASPEK_KEGIATAN}
        out.append((r["id"], Kegiatan(target["kuantitas"], target["kualitas"], target["waktu"],
                                      target["biaya"], **real)))
    return out


def tambahan_tugas(jumlah: int, p: ParameterPp30) -> Decimal:
    nilai = Decimal(0)
    for minimum, tambah in p.tugas_tambahan:
        if jumlah >= minimum:
            nilai = tambah
    return nilai


def tambahan_kreativitas(tingkat: int, p: ParameterPp30) -> Decimal:
    if tingkat <= 0:
        return Decimal(0)
    return p.kreativitas[min(tingkat, len(p.kreativitas)) - 1]


def nilai_skp(kegiatan: Iterable[Kegiatan], *, jumlah_tugas_tambahan: int = 0,
              tingkat_kreativitas: int = 0, p: ParameterPp30 = ParameterPp30()) -> Decimal | None:
    """Mean of the activities' scores, plus tugas tambahan and kreativitas, capped."""
    nilai = [n for n in (k.nilai() for k in kegiatan) if n is not None]
    if not nilai:
        return None
    total = sum(nilai, Decimal(0)) / len(nilai)
    total += tambahan_tugas(jumlah_tugas_tambahan, p) + tambahan_kreativitas(tingkat_kreativitas, p)
    return bulat(min(total, p.batas_nilai_skp))


def nilai_perilaku(nilai: Mapping[str, Decimal]) -> Decimal | None:
    if not nilai:
        return None
    return bulat(sum(nilai.values(), Decimal(0)) / len(nilai))


def nilai_kinerja(skp: Decimal, perilaku: Decimal, p: ParameterPp30 = ParameterPp30()) -> Decimal:
    return bulat(skp * p.bobot_skp + perilaku * p.bobot_perilaku)


def predikat(nilai: Decimal, *, ada_inovasi: bool, p: ParameterPp30 = ParameterPp30()) -> str:
    for batas, nama in p.band:
        if nilai >= batas:
            if nama == "SANGAT_BAIK" and p.sangat_baik_perlu_inovasi and not ada_inovasi:
                return "BAIK"
            return nama
    return p.band[-1][1]


@dataclass
class HasilPp30:
    nilai_skp: Decimal | None = None
    nilai_perilaku: Decimal | None = None
    nilai_kinerja: Decimal | None = None
    predikat: str | None = None
    kegiatan: list[dict] = field(default_factory=list)


def hitung(kegiatan: list[Kegiatan], perilaku: Mapping[str, Decimal], *, jumlah_tugas_tambahan: int,
           tingkat_kreativitas: int, p: ParameterPp30) -> HasilPp30:
    hasil = HasilPp30(
        nilai_skp=nilai_skp(kegiatan, jumlah_tugas_tambahan=jumlah_tugas_tambahan,
                            tingkat_kreativitas=tingkat_kreativitas, p=p),
        nilai_perilaku=nilai_perilaku(perilaku),
    )
    if hasil.nilai_skp is not None and hasil.nilai_perilaku is not None:
        hasil.nilai_kinerja = nilai_kinerja(hasil.nilai_skp, hasil.nilai_perilaku, p)
        hasil.predikat = predikat(hasil.nilai_kinerja, ada_inovasi=tingkat_kreativitas > 0, p=p)
    return hasil
