"""How the pages write dates, numbers and the enumerations, in Indonesian."""
from __future__ import annotations

from datetime import date, datetime, timezone

from kinerja_web import format as fmt
from kinerja_web.grafik import distribusi


def test_dates_are_written_as_indonesians_write_them():
    assert fmt.tanggal("2026-03-05") == "5 Maret 2026"
    assert fmt.tanggal(date(2026, 12, 31)) == "31 Desember 2026"
    assert fmt.tanggal(None) == "—"
    assert fmt.tanggal("bukan tanggal") == "bukan tanggal"


def test_instants_are_shown_in_wib_naive_ones_being_utc():
    assert fmt.waktu("2026-03-05T07:05:00+00:00") == "5 Maret 2026 pukul 14.05 WIB"
    assert fmt.waktu("2026-03-05T20:30:00") == "6 Maret 2026 pukul 03.30 WIB"  # SQLite's naive UTC
    assert fmt.tanggal(datetime(2026, 3, 5, 20, 0, tzinfo=timezone.utc)) == "6 Maret 2026"


def test_numbers_use_the_indonesian_separators():
    assert fmt.angka(65000) == "65.000"
    assert fmt.angka("12.5") == "12,5"
    assert fmt.angka(None) == "—"


def test_enumerations_have_the_manuals_words():
    assert fmt.label("DIAJUKAN") == "Menunggu persetujuan atasan"
    assert fmt.label("DI_ATAS_EKSPEKTASI") == "Di Atas Ekspektasi"
    assert fmt.label("BUTUH_PERBAIKAN") == "Butuh Perbaikan"
    assert fmt.label("SESUATU_BARU") == "Sesuatu Baru"
    assert fmt.pilihan(["BAIK"]) == [("BAIK", "Baik")]
    assert fmt.opsi([{"id": "1", "nama": "Bidang"}]) == [("1", "Bidang")]


def test_the_distribution_chart_scales_bars_and_judges_each_rule():
    g = distribusi({"SANGAT_BAIK": 2, "BAIK": 6},
                   [{"jenis": "PALING_BANYAK", "predikat": ["SANGAT_BAIK"], "min": 0, "max": 1,
                     "uraian": "Sangat Baik paling banyak 10%"}])
    bars = {b["predikat"]: b for b in g["batang"]}
    assert bars["BAIK"]["h"] > bars["SANGAT_BAIK"]["h"] > bars["KURANG"]["h"] == 0
    assert bars["BAIK"]["y"] + bars["BAIK"]["h"] == g["dasar"]
    [rule] = g["aturan"]
    assert rule["aktual"] == 2 and rule["ok"] is False
    assert rule["predikat_label"] == "Sangat Baik"
