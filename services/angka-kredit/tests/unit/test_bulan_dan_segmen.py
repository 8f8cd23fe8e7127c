"""Months assessed and the split of a year (DOMAIN.md §7: months start at TMT jabatan when that
is later than the period start; a mutasi or a new jenjang mid-year splits the year)."""
from __future__ import annotations

from datetime import date

from angka_kredit.domain.riwayat_jabatan import RevisiPegawai, RiwayatJabatan
from angka_kredit.domain.segmen import FINAL, PERIODIK, SumberPredikat, susun

JF = "FUNGSIONAL"


def riwayat(*revisi):
    return RiwayatJabatan.dari([RevisiPegawai(revisi=i + 1, **r) for i, r in enumerate(revisi)])


def ahli_pertama(tmt=date(2020, 1, 1), golongan="III/a", tmt_gol=date(2020, 1, 1)):
    return dict(kategori_jabatan=JF, jenjang="AHLI_PERTAMA", tmt_jabatan=tmt, golongan=golongan,
                tmt_golongan=tmt_gol)


def tahunan(pid="n1", awal=date(2024, 1, 1), akhir=date(2024, 12, 31), predikat="BAIK"):
    return SumberPredikat(pid, FINAL, awal, akhir, predikat)


def test_a_whole_year_is_twelve_months():
    [s] = susun([tahunan()], riwayat(ahli_pertama()), 15)
    assert (s.awal, s.akhir, s.bulan, s.jenjang) == (date(2024, 1, 1), date(2024, 12, 31), 12,
                                                      "AHLI_PERTAMA")


def test_months_start_at_a_tmt_jabatan_later_than_the_period_start():
    # the seed: TMT jabatan 1 June -> 7 months (June to December)
    [s] = susun([tahunan()], riwayat(ahli_pertama(tmt=date(2024, 6, 1))), 15)
    assert (s.awal, s.bulan) == (date(2024, 6, 1), 7)


def test_a_month_counts_when_the_range_holds_its_reference_day():
    r = riwayat(ahli_pertama(tmt=date(2024, 6, 20)))
    assert susun([tahunan()], r, 15)[0].bulan == 6  # 20 June: June not counted
    assert susun([tahunan()], r, 28)[0].bulan == 7  # an instansi counting from the 28th
    # an SKP from 4 January still counts January (BKN's "4 Januari 2023 - 31 Desember 2023")
    [s] = susun([tahunan(awal=date(2023, 1, 4), akhir=date(2023, 12, 31))],
                riwayat(ahli_pertama()), 15)
    assert (s.awal, s.bulan) == (date(2023, 1, 4), 12)


def test_a_mutasi_mid_month_counts_every_month_once_across_the_two_skp():
    sumber = [tahunan("n1", date(2024, 1, 1), date(2024, 6, 14)),
              tahunan("n2", date(2024, 6, 15), date(2024, 12, 31), "SANGAT_BAIK")]
    a, b = susun(sumber, riwayat(ahli_pertama()), 15)
    assert (a.penilaian_id, a.bulan, a.akhir) == ("n1", 5, date(2024, 5, 31))
    assert (b.penilaian_id, b.bulan, b.awal) == ("n2", 7, date(2024, 6, 15))


def test_a_new_jenjang_mid_year_splits_the_year_and_starts_a_new_masa_jenjang():
    r = riwayat(ahli_pertama(), dict(ahli_pertama(), jenjang="AHLI_MUDA",
                                     tmt_jabatan=date(2024, 7, 1), golongan="III/c",
                                     tmt_golongan=date(2024, 7, 1)))
    a, b = susun([tahunan()], r, 15)
    assert (a.jenjang, a.bulan, a.akhir, a.golongan) == ("AHLI_PERTAMA", 6, date(2024, 6, 30),
                                                         "III/a")
    assert (b.jenjang, b.bulan, b.awal, b.jenjang_mulai) == ("AHLI_MUDA", 6, date(2024, 7, 1),
                                                             date(2024, 7, 1))


def test_a_new_golongan_mid_year_splits_the_year_within_one_masa_jenjang():
    r = riwayat(ahli_pertama(), dict(ahli_pertama(), golongan="III/b",
                                     tmt_golongan=date(2024, 4, 1)))
    a, b = susun([tahunan()], r, 15)
    assert (a.bulan, b.bulan, a.jenjang_mulai, b.jenjang_mulai) == (3, 9, date(2020, 1, 1),
                                                                    date(2020, 1, 1))
    assert (a.golongan, b.golongan, b.golongan_mulai) == ("III/a", "III/b", date(2024, 4, 1))


def test_months_outside_a_jabatan_fungsional_get_nothing():
    r = riwayat(dict(kategori_jabatan="PELAKSANA", tmt_jabatan=date(2015, 1, 1)),
                ahli_pertama(tmt=date(2024, 10, 1)))
    [s] = susun([tahunan()], r, 15)
    assert (s.awal, s.bulan) == (date(2024, 10, 1), 3)
    assert susun([tahunan()], riwayat(dict(kategori_jabatan="PELAKSANA")), 15) == []


def test_a_corrected_snapshot_replaces_what_it_corrects():
    # revisi 2 put the pegawai in AHLI_MUDA from July by mistake; revisi 3 corrects the TMT
    # back to the old date with the old jenjang: no split any more
    r = riwayat(ahli_pertama(), dict(ahli_pertama(), jenjang="AHLI_MUDA",
                                     tmt_jabatan=date(2024, 7, 1)), ahli_pertama())
    [s] = susun([tahunan()], r, 15)
    assert (s.jenjang, s.bulan) == ("AHLI_PERTAMA", 12)


def test_with_periodic_ak_the_months_own_predikat_wins_over_the_annual_one():
    sumber = [tahunan("final"),
              SumberPredikat("jan", PERIODIK, date(2024, 1, 1), date(2024, 1, 31), "SANGAT_BAIK"),
              SumberPredikat("feb", PERIODIK, date(2024, 2, 1), date(2024, 2, 29), "BAIK")]
    segs = susun(sumber, riwayat(ahli_pertama()), 15)
    assert [(s.penilaian_id, s.bulan) for s in segs] == [("jan", 1), ("feb", 1), ("final", 10)]
    assert segs[2].awal == date(2024, 3, 1)
