"""Dated rule sets: which matrix, distribution pattern and PP 30 numbers apply on a date.

Every rule that comes from a regulation sits here, in tables, with the regulation named. A new
regulation adds a ``RuleSet`` with its ``berlaku_mulai``; assessments of earlier periods keep
being computed with the rules of their time (``rules_for(period end)``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .distribusi import MINIMAL_SATU, PALING_BANYAK, PALING_SEDIKIT, TERBANYAK, Aturan
from .pp30 import ParameterPp30
from .predikat import (
    BAIK, BUTUH_PERBAIKAN, DI_ATAS, DI_BAWAH, ISTIMEWA, KURANG, SANGAT_BAIK, SANGAT_KURANG, SESUAI,
)


@dataclass(frozen=True)
class RuleSet:
    kode: str
    berlaku_mulai: date
    sumber: str
    # (rating hasil kerja, rating perilaku) -> predikat
    matriks: dict[tuple[str, str], str]
    # capaian kinerja organisasi -> rules of the distribution of predikat
    pola_distribusi: dict[str, tuple[Aturan, ...]]
    # capaian kinerja organisasi -> rating hasil kerja of the pimpinan of the organisation
    rating_pimpinan: dict[str, str]
    pp30: ParameterPp30


# PermenPAN-RB 6/2022, Lampiran (kurva/matriks predikat kinerja); rows hasil kerja, columns perilaku.
MATRIKS_PERMENPAN_6_2022 = {
    (DI_ATAS, DI_BAWAH): KURANG, (DI_ATAS, SESUAI): BAIK, (DI_ATAS, DI_ATAS): SANGAT_BAIK,
    (SESUAI, DI_BAWAH): KURANG, (SESUAI, SESUAI): BAIK, (SESUAI, DI_ATAS): BAIK,
    (DI_BAWAH, DI_BAWAH): SANGAT_KURANG, (DI_BAWAH, SESUAI): BUTUH_PERBAIKAN,
    (DI_BAWAH, DI_ATAS): BUTUH_PERBAIKAN,
}

# SE MenPAN-RB 3/2023 (pola distribusi predikat kinerja pegawai per capaian kinerja organisasi).
POLA_SE_MENPANRB_3_2023 = {
    ISTIMEWA: (
        Aturan(TERBANYAK, (SANGAT_BAIK,), 0, "Sebagian besar predikat Sangat Baik"),
        Aturan(PALING_BANYAK, (SANGAT_BAIK,), 70, "Sangat Baik paling banyak 70%"),
    ),
    BAIK: (
        Aturan(TERBANYAK, (BAIK,), 0, "Sebagian besar predikat Baik"),
        Aturan(PALING_BANYAK, (BAIK,), 70, "Baik paling banyak 70%"),
        Aturan(MINIMAL_SATU, (BUTUH_PERBAIKAN, KURANG), 0,
               "Paling sedikit satu Butuh Perbaikan atau Kurang"),
    ),
    BUTUH_PERBAIKAN: (
        Aturan(PALING_SEDIKIT, (BUTUH_PERBAIKAN,), 60, "Butuh Perbaikan paling sedikit 60%"),
        Aturan(PALING_BANYAK, (SANGAT_BAIK,), 10, "Sangat Baik paling banyak 10%"),
    ),
    KURANG: (
        Aturan(PALING_SEDIKIT, (KURANG,), 60, "Kurang paling sedikit 60%"),
        Aturan(PALING_SEDIKIT, (BUTUH_PERBAIKAN,), 10, "Butuh Perbaikan paling sedikit 10%"),
        Aturan(PALING_BANYAK, (SANGAT_BAIK,), 10, "Sangat Baik paling banyak 10%"),
    ),
    SANGAT_KURANG: (
        Aturan(PALING_SEDIKIT, (SANGAT_KURANG,), 60, "Sangat Kurang paling sedikit 60%"),
        Aturan(PALING_SEDIKIT, (KURANG, BUTUH_PERBAIKAN), 10,
               "Kurang atau Butuh Perbaikan paling sedikit 10%"),
        Aturan(PALING_BANYAK, (SANGAT_BAIK,), 0, "Tidak ada Sangat Baik"),
    ),
}

# SE MenPAN-RB 3/2023: the capaian kinerja organisasi is the rating hasil kerja of its pimpinan.
RATING_PIMPINAN_SE_3_2023 = {
    ISTIMEWA: DI_ATAS, BAIK: SESUAI, BUTUH_PERBAIKAN: DI_BAWAH, KURANG: DI_BAWAH,
    SANGAT_KURANG: DI_BAWAH,
}

RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(
        kode="PERMENPAN_6_2022+SE_3_2023",
        berlaku_mulai=date(2023, 1, 1),
        sumber="PermenPAN-RB 6/2022; SE MenPAN-RB 3/2023; PP 30/2019 dan Perka BKN 1/2013",
        matriks=MATRIKS_PERMENPAN_6_2022,
        pola_distribusi=POLA_SE_MENPANRB_3_2023,
        rating_pimpinan=RATING_PIMPINAN_SE_3_2023,
        pp30=ParameterPp30(),
    ),
)


def rules_for(tanggal: date, rule_sets: tuple[RuleSet, ...] = RULE_SETS) -> RuleSet:
    """The rule set in force on ``tanggal`` (the latest whose berlaku_mulai is not after it);
    dates before the first rule set fall back to the first."""
    berlaku = [r for r in rule_sets if r.berlaku_mulai <= tanggal]
    return max(berlaku, key=lambda r: r.berlaku_mulai) if berlaku else min(
        rule_sets, key=lambda r: r.berlaku_mulai)
