"""The suite's reader of import files (``kinerja_shared.tabular``): whatever a client uploads
is rows or ``BerkasTidakValid``, never another exception (found by fuzzing identity's and
angka-kredit's import endpoints with a PNG)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x08\x00:~\x9bU\x00\nIDATx\x9cc`",
    b"nip,nama\r\n\"199106192020122005,Atim\r\n",  # a quote never closed
    b"nip,nama\n1\x00\r2,ab\rc\n",
])
def test_a_file_that_is_not_csv_is_refused_as_the_clients_file_never_a_crash(data):
    from kinerja_shared.tabular import BerkasTidakValid, baca

    try:
        rows = baca("berkas.csv", data)
    except BerkasTidakValid as exc:
        assert "Berkas" in str(exc)
    else:  # read as CSV of odd cells: the import then refuses its rows one by one
        assert isinstance(rows, list)


def test_csv_with_semicolons_and_a_bom_and_excel_numbers_read_back_as_typed(tmp_path):
    from openpyxl import Workbook

    from kinerja_shared.tabular import baca

    assert baca("a.csv", "\ufeffNIP;Nama Lengkap\n1;Atim\n;\n".encode()) == [
        {"nip": "1", "nama_lengkap": "Atim"}]
    wb = Workbook()
    wb.active.append(["nilai", "kosong"])
    wb.active.append([12.345, None])
    wb.active.append([7.0, " "])
    path = tmp_path / "a.xlsx"
    wb.save(path)
    assert baca("a.xlsx", path.read_bytes()) == [{"nilai": "12.345", "kosong": None},
                                                 {"nilai": "7", "kosong": None}]
