"""The PAK workflow (DOMAIN.md §7; BKN admin manual §2.6): action -> (statuses it may start
from, status it leads to). A signed PAK is final: a changed predikat never alters it, it is
superseded and a correcting PAK is drafted (``hitung.py``)."""
from __future__ import annotations

from .errors import Ditolak

DRAFT, DIAJUKAN, DISETUJUI = "DRAFT", "DIAJUKAN", "DISETUJUI"
DITANDATANGANI, DIBATALKAN = "DITANDATANGANI", "DIBATALKAN"
STATUS = (DRAFT, DIAJUKAN, DISETUJUI, DITANDATANGANI, DIBATALKAN)
TTE, TTD_BASAH = "TTE", "TTD_BASAH"
METODE = (TTE, TTD_BASAH)

ALUR: dict[str, tuple[frozenset[str], str]] = {
    "ajukan": (frozenset({DRAFT}), DIAJUKAN),
    "setujui": (frozenset({DIAJUKAN}), DISETUJUI),
    "tandatangani": (frozenset({DISETUJUI}), DITANDATANGANI),
    # an admin returns a submitted or approved PAK to its owner's draft, with a reason
    "kembalikan": (frozenset({DIAJUKAN, DISETUJUI}), DRAFT),
}

LABEL = {DRAFT: "draf", DIAJUKAN: "diajukan", DISETUJUI: "disetujui",
         DITANDATANGANI: "ditandatangani", DIBATALKAN: "dibatalkan"}


def langkah(aksi: str, status: str, *, aktif: bool = True) -> str:
    """The status ``aksi`` leads to from ``status``; ``Ditolak`` when the workflow does not
    allow it (a superseded PAK allows nothing)."""
    if not aktif:
        raise Ditolak("PAK ini sudah digantikan oleh PAK koreksi dan tidak dapat diproses.")
    asal, tujuan = ALUR[aksi]
    if status not in asal:
        raise Ditolak(f"PAK berstatus {LABEL.get(status, status)}: tindakan '{aksi}' tidak "
                      "dapat dilakukan.")
    return tujuan
