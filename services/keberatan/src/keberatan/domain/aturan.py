"""The keberatan chains (DOMAIN.md §6) as tables: which step may follow which status, who takes
it and where it leads. Plain values only: no framework, no database.

- PERMENPAN_6_2022 (PermenPAN-RB 6/2022; BKN e-Kinerja §2.7): the pegawai files
  (``DIAJUKAN``), the pejabat penilai explains (``penjelasan`` -> ``DIJELASKAN``), the atasan
  pejabat penilai decides (``DISETUJUI`` with new ratings, or ``DITOLAK``); final.
- DKI (the DKI e-Kinerja manual, form fields 5-8): the pegawai's keberatan (5), the atasan
  pejabat penilai's sanggahan (6, ``DISANGGAH_ATASAN``), the pejabat penilai's sanggahan (7,
  ``DISANGGAH_PENILAI``), the atasan's decision with the nilai perilaku (8); final.
- Either chain: the owner withdraws (``tarik`` -> ``DITARIK``) before a decision. A keberatan
  filed after the window is ``TERLAMBAT``: recorded, no step at all.
"""
from __future__ import annotations

from .errors import Ditolak

PERMENPAN_6_2022, DKI = "PERMENPAN_6_2022", "DKI"
ALUR_KEBERATAN = (PERMENPAN_6_2022, DKI)
PP_30_2019 = "PP_30_2019"

DIAJUKAN, DIJELASKAN = "DIAJUKAN", "DIJELASKAN"
DISANGGAH_ATASAN, DISANGGAH_PENILAI = "DISANGGAH_ATASAN", "DISANGGAH_PENILAI"
DISETUJUI, DITOLAK, DITARIK, TERLAMBAT = "DISETUJUI", "DITOLAK", "DITARIK", "TERLAMBAT"
STATUS = (DIAJUKAN, DIJELASKAN, DISANGGAH_ATASAN, DISANGGAH_PENILAI, DISETUJUI, DITOLAK,
          DITARIK, TERLAMBAT)
TERBUKA = (DIAJUKAN, DIJELASKAN, DISANGGAH_ATASAN, DISANGGAH_PENILAI)
KEPUTUSAN = (DISETUJUI, DITOLAK)

# who takes a step (and the peran of a riwayat row)
PEGAWAI, PEJABAT_PENILAI, PEMUTUS, ADMIN, SISTEM = (
    "PEGAWAI", "PEJABAT_PENILAI", "PEMUTUS", "ADMIN", "SISTEM")

PENJELASAN, SANGGAHAN_ATASAN, SANGGAHAN_PENILAI = (
    "PENJELASAN", "SANGGAHAN_ATASAN", "SANGGAHAN_PENILAI")
PUTUSKAN, TARIK = "KEPUTUSAN", "DITARIK"

# chain -> step -> (statuses it may start from, status it leads to, who takes it);
# the decision leads to the keputusan itself (DISETUJUI or DITOLAK)
ALUR: dict[str, dict[str, tuple[frozenset[str], str | None, str]]] = {
    PERMENPAN_6_2022: {
        PENJELASAN: (frozenset({DIAJUKAN}), DIJELASKAN, PEJABAT_PENILAI),
        PUTUSKAN: (frozenset({DIJELASKAN}), None, PEMUTUS),
        TARIK: (frozenset({DIAJUKAN, DIJELASKAN}), DITARIK, PEGAWAI),
    },
    DKI: {
        SANGGAHAN_ATASAN: (frozenset({DIAJUKAN}), DISANGGAH_ATASAN, PEMUTUS),
        SANGGAHAN_PENILAI: (frozenset({DISANGGAH_ATASAN}), DISANGGAH_PENILAI, PEJABAT_PENILAI),
        PUTUSKAN: (frozenset({DISANGGAH_PENILAI}), None, PEMUTUS),
        TARIK: (frozenset({DIAJUKAN, DISANGGAH_ATASAN, DISANGGAH_PENILAI}), DITARIK, PEGAWAI),
    },
}

STATUS_LABEL = {
    DIAJUKAN: "diajukan", DIJELASKAN: "sudah dijelaskan pejabat penilai",
    DISANGGAH_ATASAN: "disanggah atasan pejabat penilai",
    DISANGGAH_PENILAI: "disanggah pejabat penilai", DISETUJUI: "disetujui",
    DITOLAK: "ditolak", DITARIK: "ditarik", TERLAMBAT: "terlambat",
}
LANGKAH_LABEL = {
    PENJELASAN: "penjelasan pejabat penilai", SANGGAHAN_ATASAN: "sanggahan atasan pejabat penilai",
    SANGGAHAN_PENILAI: "sanggahan pejabat penilai", PUTUSKAN: "keputusan", TARIK: "penarikan",
}


def pelaku(alur: str, aksi: str) -> str:
    """Who takes ``aksi`` in ``alur`` (``Ditolak`` when the chain has no such step)."""
    try:
        return ALUR[alur][aksi][2]
    except KeyError:
        raise Ditolak(f"Langkah {LANGKAH_LABEL.get(aksi, aksi)} tidak ada pada alur keberatan "
                      f"{alur}.", "langkah-tidak-ada") from None


def langkah(alur: str, aksi: str, status: str) -> str | None:
    """The status ``aksi`` leads to from ``status`` (None for the decision, which leads to the
    keputusan); ``Ditolak`` when the chain does not allow it."""
    pelaku(alur, aksi)
    if status == TERLAMBAT:
        raise Ditolak("Keberatan diajukan melewati batas waktu (terlambat): dicatat, tidak "
                      "diproses dan tidak diputuskan.", "keberatan-terlambat")
    asal, tujuan, _ = ALUR[alur][aksi]
    if status not in asal:
        if status in KEPUTUSAN or status == DITARIK:
            raise Ditolak(f"Keberatan sudah {STATUS_LABEL[status]}: tidak dapat diubah lagi.",
                          "keberatan-selesai")
        raise Ditolak(f"Keberatan berstatus {STATUS_LABEL.get(status, status)}: "
                      f"{LANGKAH_LABEL.get(aksi, aksi)} belum atau tidak dapat dilakukan.",
                      "langkah-tidak-sesuai")
    return tujuan


def sanggahan_berikut(alur: str, status: str) -> str:
    """Whose sanggahan ``POST …/sanggahan`` is in ``status``: the atasan pejabat penilai's
    first, then the pejabat penilai's (DKI chain only)."""
    if alur != DKI:
        raise Ditolak("Sanggahan hanya ada pada alur keberatan DKI; pada alur PermenPAN-RB "
                      "6/2022 pejabat penilai memberi penjelasan.", "langkah-tidak-ada")
    return SANGGAHAN_PENILAI if status == DISANGGAH_ATASAN else SANGGAHAN_ATASAN


def menunggu(alur: str, status: str) -> str | None:
    """Who the keberatan waits for in ``status`` (PEJABAT_PENILAI or PEMUTUS), None when
    closed."""
    for aksi, (asal, _tujuan, siapa) in ALUR[alur].items():
        if aksi != TARIK and status in asal:
            return siapa
    return None
