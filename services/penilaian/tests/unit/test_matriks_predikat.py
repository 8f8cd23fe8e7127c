"""The predikat matrix of DOMAIN.md §4 (PermenPAN-RB 6/2022), every one of its nine cells."""
from __future__ import annotations

from datetime import date

import pytest

from penilaian.domain.aturan import RULE_SETS, rules_for
from penilaian.domain.predikat import RatingTidakDikenal, predikat_dari_matriks

# rows hasil kerja, columns perilaku: exactly the table in DOMAIN.md §4
TABEL = """
DI_ATAS_EKSPEKTASI  | KURANG        | BAIK            | SANGAT_BAIK
SESUAI_EKSPEKTASI   | KURANG        | BAIK            | BAIK
DI_BAWAH_EKSPEKTASI | SANGAT_KURANG | BUTUH_PERBAIKAN | BUTUH_PERBAIKAN
"""
KOLOM = ["DI_BAWAH_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"]
SEL = [
    (baris[0], kolom, baris[i + 1])
    for baris in (
        [c.strip() for c in line.split("|")] for line in TABEL.strip().splitlines())
    for i, kolom in enumerate(KOLOM)
]


def test_the_table_has_nine_cells():
    assert len(SEL) == 9 and len(RULE_SETS[0].matriks) == 9


@pytest.mark.parametrize("hasil_kerja,perilaku,predikat", SEL)
def test_every_cell_of_the_matrix(hasil_kerja, perilaku, predikat):
    rules = rules_for(date(2024, 12, 31))
    assert predikat_dari_matriks(rules.matriks, hasil_kerja, perilaku) == predikat


def test_an_unknown_rating_is_refused():
    with pytest.raises(RatingTidakDikenal):
        predikat_dari_matriks(rules_for(date(2024, 1, 1)).matriks, "LUAR_BIASA", "SESUAI_EKSPEKTASI")


def test_rules_are_chosen_by_date():
    from dataclasses import replace

    lama = RULE_SETS[0]
    baru = replace(lama, kode="BARU", berlaku_mulai=date(2030, 1, 1),
                   matriks={**lama.matriks, ("SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"): "SANGAT_BAIK"})
    sets = (lama, baru)
    assert rules_for(date(2029, 12, 31), sets).kode == lama.kode
    assert rules_for(date(2030, 6, 30), sets).kode == "BARU"
    assert rules_for(date(2020, 1, 1), sets).kode == lama.kode
