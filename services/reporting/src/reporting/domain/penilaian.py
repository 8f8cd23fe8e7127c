"""A penilaian's status as reporting knows it (penilaian's domain/status.py, API.md).

penilaian publishes no snapshot when it closes or reopens penilaian with their SKP
(PenilaianDiperbarui's docstring): a penilaian whose SKP is no longer approved is DITUTUP, and
one of an approved SKP that was stored closed reopens where it had got to.
"""
from __future__ import annotations

DRAFT, DIKIRIM, DITETAPKAN, DITUTUP = "DRAFT", "DIKIRIM", "DITETAPKAN", "DITUTUP"


def status_efektif(status: str, *, skp_disetujui: bool, dikirim: bool, ditetapkan: bool) -> str:
    if not skp_disetujui:
        return DITUTUP
    if status == DITUTUP:
        return DITETAPKAN if ditetapkan else DIKIRIM if dikirim else DRAFT
    return status


def dinilai(*, rating_hasil_kerja: str | None, rating_perilaku: str | None,
            nilai_kinerja=None) -> bool:
    """Rated: both ratings (PermenPAN-RB 6/2022) or a nilai kinerja (PP 30/2019)."""
    return (rating_hasil_kerja is not None and rating_perilaku is not None) \
        or nilai_kinerja is not None
