"""Events of the angka-kredit service. Angka kredit values are Decimal (strings on the wire)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar, Literal

from ..envelope import EventPayload
from ..registry import register
from ..types import Jenjang, Predikat
from .common import PegawaiRingkas


@register
class AngkaKreditDitetapkan(EventPayload):
    producer: ClassVar[str] = "angka_kredit"
    event_type: ClassVar[str] = "AngkaKreditDitetapkan"

    angka_kredit_id: str
    pegawai: PegawaiRingkas
    jenjang: Jenjang | None = None
    tahun: int
    periode_id: str | None = None
    predikat: Predikat | None = None
    persentase: Decimal | None = None
    koefisien: Decimal | None = None
    bulan: Decimal | None = None
    angka_kredit: Decimal
    ak_lama: Decimal | None = None
    ak_baru: Decimal | None = None
    sumber: Literal["KONVERSI", "INTEGRASI"] = "KONVERSI"
    nomor_sk: str | None = None
    tanggal_sk: date | None = None
