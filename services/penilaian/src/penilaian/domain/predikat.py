"""Predikat kinerja from the two ratings (PermenPAN-RB 6/2022, Lampiran; SE MenPAN-RB 3/2023).

The matrix itself lives in the dated rule sets of ``aturan.py``; this module names the values
and answers the question "which predikat do these ratings give".
"""
from __future__ import annotations

DI_ATAS = "DI_ATAS_EKSPEKTASI"
SESUAI = "SESUAI_EKSPEKTASI"
DI_BAWAH = "DI_BAWAH_EKSPEKTASI"
RATINGS = (DI_ATAS, SESUAI, DI_BAWAH)

SANGAT_BAIK = "SANGAT_BAIK"
BAIK = "BAIK"
BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
KURANG = "KURANG"
SANGAT_KURANG = "SANGAT_KURANG"
PREDIKAT = (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)

ISTIMEWA = "ISTIMEWA"
CAPAIAN_ORGANISASI = (ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)

# SIASN codes (DOMAIN.md §4)
SIASN_RATING = {DI_ATAS: 1, SESUAI: 2, DI_BAWAH: 3}
SIASN_PREDIKAT = {SANGAT_BAIK: 1, BAIK: 2, BUTUH_PERBAIKAN: 3, KURANG: 4, SANGAT_KURANG: 5}


class RatingTidakDikenal(ValueError):
    """A rating outside the three the regulation knows."""


def predikat_dari_matriks(matriks: dict[tuple[str, str], str], rating_hasil_kerja: str,
                          rating_perilaku: str) -> str:
    """The predikat the ``matriks`` (rows hasil kerja, columns perilaku) gives."""
    try:
        return matriks[(rating_hasil_kerja, rating_perilaku)]
    except KeyError:
        raise RatingTidakDikenal(f"{rating_hasil_kerja}/{rating_perilaku}") from None
