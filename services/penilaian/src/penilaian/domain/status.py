"""The statuses of a penilaian (API.md, "Shapes clients rely on").

``DRAFT`` while the pegawai fills in, ``DIKIRIM`` once sent to the pejabat penilai,
``DITETAPKAN`` once the predikat is set, ``DITUTUP`` when its SKP was withdrawn (or no longer
covers the period). Entries change only while it is open; ratings only until it is set.
"""
from __future__ import annotations

DRAFT, DIKIRIM, DITETAPKAN, DITUTUP = "DRAFT", "DIKIRIM", "DITETAPKAN", "DITUTUP"
STATUS = (DRAFT, DIKIRIM, DITETAPKAN, DITUTUP)

TERBUKA = (DRAFT, DIKIRIM)  # entries (realisasi, tambahan, catatan) may change
TERKUNCI = (DITETAPKAN, DITUTUP)  # ratings and predikat may no longer change


def status_dibuka_kembali(*, dikirim: bool, ditetapkan: bool) -> str:
    """The status a closed penilaian returns to when its SKP is approved again: where it had
    got to before it was closed."""
    if ditetapkan:
        return DITETAPKAN
    return DIKIRIM if dikirim else DRAFT
