"""Events of the penilaian service."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import ClassVar

from ..envelope import EventPayload
from ..registry import register
from ..types import CapaianOrganisasi, Predikat, Rating
from .common import PegawaiRingkas, PeriodeRingkas


class _Penilaian(EventPayload):
    producer: ClassVar[str] = "penilaian"


class _PredikatBase(_Penilaian):
    penilaian_id: str
    skp_id: str
    pegawai: PegawaiRingkas
    periode: PeriodeRingkas
    tahun: int
    rating_hasil_kerja: Rating | None = None
    rating_perilaku: Rating | None = None
    predikat: Predikat
    pejabat_penilai: PegawaiRingkas | None = None
    atasan_pejabat_penilai: PegawaiRingkas | None = None
    # PP 30/2019 numeric model (absent under PermenPAN-RB 6/2022)
    nilai_skp: Decimal | None = None
    nilai_perilaku: Decimal | None = None
    nilai_kinerja: Decimal | None = None
    revisi: int = 1
    ditetapkan_at: datetime


@register
class PredikatDitetapkan(_PredikatBase):
    event_type: ClassVar[str] = "PredikatDitetapkan"


@register
class PredikatFinal(_PredikatBase):
    """The annual predikat (final period); a keberatan decision republishes with revisi + 1."""

    event_type: ClassVar[str] = "PredikatFinal"


@register
class CapaianOrganisasiFinal(_Penilaian):
    event_type: ClassVar[str] = "CapaianOrganisasiFinal"
    id: str
    unor_induk_id: str
    tahun: int
    periode_id: str | None = None
    capaian: CapaianOrganisasi
    final: bool = True
