"""Cells of an import file read into values, with the importing admin's messages."""
from datetime import date

import pytest

from identity.adapters.tabular import (EMAIL, TANGGAL, YA_TIDAK, BarisTidakValid, Kolom,
                                       nilai_baris)
from identity.domain.nip import periksa_nip

KOLOM = (Kolom("nip", wajib=True, periksa=periksa_nip), Kolom("nama", wajib=True, panjang=5),
         Kolom("tmt", jenis=TANGGAL), Kolom("mandiri", jenis=YA_TIDAK),
         Kolom("jenis", pilihan=("PLT", "PLH")), Kolom("email", jenis=EMAIL))


def test_a_row_is_read_into_values_leaving_out_empty_and_unknown_cells():
    row = {"nip": "199106192020122005", "nama": "Atim", "tmt": "2021-01-01", "mandiri": "Ya",
           "jenis": "PLT", "email": None, "lain": "diabaikan"}
    assert nilai_baris(row, KOLOM) == {"nip": "199106192020122005", "nama": "Atim",
                                       "tmt": date(2021, 1, 1), "mandiri": True, "jenis": "PLT"}


def test_every_broken_cell_is_reported_in_indonesian():
    row = {"nip": "123", "nama": None, "tmt": "2021-13-01", "mandiri": "mungkin", "jenis": "X",
           "email": "bukan-email"}
    with pytest.raises(BarisTidakValid) as refused:
        nilai_baris(row, KOLOM)
    assert refused.value.errors == {
        "nip": ["NIP harus 18 digit angka."], "nama": ["Wajib diisi."],
        "tmt": ["Tanggal tidak valid (format YYYY-MM-DD)."], "mandiri": ["Harus ya atau tidak."],
        "jenis": ["Harus salah satu dari: PLT, PLH."], "email": ["Alamat email tidak valid."]}
    with pytest.raises(BarisTidakValid) as refused:
        nilai_baris({"nip": "199106192020122005", "nama": "Terlalu panjang"}, KOLOM)
    assert refused.value.errors == {"nama": ["Paling banyak 5 karakter."]}

