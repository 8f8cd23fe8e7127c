"""Akumulasi within a jenjang, kebutuhan and selisih for pangkat and jenjang, the flags and the
conclusion (DOMAIN.md §7; Peraturan BKN 3/2023), and integrasi for each nilai dasar."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from angka_kredit.domain.akumulasi import INTEGRASI, KONVERSI, Butir, hitung
from angka_kredit.domain.aturan import rules_for
from angka_kredit.domain.errors import TidakSah
from angka_kredit.domain.konversi import integrasi, konversi
from angka_kredit.domain.pengaturan import Pengaturan

RULES = rules_for(date(2024, 12, 31))
AWAL = date(2020, 1, 1)


def butir(id, tanggal, ak12, jenjang="AHLI_PERTAMA", golongan="III/a", mulai=AWAL,
          gol_mulai=AWAL, sumber=KONVERSI):
    return Butir(id, sumber, tanggal, jenjang, mulai, golongan, gol_mulai, Decimal(ak12))


def test_the_seed_example_against_its_kebutuhan():
    # BKN manual §2.15: 10.9375 gathered; kebutuhan pangkat 50, kebutuhan jabatan 100
    k = konversi(RULES, "SANGAT_BAIK", "AHLI_PERTAMA", 7)
    h = hitung([butir("a", date(2024, 6, 1), k.ak12)], RULES, Pengaturan())["a"]
    assert (h.ak_lama, h.ak_baru) == (Decimal(0), Decimal("10.9375"))
    assert (h.pangkat.kebutuhan, h.pangkat.selisih, h.pangkat.cukup) == (
        Decimal(50), Decimal("-39.0625"), False)
    assert (h.jenjang.kebutuhan, h.jenjang.selisih, h.jenjang.berikutnya) == (
        Decimal(100), Decimal("-89.0625"), "AHLI_MUDA")
    assert h.kesimpulan.startswith("Tidak dapat dipertimbangkan")
    assert "39.063 untuk kenaikan pangkat" in h.kesimpulan


def test_ak_accumulates_within_a_jenjang_and_starts_again_after_a_new_one():
    mulai_muda = date(2025, 1, 1)
    rows = [butir("i", date(2023, 1, 1), 12 * 30, sumber=INTEGRASI),
            butir("k23", date(2023, 1, 1), 12 * Decimal("18.75")),
            butir("k24", date(2024, 1, 1), 12 * Decimal("18.75")),
            butir("k25", date(2025, 1, 1), 12 * 25, jenjang="AHLI_MUDA", golongan="III/c",
                  mulai=mulai_muda, gol_mulai=mulai_muda)]
    h = hitung(rows, RULES, Pengaturan())
    assert [h[x].ak_baru for x in ("i", "k23", "k24")] == [30, Decimal("48.75"), Decimal("67.5")]
    assert h["k24"].pangkat.cukup and not h["k24"].jenjang.cukup
    assert h["k24"].pangkat.selisih == Decimal("17.5")
    assert (h["k25"].ak_lama, h["k25"].ak_baru) == (0, 25)
    assert h["k24"].dihitung == ["i", "k23", "k24"] and h["k25"].dihitung == ["k25"]
    penetapan = {u: (lama, baru, jumlah) for u, _, lama, baru, jumlah in h["k24"].penetapan}
    assert penetapan == {"AK_INTEGRASI": (30, 0, 30), "AK_KONVERSI": (Decimal("18.75"),
                                                                       Decimal("18.75"), 
                                                                       Decimal("37.5"))}


def test_a_new_golongan_restarts_the_pangkat_count_but_not_the_jenjang_count():
    gol_b = date(2024, 4, 1)
    rows = [butir("a", date(2023, 1, 1), 12 * 60),
            butir("b", gol_b, 12 * 20, golongan="III/b", gol_mulai=gol_b)]
    h = hitung(rows, RULES, Pengaturan())["b"]
    assert (h.pangkat.akumulasi, h.jenjang.akumulasi) == (20, 80)


def test_at_the_top_golongan_of_a_jenjang_the_next_pangkat_needs_the_next_jenjang():
    # Ahli Pertama III/b: III/c belongs to Ahli Muda
    rows = [butir("a", date(2024, 1, 1), 12 * 60, golongan="III/b")]
    h = hitung(rows, RULES, Pengaturan())["a"]
    assert h.pangkat.selisih == 10 and not h.pangkat.cukup and not h.jenjang.cukup
    assert "memerlukan kenaikan jenjang" in h.kesimpulan
    rows = [butir("a", date(2024, 1, 1), 12 * 100, golongan="III/b")]
    h = hitung(rows, RULES, Pengaturan())["a"]
    assert h.pangkat.cukup and h.jenjang.cukup
    assert h.kesimpulan == ("Dapat dipertimbangkan untuk kenaikan jenjang jabatan setingkat "
                            "lebih tinggi menjadi Ahli Muda dan kenaikan pangkat setingkat lebih "
                            "tinggi menjadi Penata, golongan ruang III/c.")


def test_enough_is_decided_exactly_on_twelfths():
    one = konversi(RULES, "BAIK", "AHLI_MUDA", 1)  # 2.083333… each
    rows = [butir(f"m{i}", date(2024, i, 1), one.ak12, jenjang="AHLI_MUDA", golongan="III/c")
            for i in range(1, 13)]
    rows += [butir(f"n{i}", date(2025 + i // 12, i % 12 + 1, 1), one.ak12, jenjang="AHLI_MUDA",
                   golongan="III/c") for i in range(36)]
    h = hitung(rows, RULES, Pengaturan())
    last = h["n35"]
    assert last.ak_baru == 100 and last.pangkat.selisih == 0 and last.pangkat.cukup


def test_the_top_has_no_kebutuhan():
    h = hitung([butir("a", date(2024, 1, 1), 600, jenjang="AHLI_UTAMA", golongan="IV/e")],
               RULES, Pengaturan())["a"]
    assert h.pangkat.kebutuhan is None and h.jenjang.kebutuhan is None
    assert not h.pangkat.cukup and "tertinggi" in h.kesimpulan


KEBUTUHAN = """
KEAHLIAN      III/a 50 | III/b 50 | III/c 100 | III/d 100 | IV/a 150 | IV/b 150 | IV/c 150 | IV/d 200
KETERAMPILAN  II/a 15 | II/b 20 | II/c 20 | II/d 20 | III/a 50 | III/b 50 | III/c 100
"""


def test_kebutuhan_pangkat_is_the_regulations_table():
    for line in KEBUTUHAN.strip().splitlines():
        kat, rest = line.split(None, 1)
        expected = {g: Decimal(v) for g, v in (c.split() for c in rest.split("|"))}
        assert RULES.kebutuhan_pangkat[kat] == expected
    assert RULES.kebutuhan_jenjang == {"AHLI_PERTAMA": 100, "AHLI_MUDA": 200, "AHLI_MADYA": 450,
                                       "PEMULA": 15, "TERAMPIL": 60, "MAHIR": 100}


def test_unsettled_keterampilan_figures_follow_the_instansi_pengaturan():
    p = Pengaturan(kebutuhan_pangkat={"II/b": Decimal(25)}, kebutuhan_jenjang={"TERAMPIL": Decimal(70)})
    rows = [butir("a", date(2024, 1, 1), 12 * 22, jenjang="TERAMPIL", golongan="II/b")]
    bawaan = hitung(rows, RULES, Pengaturan())["a"]
    diatur = hitung(rows, RULES, p)["a"]
    assert (bawaan.pangkat.kebutuhan, bawaan.jenjang.kebutuhan) == (20, 60)
    assert (diatur.pangkat.kebutuhan, diatur.jenjang.kebutuhan) == (25, 70)
    assert bawaan.pangkat.cukup and not diatur.pangkat.cukup


@pytest.mark.parametrize("jenjang,dasar", [("AHLI_PERTAMA", 100), ("AHLI_MUDA", 200),
                                           ("AHLI_MADYA", 400), ("AHLI_UTAMA", 850)])
def test_integrasi_is_ak_lama_minus_the_nilai_dasar_of_the_jenjang(jenjang, dasar):
    h = integrasi(RULES, Pengaturan(), jenjang, Decimal(dasar) + Decimal("37.125"))
    assert (h.nilai_dasar, h.angka_kredit) == (dasar, Decimal("37.125"))


def test_integrasi_refuses_what_it_cannot_compute():
    with pytest.raises(TidakSah) as e:
        integrasi(RULES, Pengaturan(), "AHLI_MUDA", Decimal(150))
    assert "ak_lama" in e.value.errors
    with pytest.raises(TidakSah) as e:
        integrasi(RULES, Pengaturan(), "TERAMPIL", Decimal(150))
    assert "belum diatur" in e.value.errors["pegawai_id"][0]
    assert integrasi(RULES, Pengaturan(nilai_dasar={"TERAMPIL": Decimal(40)}), "TERAMPIL",
                     Decimal(50)).angka_kredit == 10
    with pytest.raises(TidakSah):
        integrasi(RULES, Pengaturan(), None, Decimal(150))
    with pytest.raises(TidakSah):
        integrasi(RULES, Pengaturan(), "AHLI_MUDA", Decimal("250.0001"))
