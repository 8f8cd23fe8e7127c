"""Events of the keberatan service."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import Field

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


NilaiPerilakuPp30 = Annotated[Decimal, Field(ge=0, le=100)]


@register
class KeberatanDiputuskan(_Keberatan):
    """The atasan pejabat penilai's final decision on a keberatan (DOMAIN.md §6).

    What he decides on ``DISETUJUI`` depends on the penilaian's model:

    - PermenPAN-RB 6/2022: ``rating_hasil_kerja`` and/or ``rating_perilaku`` (a rating left out
      keeps its value); the predikat follows from the matrix.
    - PP 30/2019 (DKI flow, field 8 of the DKI form): ``nilai_perilaku_pp30``, the nilai
      perilaku per aspect (``ORIENTASI_PELAYANAN``, ``KOMITMEN``, ``INISIATIF_KERJA``,
      ``KERJA_SAMA``, ``KEPEMIMPINAN``; 0-100) that replace the pejabat penilai's; an aspect left
      out keeps its value. Nilai SKP is not decided: it is measured (realisasi per kegiatan,
      tugas tambahan, kreativitas). Nor is the predikat: penilaian derives nilai kinerja and
      predikat from the numbers under its own rules (weights, bands, Sangat Baik only with a
      kreativitas), so a decision cannot produce a predikat the numbers do not support.

    ``DITOLAK`` changes nothing. Consumers record an approval that lacks what the model needs
    and keep the predikat. Added later (optional): ``nilai_perilaku_pp30``.
    """

    event_type: ClassVar[str] = "KeberatanDiputuskan"
    keberatan_id: str
    penilaian_id: str
    pegawai_id: str
    keputusan: KeputusanKeberatan
    uraian: str | None = None
    rekomendasi: str | None = None
    rating_hasil_kerja: Rating | None = None
    rating_perilaku: Rating | None = None
    nilai_perilaku_pp30: dict[str, NilaiPerilakuPp30] | None = None
    predikat_sebelum: Predikat | None = None
    pemutus: PegawaiRingkas | None = None
    diputuskan_at: datetime
