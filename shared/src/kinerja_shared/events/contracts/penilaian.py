"""Events of the penilaian service.

- ``PredikatDitetapkan`` / ``PredikatFinal``: a predikat set (and each revision after an approved
  keberatan). Fields added later are optional, so messages from before them still validate:
  ``model``, ``jenis_skp``, ``unor_id``, ``skp_periode_awal`` / ``skp_periode_akhir``,
  ``nilai_perilaku_pp30``.
- ``PenilaianDiperbarui``: the whole penilaian after a change made by a user or a keberatan
  decision (a snapshot; ``versi`` orders the snapshots of one penilaian).
- ``CapaianOrganisasiFinal``: a capaian organisasi made final, or un-made.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..envelope import EventPayload
from ..registry import register
from ..types import (
    AspekPerilaku, CapaianOrganisasi, JenisSkp, ModelSkp, PenilaiPerilaku, Pendekatan, Predikat,
    Rating,
)
from .common import PegawaiRingkas, PeriodeRingkas

# a PP 30/2019 nilai perilaku of one aspect (ORIENTASI_PELAYANAN, KOMITMEN, INISIATIF_KERJA,
# KERJA_SAMA, KEPEMIMPINAN): 0-100
NilaiPp30 = Annotated[Decimal, Field(ge=0, le=100)]
StatusPenilaian = Literal["DRAFT", "DIKIRIM", "DITETAPKAN", "DITUTUP"]


class _Penilaian(EventPayload):
    producer: ClassVar[str] = "penilaian"


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


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
    # added later (None in messages from before them)
    model: ModelSkp | None = None
    jenis_skp: JenisSkp | None = None
    unor_id: str | None = None  # the pegawai's unor in the approved SKP
    # the SKP's own date range (a pegawai who moved has two SKPs in a year): angka kredit counts
    # the months assessed from it
    skp_periode_awal: date | None = None
    skp_periode_akhir: date | None = None
    # PP 30/2019: the nilai perilaku per aspect behind nilai_perilaku (None under PermenPAN)
    nilai_perilaku_pp30: dict[str, NilaiPp30] | None = None


@register
class PredikatDitetapkan(_PredikatBase):
    event_type: ClassVar[str] = "PredikatDitetapkan"


@register
class PredikatFinal(_PredikatBase):
    """The annual predikat (final period); a keberatan decision republishes with revisi + 1."""

    event_type: ClassVar[str] = "PredikatFinal"


class BuktiDukung(_Part):
    nama: str | None = None
    url: str


class RealisasiIndikator(_Part):
    """One indikator of the SKP with what was filled in for it (None: nothing yet)."""

    indikator_id: str
    rhk_id: str | None = None
    realisasi: str | None = None
    bukti_dukung: list[BuktiDukung] = []
    keterangan: str | None = None
    umpan_balik: str | None = None  # the pejabat penilai's
    umpan_balik_oleh: str | None = None
    diubah_at: datetime | None = None


class PerilakuPenilaian(_Part):
    """One perilaku aspect of the SKP: who gives the feedback and what they wrote."""

    aspek: AspekPerilaku
    penilai: PenilaiPerilaku = "ATASAN"
    penilai_pegawai_id: str | None = None
    penilai_nama: str | None = None
    umpan_balik: str | None = None
    diubah_at: datetime | None = None


class CatatanPerilaku(_Part):
    """An entry of the Buku Catatan Perilaku."""

    id: str
    tanggal: date
    uraian: str
    oleh_pegawai_id: str | None = None
    created_at: datetime | None = None


class KegiatanPp30(_Part):
    """A kegiatan (RHK) of a PP 30/2019 SKP: realisasi per aspect, the targets revised at
    measurement (the others are the SKP's), and the capaian (two places, as printed)."""

    rhk_id: str
    kuantitas: Decimal | None = None
    kualitas: Decimal | None = None
    waktu: Decimal | None = None
    biaya: Decimal | None = None
    target_revisi: dict[str, Decimal] | None = None
    capaian: dict[str, Decimal] = {}  # per aspect scored: kuantitas, kualitas, waktu, biaya
    nilai_capaian: Decimal | None = None  # mean of the aspects scored
    diubah_oleh: str | None = None
    diubah_at: datetime | None = None


class EntriPp30(_Part):
    """A tugas tambahan (``jumlah``: how many) or kreativitas (``jumlah``: level 1-3)."""

    id: str
    uraian: str
    jumlah: int
    oleh_pegawai_id: str | None = None
    created_at: datetime | None = None


class Pp30Penilaian(_Part):
    """The PP 30/2019 form (DKI): kegiatan, tugas tambahan, kreativitas, nilai perilaku per
    aspect; what they add to nilai SKP and the weights of nilai kinerja."""

    kegiatan: list[KegiatanPp30] = []
    tugas_tambahan: list[EntriPp30] = []
    kreativitas: list[EntriPp30] = []
    nilai_tugas_tambahan: Decimal | None = None
    nilai_kreativitas: Decimal | None = None
    perilaku: dict[str, NilaiPp30] = {}
    bobot_skp: Decimal | None = None
    bobot_perilaku: Decimal | None = None


@register
class PenilaianDiperbarui(_Penilaian):
    """The whole penilaian after a change by a user (realisasi, kirim, umpan balik, perilaku,
    rating, tetapkan, PP 30 values and entries, catatan perilaku) or by a keberatan decision;
    one per penilaian per transaction. ``versi`` grows with every snapshot of the penilaian:
    keep a snapshot only when its ``versi`` is newer than the stored one. ``revisi`` is the
    penetapan revision, as in the predikat events.

    Not published for what the SkpDisetujui / SkpDibatalkan / PeriodeDiperbarui handlers do in
    bulk (a penilaian created, updated, reopened or closed with its SKP or period): consumers
    derive those from SkpDisetujui / SkpDibatalkan and the periods."""

    event_type: ClassVar[str] = "PenilaianDiperbarui"
    penilaian_id: str
    versi: int
    skp_id: str
    skp_revisi: int | None = None
    pegawai_id: str
    pegawai: PegawaiRingkas | None = None
    unor_id: str | None = None
    unor_induk_id: str | None = None
    periode_id: str
    periode: PeriodeRingkas | None = None
    tahun: int
    model: ModelSkp
    jenis_skp: JenisSkp | None = None
    pendekatan: Pendekatan | None = None
    skp_periode_awal: date | None = None
    skp_periode_akhir: date | None = None
    status: StatusPenilaian
    pejabat_penilai: PegawaiRingkas | None = None
    atasan_pejabat_penilai: PegawaiRingkas | None = None
    realisasi: list[RealisasiIndikator] = []
    perilaku: list[PerilakuPenilaian] = []
    catatan_perilaku: list[CatatanPerilaku] = []
    rating_hasil_kerja: Rating | None = None
    rating_perilaku: Rating | None = None
    predikat: Predikat | None = None
    justifikasi_distribusi: str | None = None
    # PP 30/2019 (None under PermenPAN-RB 6/2022)
    pp30: Pp30Penilaian | None = None
    nilai_skp: Decimal | None = None
    nilai_perilaku: Decimal | None = None
    nilai_kinerja: Decimal | None = None
    revisi: int = 0
    dikirim_at: datetime | None = None
    ditetapkan_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@register
class CapaianOrganisasiFinal(_Penilaian):
    event_type: ClassVar[str] = "CapaianOrganisasiFinal"
    id: str
    unor_induk_id: str
    tahun: int
    periode_id: str | None = None
    capaian: CapaianOrganisasi
    final: bool = True
