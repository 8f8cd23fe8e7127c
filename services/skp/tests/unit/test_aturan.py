"""Domain rules of the SKP, without a database."""
from __future__ import annotations

from datetime import date

import pytest

from skp.domain import aturan
from skp.domain.errors import Ditolak, TidakSah
from skp.domain.perilaku import ASPEK_PERILAKU


@pytest.mark.parametrize("aksi,asal,tujuan", [
    ("ajukan", "DRAFT", "DIAJUKAN"), ("ajukan", "DIKEMBALIKAN", "DIAJUKAN"),
    ("kembalikan", "DIAJUKAN", "DIKEMBALIKAN"), ("setujui", "DIAJUKAN", "DISETUJUI"),
    ("batalkan", "DISETUJUI", "DRAFT"), ("batalkan", "DIAJUKAN", "DRAFT")])
def test_the_workflow_moves_as_domain_md_says(aksi, asal, tujuan):
    assert aturan.langkah(aksi, asal) == tujuan


@pytest.mark.parametrize("aksi,asal", [("ajukan", "DIAJUKAN"), ("ajukan", "DISETUJUI"),
                                       ("setujui", "DRAFT"), ("kembalikan", "DISETUJUI"),
                                       ("batalkan", "DRAFT")])
def test_an_action_the_status_does_not_allow_is_a_conflict(aksi, asal):
    with pytest.raises(Ditolak):
        aturan.langkah(aksi, asal)


def test_the_owner_edits_drafts_and_the_penilai_edits_while_submitted():
    aturan.boleh_ubah({"pemilik"}, "DRAFT")
    aturan.boleh_ubah({"pemilik"}, "DIKEMBALIKAN")
    aturan.boleh_ubah({"penilai"}, "DIAJUKAN")
    for peran, status in [({"pemilik"}, "DIAJUKAN"), ({"penilai"}, "DRAFT"),
                          ({"pemilik", "penilai"}, "DISETUJUI")]:
        with pytest.raises(Ditolak):
            aturan.boleh_ubah(peran, status)


def test_a_period_ends_after_it_starts_within_one_year():
    aturan.periksa_periode(date(2026, 1, 1), date(2026, 1, 1))
    with pytest.raises(TidakSah) as exc:
        aturan.periksa_periode(date(2026, 5, 1), date(2026, 4, 30))
    assert "periode_akhir" in exc.value.errors
    with pytest.raises(TidakSah):
        aturan.periksa_periode(date(2026, 5, 1), date(2027, 4, 30))


def test_jpt_for_jpt_and_heads_of_mandiri_units_jf_ja_for_the_rest():
    assert aturan.jenis_skp("JPT", memimpin_unor_mandiri=False) == "JPT"
    assert aturan.jenis_skp("ADMINISTRATOR", memimpin_unor_mandiri=True) == "JPT"
    assert aturan.jenis_skp("FUNGSIONAL", memimpin_unor_mandiri=False) == "JF_JA"


def test_kuantitatif_indikator_targets_are_numbers_and_ranges_ordered():
    ok = aturan.periksa_indikator({"uraian": "x", "aspek": "KUANTITAS", "target": "12,5",
                                   "target_maks": 20, "satuan": "dok"}, jenis="JF_JA",
                                  pendekatan="KUANTITATIF")
    assert (ok["target"], ok["target_maks"]) == ("12.5", "20")
    with pytest.raises(TidakSah) as exc:
        aturan.periksa_indikator({"uraian": "x", "aspek": "KUANTITAS", "target": 5,
                                  "target_maks": 4, "satuan": "dok"}, jenis="JF_JA",
                                 pendekatan="KUANTITATIF")
    assert list(exc.value.errors) == ["target_maks"]


def test_kualitatif_indikator_may_be_narrative_and_jpt_needs_no_aspek():
    out = aturan.periksa_indikator({"uraian": "x", "target": "terlaksana dengan baik"},
                                   jenis="JF_JA", pendekatan="KUALITATIF")
    assert out["target"] == "terlaksana dengan baik"
    aturan.periksa_indikator({"uraian": "x", "target": 1, "satuan": "dok",
                              "perspektif": "ANGGARAN"}, jenis="JPT", pendekatan="KUANTITATIF")


def test_pp30_kegiatan_targets():
    out = aturan.periksa_kegiatan_pp30({"target_kuantitas": "12", "satuan": "laporan",
                                        "target_kualitas": 100, "target_waktu": 12})
    assert out["target_waktu"] == "12"
    with pytest.raises(TidakSah) as exc:
        aturan.periksa_kegiatan_pp30({"target_kuantitas": -1, "satuan": "laporan",
                                      "target_kualitas": 101, "target_waktu": 0})
    assert set(exc.value.errors) == {"target_kuantitas", "target_kualitas", "target_waktu"}


def test_matriks_rows_are_distinct_bawahan_with_one_cell_per_kolom():
    aturan.periksa_matriks(["a", "b"], [{"pegawai_id": "p1", "peran": ["x", None]}], {"p1"})
    with pytest.raises(TidakSah) as exc:
        aturan.periksa_matriks(["a"], [{"pegawai_id": "p1", "peran": ["x"]},
                                       {"pegawai_id": "p1", "peran": ["x", "y"]},
                                       {"pegawai_id": "p9", "peran": [None]}], {"p1"})
    assert set(exc.value.errors) == {"baris.1.pegawai_id", "baris.1.peran", "baris.2.pegawai_id"}


def test_the_seven_berakhlak_aspects_each_with_three_indicators():
    assert list(ASPEK_PERILAKU) == ["BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS",
                                    "LOYAL", "ADAPTIF", "KOLABORATIF"]
    assert all(len(v) == 3 for v in ASPEK_PERILAKU.values())
    assert ASPEK_PERILAKU["AKUNTABEL"][2] == "Tidak menyalahgunakan kewenangan jabatan"
