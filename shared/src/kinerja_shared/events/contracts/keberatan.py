"""Events of the keberatan service (docs/services/keberatan.md, "Events").

- ``KeberatanDiajukan``: a keberatan filed (inside the window: ``DIAJUKAN``; after it:
  ``TERLAMBAT``, ``terlambat`` true, never decided).
- ``KeberatanDiputuskan``: the decider's final decision; penilaian applies an approval and
  republishes the predikat with revisi + 1.
- ``KeberatanDitarik``: withdrawn by its owner before a decision.
- ``KeberatanDiperbarui``: the whole keberatan (times, the before/asked/after table, every
  step of its history) after each change, ``versi`` ordering the snapshots of one keberatan;
  what a reader that prints keberatan (reporting) keeps.

Fields added after the first version are optional, so messages from before them still
validate: on ``KeberatanDiajukan`` everything after ``diajukan_at``; on ``KeberatanDiputuskan``
``nilai_perilaku_pp30`` and ``revisi``.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ..envelope import EventPayload
from ..registry import register
from ..types import KeputusanKeberatan, ModelSkp, Predikat, Rating
from .common import PegawaiRingkas, PeriodeRingkas
from .penilaian import BuktiDukung

NilaiPerilakuPp30 = Annotated[Decimal, Field(ge=0, le=100)]

# ``status`` of a keberatan: a plain string on the wire, so a status added later never makes an
# older consumer refuse the event. Open: DIAJUKAN, DIJELASKAN (PermenPAN chain, after the
# pejabat penilai's penjelasan), DISANGGAH_ATASAN and DISANGGAH_PENILAI (DKI chain, after the
# atasan pejabat penilai's and then the pejabat penilai's sanggahan). Closed: DISETUJUI,
# DITOLAK, DITARIK, TERLAMBAT (filed after the window; recorded, never decided).
STATUS_KEBERATAN = ("DIAJUKAN", "DIJELASKAN", "DISANGGAH_ATASAN", "DISANGGAH_PENILAI",
                    "DISETUJUI", "DITOLAK", "DITARIK", "TERLAMBAT")
# ``alur``: PERMENPAN_6_2022 (penjelasan, then keputusan) or DKI (the sanggahan chain)
ALUR_KEBERATAN = ("PERMENPAN_6_2022", "DKI")


class _Keberatan(EventPayload):
    producer: ClassVar[str] = "keberatan"


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


@register
class KeberatanDiajukan(_Keberatan):
    """A keberatan filed by the owner of a set predikat. ``terlambat``: filed after the window
    (``batas_pengajuan_at``), recorded with status ``TERLAMBAT`` and never decided. ``revisi``
    is the predikat revision objected to. ``pemutus`` is who decides: the atasan pejabat penilai
    of the predikat, or the instansi's configured pemutus when there is none (None: nobody yet)."""

    event_type: ClassVar[str] = "KeberatanDiajukan"
    keberatan_id: str
    penilaian_id: str
    pegawai_id: str
    alasan: str
    rating_hasil_kerja_diminta: Rating | None = None
    rating_perilaku_diminta: Rating | None = None
    terlambat: bool = False
    diajukan_at: datetime
    # added later (None in messages from before them)
    revisi: int | None = None
    status: str | None = None
    alur: str | None = None
    model: ModelSkp | None = None
    nilai_perilaku_pp30_diminta: dict[str, NilaiPerilakuPp30] | None = None
    bukti_dukung: list[BuktiDukung] = []
    batas_pengajuan_at: datetime | None = None
    pejabat_penilai: PegawaiRingkas | None = None
    pemutus: PegawaiRingkas | None = None


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
    and keep the predikat. ``revisi`` is the predikat revision the keberatan was filed against
    (an approval leads penilaian to publish ``revisi + 1``). Added later (optional):
    ``nilai_perilaku_pp30``, ``revisi``.
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
    revisi: int | None = None


@register
class KeberatanDitarik(_Keberatan):
    """Withdrawn by its owner before a decision (status ``DITARIK``); nothing changes at
    penilaian. The pegawai may file again for the same predikat revision inside the window."""

    event_type: ClassVar[str] = "KeberatanDitarik"
    keberatan_id: str
    penilaian_id: str
    pegawai_id: str
    revisi: int | None = None
    alasan: str | None = None
    ditarik_at: datetime


class NilaiKeberatan(_Part):
    """One row of the table before / asked / after: the ratings and predikat (PermenPAN) or
    the nilai perilaku per aspect with nilai kinerja and predikat (PP 30). ``predikat`` is None
    where it is not known: the asked row of a PP 30 keberatan (nilai kinerja needs penilaian's
    rules), and the after row of an approval until penilaian publishes the new revision."""

    rating_hasil_kerja: Rating | None = None
    rating_perilaku: Rating | None = None
    predikat: Predikat | None = None
    nilai_perilaku_pp30: dict[str, NilaiPerilakuPp30] | None = None
    nilai_kinerja: Decimal | None = None


class LangkahKeberatan(_Part):
    """One step of a keberatan's history: who (``oleh``, in which ``peran``: PEGAWAI,
    PEJABAT_PENILAI, PEMUTUS, ADMIN, SISTEM), what (``aksi``: DIAJUKAN, DIBUKA, PENJELASAN,
    SANGGAHAN_ATASAN, SANGGAHAN_PENILAI, KEPUTUSAN, DITARIK, PEMUTUS_BERUBAH,
    PREDIKAT_DIREVISI), when, the status before and after, and what was written (``isi``)."""

    aksi: str
    waktu: datetime
    oleh: PegawaiRingkas | None = None
    peran: str | None = None
    status_sebelum: str | None = None
    status_sesudah: str | None = None
    isi: dict | None = None


@register
class KeberatanDiperbarui(_Keberatan):
    """The whole keberatan after every change (filing, opened by the decider, each step of the
    chain, the decision, withdrawal, a new decider, the predikat after an approval): a
    snapshot; keep one only when its ``versi`` is newer than the stored one. ``riwayat`` holds
    every step, oldest first. Times are UTC; ``batas_pengajuan_at`` is the end of the window
    (the end of the last calendar day in the instansi's time zone)."""

    event_type: ClassVar[str] = "KeberatanDiperbarui"
    keberatan_id: str
    versi: int
    penilaian_id: str
    revisi: int
    pegawai: PegawaiRingkas
    unor_id: str | None = None
    periode: PeriodeRingkas | None = None
    tahun: int
    model: ModelSkp | None = None
    alur: str
    status: str
    terlambat: bool = False
    alasan: str
    bukti_dukung: list[BuktiDukung] = []
    penjelasan: str | None = None
    sanggahan_atasan: str | None = None
    sanggahan_penilai: str | None = None
    keputusan: KeputusanKeberatan | None = None
    uraian: str | None = None
    rekomendasi: str | None = None
    alasan_tarik: str | None = None
    pejabat_penilai: PegawaiRingkas | None = None
    pemutus: PegawaiRingkas | None = None
    pemutus_sumber: str | None = None  # ATASAN_PEJABAT_PENILAI or PENGATURAN
    sebelum: NilaiKeberatan
    diminta: NilaiKeberatan
    sesudah: NilaiKeberatan | None = None
    batas_pengajuan_at: datetime | None = None
    diajukan_at: datetime
    dibuka_atasan_at: datetime | None = None
    direspon_at: datetime | None = None
    diputuskan_at: datetime | None = None
    ditarik_at: datetime | None = None
    riwayat: list[LangkahKeberatan] = []
