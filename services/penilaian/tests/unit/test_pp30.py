"""PP 30/2019 numeric model on worked examples, each traced to DOMAIN.md §5 (Perka BKN 1/2013)."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from penilaian.domain import pp30
from penilaian.domain.pengaturan import Pengaturan
from penilaian.domain.pp30 import Kegiatan, ParameterPp30


def test_kuantitas_and_kualitas_are_realisasi_over_target():
    # §5: kuantitas = realisasi/target × 100; kualitas likewise
    assert pp30.capaian_rasio(D(8), D(10)) == D(80)
    assert pp30.capaian_rasio(D(90), D(100)) == D(90)


@pytest.mark.parametrize("realisasi,target,expected", [
    (D(12), D(12), D(76)),  # on target: efisiensi 0 <= 24 -> (1.76×12 − 12)/12 × 100 = 76
    (D(10), D(12), D("92.67")),  # efisiensi 16.67 <= 24 -> (21.12 − 10)/12 × 100 = 92.67
    (D(9), D(12), D(75)),  # efisiensi 25 > 24 -> 76 − ((21.12 − 9)/12 × 100 − 100) = 75
    (D(6), D(12), D(50)),  # efisiensi 50 -> 76 − (126 − 100) = 50
])
def test_waktu_by_efisiensi(realisasi, target, expected):
    assert pp30.bulat(pp30.capaian_efisiensi(realisasi, target)) == expected


def test_biaya_is_scored_like_waktu():
    k = Kegiatan(D(10), D(100), D(12), D(1000000), kuantitas=D(10), kualitas=D(100),
                 waktu=D(12), biaya=D(1000000))
    assert k.capaian()["biaya"] == k.capaian()["waktu"] == D(76)


def test_activity_score_is_the_mean_of_its_aspects():
    # kuantitas 100, kualitas 90, waktu 76 -> (100 + 90 + 76) / 3 = 88.67
    k = Kegiatan(D(10), D(100), D(12), kuantitas=D(10), kualitas=D(90), waktu=D(12))
    assert pp30.bulat(k.nilai()) == D("88.67")


def test_nilai_skp_is_the_mean_of_activities_plus_additions_capped_at_120():
    a = Kegiatan(D(10), D(100), D(12), kuantitas=D(10), kualitas=D(90), waktu=D(12))  # 88.67
    b = Kegiatan(D(4), D(100), D(12), kuantitas=D(4), kualitas=D(100), waktu=D(12))  # 92
    assert pp30.nilai_skp([a, b]) == D("90.33")  # (88.666.. + 92) / 2
    # +1 for 1-3 tugas tambahan, +2 for 4-6, +3 for 7+; kreativitas +3/+6/+12
    assert pp30.nilai_skp([a, b], jumlah_tugas_tambahan=2) == D("91.33")
    assert pp30.nilai_skp([a, b], jumlah_tugas_tambahan=5) == D("92.33")
    assert pp30.nilai_skp([a, b], jumlah_tugas_tambahan=7, tingkat_kreativitas=3) == D("105.33")
    big = Kegiatan(D(10), D(100), D(12), kuantitas=D(20), kualitas=D(150), waktu=D(3))
    assert pp30.nilai_skp([big], tingkat_kreativitas=3) == D(120)


def test_nilai_perilaku_is_the_mean_of_aspects():
    assert pp30.nilai_perilaku({"ORIENTASI_PELAYANAN": D(80), "KOMITMEN": D(85),
                                "INISIATIF_KERJA": D(75), "KERJA_SAMA": D(90)}) == D("82.50")


def test_nilai_kinerja_70_30_and_60_40():
    assert pp30.nilai_kinerja(D("90.33"), D("82.50")) == D("87.98")  # 63.231 + 24.75
    p360 = Pengaturan.dari({"pp30_penilaian_360": True}).parameter_pp30(ParameterPp30())
    assert pp30.nilai_kinerja(D("90.33"), D("82.50"), p360) == D("87.20")  # 54.198 + 33


@pytest.mark.parametrize("nilai,inovasi,predikat", [
    (D(110), True, "SANGAT_BAIK"), (D(110), False, "BAIK"), (D("109.99"), True, "BAIK"),
    (D(90), False, "BAIK"), (D("89.99"), False, "BUTUH_PERBAIKAN"), (D(70), False, "BUTUH_PERBAIKAN"),
    (D("69.99"), False, "KURANG"), (D(50), False, "KURANG"), (D("49.99"), False, "SANGAT_KURANG"),
])
def test_predikat_bands(nilai, inovasi, predikat):
    assert pp30.predikat(nilai, ada_inovasi=inovasi) == predikat


def test_bands_are_configurable():
    p = Pengaturan.dari({"pp30_band": {"SANGAT_BAIK": 100, "BAIK": 80, "BUTUH_PERBAIKAN": 60,
                                      "KURANG": 40, "SANGAT_KURANG": 0}}).parameter_pp30(
        ParameterPp30())
    assert pp30.predikat(D(85), ada_inovasi=False, p=p) == "BAIK"


def test_whole_worked_example():
    a = Kegiatan(D(10), D(100), D(12), kuantitas=D(10), kualitas=D(90), waktu=D(12))
    hasil = pp30.hitung([a], {"ORIENTASI_PELAYANAN": D(80), "KOMITMEN": D(90)},
                        jumlah_tugas_tambahan=0, tingkat_kreativitas=0, p=ParameterPp30())
    assert (hasil.nilai_skp, hasil.nilai_perilaku) == (D("88.67"), D("85.00"))
    assert hasil.nilai_kinerja == D("87.57")  # 62.069 + 25.5
    assert hasil.predikat == "BUTUH_PERBAIKAN"
