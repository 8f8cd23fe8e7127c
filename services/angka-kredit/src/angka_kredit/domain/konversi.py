"""Konversi predikat -> angka kredit (PermenPAN-RB 1/2023 Pasal 37; Peraturan BKN 3/2023):

    AK = (months assessed / 12) × persentase predikat × koefisien tahunan of the jenjang

and integrasi (Peraturan BKN 3/2023, penyesuaian AK konvensional): AK integrasi = AK kumulatif
konvensional − nilai dasar of the jenjang, once per pegawai.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .angka import dari_ak12, desimal
from .aturan import RuleSet
from .errors import TidakSah, tidak_sah
from .pengaturan import Pengaturan

AK_LAMA_MAKS = Decimal(100_000)


@dataclass(frozen=True)
class Konversi:
    predikat: str
    persentase: Decimal
    koefisien: Decimal
    bulan: int
    ak12: Decimal  # bulan × persentase × koefisien: twelve times the AK, exact
    angka_kredit: Decimal  # ak12 / 12, kept to 6 decimals


def konversi(rules: RuleSet, predikat: str, jenjang: str, bulan: int) -> Konversi:
    if predikat not in rules.persentase:
        raise tidak_sah("predikat", f"Predikat tidak dikenal: {predikat}.")
    if jenjang not in rules.koefisien:
        raise tidak_sah("jenjang", f"Jenjang tidak dikenal: {jenjang}.")
    if not isinstance(bulan, int) or not 0 <= bulan <= 12:
        raise tidak_sah("bulan", "Jumlah bulan harus 0-12.")
    persentase, koefisien = rules.persentase[predikat], rules.koefisien[jenjang]
    ak12 = desimal(bulan) * persentase * koefisien
    return Konversi(predikat, persentase, koefisien, bulan, ak12, dari_ak12(ak12))


@dataclass(frozen=True)
class HasilIntegrasi:
    ak_konvensional: Decimal
    nilai_dasar: Decimal
    angka_kredit: Decimal


def integrasi(rules: RuleSet, pengaturan: Pengaturan, jenjang: str | None,
              ak_konvensional: Decimal) -> HasilIntegrasi:
    """AK lama − nilai dasar; ``TidakSah`` for a pegawai without a jenjang, a jenjang whose
    nilai dasar is not set, or an AK lama below the nilai dasar or not a plain number."""
    ak_konvensional = desimal(ak_konvensional)
    if not ak_konvensional.is_finite() or ak_konvensional < 0 \
            or ak_konvensional >= AK_LAMA_MAKS \
            or ak_konvensional != ak_konvensional.quantize(Decimal("0.001")):
        raise tidak_sah("ak_lama", "AK lama harus angka 0 sampai kurang dari 100.000, paling "
                                   "banyak 3 desimal.")
    if jenjang is None:
        raise tidak_sah("pegawai_id", "Pegawai bukan pejabat fungsional dengan jenjang pada "
                                      "tanggal integrasi.")
    dasar = pengaturan.nilai_dasar_dari(rules, jenjang)
    if dasar is None:
        raise tidak_sah("pegawai_id", f"Nilai dasar integrasi jenjang {jenjang} belum diatur "
                                      "(pengaturan nilai_dasar).")
    if ak_konvensional < dasar:
        raise TidakSah({"ak_lama": [f"AK lama ({ak_konvensional}) kurang dari nilai dasar "
                                    f"jenjang {jenjang} ({dasar})."]})
    return HasilIntegrasi(ak_konvensional, dasar, ak_konvensional - dasar)
