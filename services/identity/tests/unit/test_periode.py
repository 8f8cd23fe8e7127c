from datetime import date

import pytest

from identity.domain.periode import (
    Periode,
    PeriodeTidakValid,
    ada_final_lain,
    generate,
    periksa_tahun,
)


def test_a_batas_pengisian_earlier_than_the_end_lies_in_the_next_year():
    desember = Periode(2025, "Desember", "12-01", "12-31", "01-05")
    assert desember.tanggal_batas == date(2026, 1, 5)
    januari = Periode(2025, "Januari", "01-01", "01-31", "02-05")
    assert januari.tanggal_batas == date(2025, 2, 5)


def test_an_end_before_the_start_is_refused():
    with pytest.raises(PeriodeTidakValid) as err:
        Periode(2025, "x", "03-01", "02-01", "03-05").periksa()
    assert err.value.field == "akhir"


@pytest.mark.parametrize("mmdd", ["13-01", "02-30", "2-1", "0101", "aa-bb"])
def test_invalid_month_day_is_refused(mmdd):
    with pytest.raises(PeriodeTidakValid):
        Periode(2025, "x", mmdd, "12-31", "01-31").periksa()


def test_non_final_periods_of_a_year_never_overlap():
    januari = Periode(2025, "Januari", "01-01", "01-31", "02-05", id="a")
    with pytest.raises(PeriodeTidakValid) as err:
        periksa_tahun(Periode(2025, "Q1", "01-15", "03-31", "04-05"), [januari])
    assert err.value.field == "awal"
    periksa_tahun(Periode(2025, "Februari", "02-01", "02-28", "03-05"), [januari])
    periksa_tahun(Periode(2026, "Januari", "01-01", "01-31", "02-05"), [januari])


def test_the_final_period_may_overlap_the_others_but_there_is_only_one_per_year():
    periods = generate(2025, "BULANAN")
    final = Periode(2025, "Final lagi", "01-01", "12-31", "01-31", final=True)
    periksa_tahun(final, periods)
    assert ada_final_lain(final, periods)
    assert not ada_final_lain(final, [p for p in periods if not p.final])


def test_an_edited_period_does_not_overlap_itself():
    januari = Periode(2025, "Januari", "01-01", "01-31", "02-05", id="a")
    periksa_tahun(Periode(2025, "Januari", "01-01", "01-30", "02-05", id="a"), [januari])


@pytest.mark.parametrize("skema,count", [("BULANAN", 13), ("TRIWULAN", 5), ("TAHUNAN", 1)])
def test_generate_makes_12_plus_1_4_plus_1_or_1_periods(skema, count):
    periods = generate(2024, skema)
    assert len(periods) == count
    assert sum(p.final for p in periods) == 1
    for p in periods:
        periksa_tahun(p, [q for q in periods if q is not p])


def test_generated_monthly_periods_follow_the_manual():
    periods = generate(2024, "BULANAN")
    assert (periods[0].awal, periods[0].akhir, periods[0].batas_pengisian) == ("01-01", "01-31", "02-05")
    assert periods[1].akhir == "02-29"  # leap year
    assert periods[11].tanggal_batas == date(2025, 1, 5)
    assert periods[12].final and periods[12].tanggal_batas == date(2025, 1, 31)
