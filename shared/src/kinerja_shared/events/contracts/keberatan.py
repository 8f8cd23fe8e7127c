"""Events of the keberatan service."""
from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from ..envelope import EventPayload
from ..registry import register
from ..types import KeputusanKeberatan, Predikat, Rating
from .common import PegawaiRingkas


class _Keberatan(EventPayload):
    producer: ClassVar[str] = "keberatan"


@register
class KeberatanDiajukan(_Keberatan):
    event_type: ClassVar[str] = "KeberatanDiajukan"
    keberatan_id: str
    penilaian_id: str
    pegawai_id: str
    alasan: str
    rating_hasil_kerja_diminta: Rating | None = None
    rating_perilaku_diminta: Rating | None = None
    terlambat: bool = False
    diajukan_at: datetime


@register
class KeberatanDiputuskan(_Keberatan):
    event_type: ClassVar[str] = "KeberatanDiputuskan"
    keberatan_id: str
    penilaian_id: str
    pegawai_id: str
    keputusan: KeputusanKeberatan
    uraian: str | None = None
    rekomendasi: str | None = None
    rating_hasil_kerja: Rating | None = None
    rating_perilaku: Rating | None = None
    predikat_sebelum: Predikat | None = None
    pemutus: PegawaiRingkas | None = None
    diputuskan_at: datetime
