"""The PAK workflow, the numbering formats (BKN admin manual §2.15) and the pengaturan."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from angka_kredit.domain.aturan import rules_for
from angka_kredit.domain.errors import Ditolak, TidakSah
from angka_kredit.domain.nomor import KodeNomor, periksa_format, periksa_nomor_manual, susun
from angka_kredit.domain.pak import ALUR, DIAJUKAN, DISETUJUI, DITANDATANGANI, DRAFT, langkah
from angka_kredit.domain.pengaturan import Pengaturan, periksa

RULES = rules_for(date(2024, 1, 1))


@pytest.mark.parametrize("aksi,dari,ke", [
    ("ajukan", DRAFT, DIAJUKAN), ("setujui", DIAJUKAN, DISETUJUI),
    ("tandatangani", DISETUJUI, DITANDATANGANI), ("kembalikan", DISETUJUI, DRAFT),
    ("kembalikan", DIAJUKAN, DRAFT)])
def test_the_workflow_moves(aksi, dari, ke):
    assert langkah(aksi, dari) == ke


def test_every_other_step_is_refused_and_a_signed_or_superseded_pak_never_moves():
    for aksi, (asal, _) in ALUR.items():
        for status in {DRAFT, DIAJUKAN, DISETUJUI, DITANDATANGANI, "DIBATALKAN"} - asal:
            with pytest.raises(Ditolak):
                langkah(aksi, status)
    with pytest.raises(Ditolak, match="digantikan"):
        langkah("ajukan", DRAFT, aktif=False)


def test_the_default_format_makes_the_manuals_number():
    assert susun("{urut}/PAK/{kode_unor}/{tahun}", 17, date(2026, 3, 2),
                 KodeNomor(kode_unor="BKD")) == "17/PAK/BKD/2026"
    assert susun("800/{urut:4}/{kode_instansi}/{bulan_romawi}/{tahun}", 7, date(2026, 11, 2),
                 KodeNomor(kode_instansi="PEMKOT")) == "800/0007/PEMKOT/XI/2026"
    assert susun("{urut}/{kode_unor}", 1, date(2026, 1, 1), KodeNomor()) == "1/-"


@pytest.mark.parametrize("fmt,pesan", [
    ("PAK/{tahun}", "tepat satu kali"), ("{urut}/{urut}", "tepat satu kali"),
    ("{urut}/{nip}", "tidak dikenal"), ("{urut}/{tahun:4}", "hanya untuk {urut}"),
    ("{urut}/{", "Kurung kurawal"), ("", "wajib"), ("{urut}" + "x" * 100, "paling panjang"),
    ("{urut:0}", "1-10")])
def test_a_bad_format_is_refused_on_its_field(fmt, pesan):
    with pytest.raises(TidakSah) as e:
        periksa_format(fmt)
    assert pesan in e.value.errors["format_nomor"][0]


def test_a_manual_number_is_required_and_at_most_50_characters():
    assert periksa_nomor_manual(" 800/12/PAK/2026 ") == "800/12/PAK/2026"
    for bad in (None, "  ", "x" * 51, "a\x00b"):
        with pytest.raises(TidakSah):
            periksa_nomor_manual(bad)


def test_pengaturan_accepts_only_the_unsettled_figures():
    p = periksa({"penomoran": "OTOMATIS", "kebutuhan_pangkat": {"II/b": Decimal(25)},
                 "nilai_dasar": {"MAHIR": Decimal(100)}}, RULES)
    assert p.penomoran == "OTOMATIS" and p.kebutuhan_pangkat == {"II/b": 25}
    assert Pengaturan.dari(p.ke_json()) == p
    with pytest.raises(TidakSah) as e:
        periksa({"kebutuhan_pangkat": {"IV/a": Decimal(10), "II/a": Decimal(-1)},
                 "kebutuhan_jenjang": {"AHLI_MUDA": Decimal(1)}, "hari_acuan_bulan": 31,
                 "format_nomor": "x"}, RULES)
    assert set(e.value.errors) == {"kebutuhan_pangkat.IV/a", "kebutuhan_pangkat.II/a",
                                   "kebutuhan_jenjang.AHLI_MUDA", "hari_acuan_bulan",
                                   "format_nomor"}
    assert "ditetapkan peraturan" in e.value.errors["kebutuhan_pangkat.IV/a"][0]
