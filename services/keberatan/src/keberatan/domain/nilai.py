"""What a keberatan asks and what the decider decides, per penilaian model (DOMAIN.md §6):
ratings under PermenPAN-RB 6/2022, the nilai perilaku per aspect under PP 30/2019 (DKI field 8).
Plain values only."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable, Mapping

from .aturan import PP_30_2019
from .errors import TidakSah

DI_ATAS, SESUAI, DI_BAWAH = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
RATING = (DI_ATAS, SESUAI, DI_BAWAH)
SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG = (
    "SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
ASPEK_PP30 = ("ORIENTASI_PELAYANAN", "KOMITMEN", "INISIATIF_KERJA", "KERJA_SAMA",
              "KEPEMIMPINAN")

# PermenPAN-RB 6/2022, Lampiran: rows hasil kerja, columns perilaku. Only to show the predikat
# the asked ratings would give; the predikat after a decision is penilaian's (its dated rules).
MATRIKS_PERMENPAN_6_2022 = {
    (DI_ATAS, DI_BAWAH): KURANG, (DI_ATAS, SESUAI): BAIK, (DI_ATAS, DI_ATAS): SANGAT_BAIK,
    (SESUAI, DI_BAWAH): KURANG, (SESUAI, SESUAI): BAIK, (SESUAI, DI_ATAS): BAIK,
    (DI_BAWAH, DI_BAWAH): SANGAT_KURANG, (DI_BAWAH, SESUAI): BUTUH_PERBAIKAN,
    (DI_BAWAH, DI_ATAS): BUTUH_PERBAIKAN,
}

WAJIB_RATING = "Isi rating hasil kerja dan/atau rating perilaku yang diminta."
BUKAN_PP30 = "Hanya untuk penilaian model PP 30/2019."
BUKAN_PERMENPAN = "Penilaian model PP 30/2019 tidak memakai rating; isi nilai perilaku."


def predikat(rating_hasil_kerja: str | None, rating_perilaku: str | None) -> str | None:
    if rating_hasil_kerja is None or rating_perilaku is None:
        return None
    return MATRIKS_PERMENPAN_6_2022.get((rating_hasil_kerja, rating_perilaku))


def aspek_berlaku(nilai_sebelum: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The PP 30 aspects of this penilaian: those it was rated on (KEPEMIMPINAN only for a
    pimpinan, per the instansi), else all five."""
    return tuple(a for a in ASPEK_PP30 if a in (nilai_sebelum or {})) or ASPEK_PP30


def periksa(model: str | None, *, rating_hasil_kerja: str | None, rating_perilaku: str | None,
            nilai_pp30: Mapping[str, Decimal] | None, aspek: Iterable[str],
            medan: Mapping[str, str], wajib: bool) -> None:
    """``TidakSah`` per field unless the values fit the model: ratings (at least one when
    ``wajib``) under PermenPAN, nilai perilaku of this penilaian's aspects under PP 30 (some
    when ``wajib``). ``medan`` names the fields (``rating_hasil_kerja``, ``rating_perilaku``,
    ``nilai_pp30``) as the request calls them."""
    errors: dict[str, list[str]] = {}
    if model == PP_30_2019:
        for nama, nilai in (("rating_hasil_kerja", rating_hasil_kerja),
                            ("rating_perilaku", rating_perilaku)):
            if nilai is not None:
                errors[medan[nama]] = [BUKAN_PERMENPAN]
        berlaku = set(aspek)
        for a in sorted(nilai_pp30 or {}):
            if a not in berlaku:
                errors[f"{medan['nilai_pp30']}.{a}"] = [
                    "Aspek ini tidak dinilai pada penilaian ini."]
        if wajib and not nilai_pp30:
            errors[medan["nilai_pp30"]] = ["Isi nilai perilaku per aspek."]
    else:
        if nilai_pp30:
            errors[medan["nilai_pp30"]] = [BUKAN_PP30]
        if wajib and rating_hasil_kerja is None and rating_perilaku is None:
            errors[medan["rating_hasil_kerja"]] = [WAJIB_RATING]
    if errors:
        raise TidakSah(errors)
