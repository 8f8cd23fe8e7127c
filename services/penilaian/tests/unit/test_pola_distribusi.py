"""Pola distribusi per SE MenPAN-RB 3/2023 (DOMAIN.md §4): for each capaian organisasi level,
each rule with a distribution that keeps it and one that breaks it (everybody rated), plus the
"can it still be met" reading while ratings are being filled in."""
from __future__ import annotations

import pytest

from penilaian.domain.aturan import POLA_SE_MENPANRB_3_2023 as POLA
from penilaian.domain.distribusi import periksa

SB, B, BP, K, SK = "SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"


def _broken(capaian, counts, total=None):
    total = sum(counts.values()) if total is None else total
    return [a.uraian for a in periksa(POLA[capaian], counts, total)]


# (capaian, rule text, passing distribution, failing distribution) — 10 pegawai each
KASUS = [
    ("ISTIMEWA", "Sebagian besar predikat Sangat Baik", {SB: 5, B: 4, BP: 1}, {SB: 3, B: 5, BP: 2}),
    ("ISTIMEWA", "Sangat Baik paling banyak 70%", {SB: 7, B: 3}, {SB: 8, B: 2}),
    ("BAIK", "Sebagian besar predikat Baik", {B: 6, SB: 3, BP: 1}, {B: 3, SB: 5, K: 2}),
    ("BAIK", "Baik paling banyak 70%", {B: 7, SB: 2, K: 1}, {B: 8, SB: 1, BP: 1}),
    ("BAIK", "Paling sedikit satu Butuh Perbaikan atau Kurang", {B: 6, SB: 3, K: 1}, {B: 7, SB: 3}),
    ("BUTUH_PERBAIKAN", "Butuh Perbaikan paling sedikit 60%", {BP: 6, B: 4}, {BP: 5, B: 5}),
    ("BUTUH_PERBAIKAN", "Sangat Baik paling banyak 10%", {BP: 6, SB: 1, B: 3}, {BP: 6, SB: 2, B: 2}),
    ("KURANG", "Kurang paling sedikit 60%", {K: 6, BP: 2, B: 2}, {K: 5, BP: 3, B: 2}),
    ("KURANG", "Butuh Perbaikan paling sedikit 10%", {K: 6, BP: 1, B: 3}, {K: 7, B: 3}),
    ("KURANG", "Sangat Baik paling banyak 10%", {K: 6, BP: 2, SB: 1, B: 1}, {K: 6, BP: 2, SB: 2}),
    ("SANGAT_KURANG", "Sangat Kurang paling sedikit 60%", {SK: 6, K: 4}, {SK: 5, K: 5}),
    ("SANGAT_KURANG", "Kurang atau Butuh Perbaikan paling sedikit 10%", {SK: 9, BP: 1},
     {SK: 9, B: 1}),
    ("SANGAT_KURANG", "Tidak ada Sangat Baik", {SK: 8, K: 2}, {SK: 7, K: 2, SB: 1}),
]


def test_every_rule_of_the_table_has_a_case():
    assert {(c, a.uraian) for c, rules in POLA.items() for a in rules} == {
        (c, r) for c, r, _ok, _bad in KASUS}


@pytest.mark.parametrize("capaian,aturan,ok,bad", KASUS, ids=[f"{c}:{r}" for c, r, *_ in KASUS])
def test_each_rule_passes_and_fails(capaian, aturan, ok, bad):
    assert aturan not in _broken(capaian, ok)
    assert aturan in _broken(capaian, bad)


@pytest.mark.parametrize("capaian,ok", [
    ("ISTIMEWA", {SB: 6, B: 4}), ("BAIK", {B: 6, SB: 2, BP: 1, K: 1}),
    ("BUTUH_PERBAIKAN", {BP: 7, B: 2, SB: 1}), ("KURANG", {K: 6, BP: 1, B: 3}),
    ("SANGAT_KURANG", {SK: 6, K: 2, BP: 2}),
])
def test_a_distribution_that_keeps_every_rule_of_its_level(capaian, ok):
    assert _broken(capaian, ok) == []


def test_while_filling_in_an_at_least_rule_waits_for_the_unrated():
    # BAIK: nobody Butuh Perbaikan/Kurang yet, but 2 of 10 are still unrated
    assert _broken("BAIK", {B: 6, SB: 2}, total=10) == []
    # Butuh Perbaikan needs 6 of 10: 2 rated otherwise, 8 left -> still possible
    assert _broken("BUTUH_PERBAIKAN", {B: 2}, total=10) == []
    # 5 rated Baik, 5 left: 60% Butuh Perbaikan is out of reach
    assert "Butuh Perbaikan paling sedikit 60%" in _broken("BUTUH_PERBAIKAN", {B: 5}, total=10)


def test_while_filling_in_an_at_most_rule_breaks_at_once():
    assert "Sangat Baik paling banyak 10%" in _broken("KURANG", {SB: 2}, total=10)


def test_allowed_ranges_for_a_unit():
    aturan = {a.uraian: a.batas(15) for a in POLA["KURANG"]}
    assert aturan["Kurang paling sedikit 60%"] == {"min": 9, "max": 15}
    assert aturan["Butuh Perbaikan paling sedikit 10%"] == {"min": 2, "max": 15}
    assert aturan["Sangat Baik paling banyak 10%"] == {"min": 0, "max": 1}
