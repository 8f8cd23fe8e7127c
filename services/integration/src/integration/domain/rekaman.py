"""Which records integration pushes to SIASN, under which key, and which version of a record
wins (DOMAIN.md §8; the BKN admin manual §2.13: "Data Predikat Kinerja yang dikirim adalah
Predikat Kinerja pada periode Final SKP Definitif").

- the annual predikat (PredikatFinal) of a pegawai and year: one SIASN ``skp22`` record, key
  ``skp22:<nip>:<tahun>``. A pegawai with two SKPs in a year (moved) has one annual predikat in
  SIASN: the one set last.
- a periodic predikat (PredikatDitetapkan of a period that is not final): one
  ``kinerjaperiodik`` record per pegawai and period.
- an angka kredit (AngkaKreditDitetapkan): one ``angkakredit`` record per angka kredit id.

A newer version of the same source (a keberatan's revision: ``revisi`` + 1) or a later
penetapan of another source replaces what is held; an older one arriving late changes nothing.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping


def kunci_skp22(nip: str, tahun: int) -> str:
    return f"skp22:{nip}:{tahun}"


def kunci_periodik(nip: str, awal: Any, akhir: Any) -> str:
    return f"kinerjaperiodik:{nip}:{awal}:{akhir}"


def kunci_angka_kredit(angka_kredit_id: str) -> str:
    return f"angkakredit:{angka_kredit_id}"


def lebih_baru(tersimpan: Mapping[str, Any] | None, sumber_id: str, revisi: int,
               ditetapkan_at: datetime | None) -> bool:
    """Whether an incoming version replaces the stored one."""
    if tersimpan is None:
        return True
    if tersimpan["sumber_id"] == sumber_id:
        return revisi > tersimpan["sumber_revisi"]
    lama = tersimpan["ditetapkan_at"]
    if lama is None or ditetapkan_at is None:
        return ditetapkan_at is not None
    return ditetapkan_at > lama
