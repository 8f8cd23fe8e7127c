"""Konversi predikat -> angka kredit (DOMAIN.md §7), tested on the regulation's own tables:
every jenjang × predikat, the seed's worked example, and the rounding BKN shows."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from angka_kredit.domain.angka import dari_ak12, tampil
from angka_kredit.domain.aturan import RULE_SETS, rules_for
from angka_kredit.domain.konversi import konversi

# DOMAIN.md §7, as written there: persentase per predikat, koefisien per year per jenjang
PERSENTASE = """
SANGAT_BAIK 150 | BAIK 100 | BUTUH_PERBAIKAN 75 | KURANG 50 | SANGAT_KURANG 25
"""
KOEFISIEN = """
PEMULA 3.75 | TERAMPIL 5 | MAHIR 12.5 | PENYELIA 25 | AHLI_PERTAMA 12.5 | AHLI_MUDA 25
AHLI_MADYA 37.5 | AHLI_UTAMA 50
"""


def _tabel(text):
    return {k: Decimal(v) for line in text.strip().splitlines()
            for k, v in (cell.split() for cell in line.split("|"))}


PERSEN, KOEF = _tabel(PERSENTASE), _tabel(KOEFISIEN)
RULES = rules_for(date(2024, 12, 31))


def test_the_tables_are_the_regulations():
    assert {k: v * 100 for k, v in RULES.persentase.items()} == PERSEN
    assert RULES.koefisien == KOEF
    assert RULES.kode == "PERMENPAN_RB_1_2023"


@pytest.mark.parametrize("jenjang", list(KOEF))
@pytest.mark.parametrize("predikat", list(PERSEN))
def test_a_full_year_of_every_jenjang_and_predikat(jenjang, predikat):
    k = konversi(RULES, predikat, jenjang, 12)
    assert k.angka_kredit == (PERSEN[predikat] / 100 * KOEF[jenjang]).quantize(Decimal("0.000001"))
    assert (k.persentase, k.koefisien, k.bulan) == (PERSEN[predikat] / 100, KOEF[jenjang], 12)


@pytest.mark.parametrize("jenjang", list(KOEF))
@pytest.mark.parametrize("predikat", list(PERSEN))
@pytest.mark.parametrize("bulan", [1, 5, 7, 11])
def test_part_of_a_year_is_months_over_twelve(jenjang, predikat, bulan):
    k = konversi(RULES, predikat, jenjang, bulan)
    assert k.ak12 == bulan * PERSEN[predikat] / 100 * KOEF[jenjang]
    assert abs(k.angka_kredit * 12 - k.ak12) <= Decimal("0.000006")


def test_the_seeds_worked_example_7_months_sangat_baik_koefisien_12_5():
    # BKN admin manual §2.15 (Gambar 2.64): 7 / 12 × 150 % × 12.5 = 10.938
    k = konversi(RULES, "SANGAT_BAIK", "AHLI_PERTAMA", 7)
    assert k.angka_kredit == Decimal("10.9375")
    assert tampil(k.angka_kredit) == "10.938"


def test_shown_with_three_decimals_rounding_half_up_not_half_even():
    assert tampil(Decimal("10.9375")) == "10.938"
    assert tampil(Decimal("0.0625")) == "0.063"  # banker's rounding would give 0.062
    assert tampil(Decimal("2.083333")) == "2.083"
    assert tampil(Decimal("-39.0625")) == "-39.063"


def test_twelve_monthly_twelfths_add_up_exactly():
    one = konversi(RULES, "BAIK", "AHLI_MUDA", 1)
    assert one.angka_kredit == Decimal("2.083333")
    assert dari_ak12(sum((one.ak12 for _ in range(12)), Decimal(0))) == Decimal(25)


def test_a_float_is_refused_on_the_path():
    from angka_kredit.domain.angka import desimal

    with pytest.raises(TypeError):
        desimal(12.5)
    with pytest.raises(TypeError):
        dari_ak12(131.25)


def test_rules_are_chosen_by_date():
    from dataclasses import replace

    lama = RULE_SETS[0]
    baru = replace(lama, kode="BARU", berlaku_mulai=date(2030, 1, 1))
    assert rules_for(date(2029, 12, 31), (lama, baru)).kode == lama.kode
    assert rules_for(date(2030, 1, 1), (lama, baru)).kode == "BARU"
    assert rules_for(date(2020, 1, 1), (lama, baru)).kode == lama.kode
