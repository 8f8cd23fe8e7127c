"""Kepatuhan: who, per unor, has no SKP for the year, no realisasi or no rating for a period.

A pegawai owes them while serving: ``status_kepegawaian`` not among the excluded ones
(retired, moved out, stopped, deceased, on leave; a setting, config.KEPATUHAN_DIKECUALIKAN)
and not deleted; JPT non-ASN write SKPs too, so they count. An SKP counts once approved (DISETUJUI); a realisasi once one indikator has one; a
rating once the pejabat penilai has set both ratings (or, under PP 30/2019, nilai kinerja).
"""
from __future__ import annotations

from dataclasses import dataclass

TANPA_SKP, TANPA_REALISASI, TANPA_RATING, PATUH = (
    "TANPA_SKP", "TANPA_REALISASI", "TANPA_RATING", "PATUH")
KETERANGAN = {TANPA_SKP: "Belum memiliki SKP yang disetujui",
              TANPA_REALISASI: "Belum mengisi realisasi", TANPA_RATING: "Belum dinilai",
              PATUH: "Lengkap"}


@dataclass(frozen=True)
class Kewajiban:
    """What one pegawai has for the year (and the period, when one is asked)."""

    skp_disetujui: bool
    jumlah_realisasi: int = 0
    dinilai: bool = False


def wajib(status_kepegawaian: str | None, dihapus: bool, dikecualikan: tuple[str, ...]) -> bool:
    """Whether the pegawai owes an SKP, realisasi and rating at all."""
    return not dihapus and (status_kepegawaian or "AKTIF") not in dikecualikan


def status(k: Kewajiban) -> str:
    """The first thing missing, in the order they are due."""
    if not k.skp_disetujui:
        return TANPA_SKP
    if k.jumlah_realisasi == 0:
        return TANPA_REALISASI
    if not k.dinilai:
        return TANPA_RATING
    return PATUH
