"""PredikatFinal (and periodic PredikatDitetapkan) -> AK rows through the real consumer path on
PostgreSQL: the seed's example, a mid-year jenjang change, order tolerance, recomputation."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D


def test_the_seeds_example_a_tmt_jabatan_in_june_sangat_baik_ahli_pertama(world):
    unor = world.unor()
    p = world.pegawai(tmt_jabatan=date(2025, 6, 1), unor_id=unor)
    world.predikat(p, "SANGAT_BAIK", tahun=2025, unor_id=unor)
    [row] = world.rows(p)
    assert (row["bulan"], row["persentase"], row["koefisien"], row["angka_kredit"]) == (
        7, D("1.5"), D("12.5"), D("10.9375"))
    assert (row["awal"], row["akhir"], row["status"], row["sumber"]) == (
        date(2025, 6, 1), date(2025, 12, 31), "DRAFT", "KONVERSI")
    assert (row["kebutuhan_pangkat"], row["kebutuhan_jenjang"]) == (50, 100)
    [event] = world.events(aggregate_id=row["id"])
    assert event.angka_kredit_tampil == "10.938" and event.bulan == 7
    assert event.jabatan.unor_nama == "Badan Kepegawaian Daerah"
    assert event.pangkat.selisih == D("-39.0625") and event.jenjang_jabatan.kebutuhan == 100
    assert event.pegawai.tanggal_lahir == date(1990, 1, 1) and event.pegawai.jenis_kelamin == "L"
    assert [a.angka_kredit_id for a in event.akumulasi] == [row["id"]]


def test_only_jabatan_fungsional_get_angka_kredit(world):
    p = world.pegawai(kategori="PELAKSANA", jenjang=None)
    world.predikat(p)
    assert world.rows(p) == []


def test_a_predikat_before_the_pegawai_is_converted_when_the_pegawai_arrives(world):
    p = world.id("peg")
    world.predikat(p, "BAIK", tahun=2025)
    assert world.rows(p) == []
    world.pegawai(p)
    [row] = world.rows(p)
    assert row["angka_kredit"] == D("12.5")


def test_a_mid_year_jenjang_change_splits_the_year_and_restarts_the_akumulasi(world):
    p = world.pegawai()
    world.predikat(p, "SANGAT_BAIK", tahun=2024)
    world.pegawai(p, jenjang="AHLI_MUDA", golongan="III/c", tmt_jabatan=date(2025, 7, 1),
                  tmt_golongan=date(2025, 7, 1))
    world.predikat(p, "BAIK", tahun=2025)
    a, b, c = world.rows(p)
    assert (a["tahun"], a["angka_kredit"], a["ak_baru"]) == (2024, D("18.75"), D("18.75"))
    assert (b["jenjang"], b["bulan"], b["angka_kredit"], b["ak_lama"], b["ak_baru"]) == (
        "AHLI_PERTAMA", 6, D("6.25"), D("18.75"), D(25))
    assert (c["jenjang"], c["bulan"], c["angka_kredit"], c["ak_lama"], c["ak_baru"]) == (
        "AHLI_MUDA", 6, D("12.5"), 0, D("12.5"))
    assert c["kebutuhan_jenjang"] == 200 and c["golongan"] == "III/c"


def test_an_older_revisi_arriving_late_changes_nothing(world):
    p = world.pegawai()
    pen = world.predikat(p, "SANGAT_BAIK", revisi=2)
    world.predikat(p, "BAIK", revisi=1, penilaian_id=pen)
    [row] = world.rows(p)
    assert row["predikat"] == "SANGAT_BAIK" and row["angka_kredit"] == D("18.75")


def test_a_new_revisi_follows_on_an_unsigned_row_and_is_kept_in_the_riwayat(world, client):
    p = world.pegawai()
    pen = world.predikat(p, "BAIK")
    [before] = world.rows(p)
    world.predikat(p, "SANGAT_BAIK", revisi=2, penilaian_id=pen)
    [after] = world.rows(p)
    assert after["id"] == before["id"] and after["angka_kredit"] == D("18.75")
    assert after["revisi"] == 2 and after["predikat_revisi"] == 2
    events = world.events(aggregate_id=after["id"])
    assert [e.revisi for e in events] == [1, 2]


def test_periodic_predikat_convert_their_months_when_the_instansi_turns_it_on(world):
    world.instansi(revisi=2, angka_kredit_periodik=True)
    p = world.pegawai()
    world.predikat(p, "SANGAT_BAIK", final=False, periode=(date(2025, 1, 1), date(2025, 3, 31)))
    [q1] = world.rows(p)
    assert (q1["bulan"], q1["jenis_predikat"], q1["angka_kredit"]) == (3, "PERIODIK",
                                                                      D("4.6875"))
    world.predikat(p, "BAIK")  # the annual predikat converts the rest of the year only
    q1, rest = world.rows(p)
    assert (rest["bulan"], rest["awal"], rest["jenis_predikat"]) == (9, date(2025, 4, 1), "FINAL")
    assert rest["ak_baru"] == D("4.6875") + D("9.375")


def test_without_periodic_ak_a_periodic_predikat_converts_nothing(world):
    p = world.pegawai()
    world.predikat(p, "SANGAT_BAIK", final=False, periode=(date(2025, 1, 1), date(2025, 3, 31)))
    assert world.rows(p) == []
