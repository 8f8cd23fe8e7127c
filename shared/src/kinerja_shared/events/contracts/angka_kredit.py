"""Events of the angka-kredit service. Angka kredit values are Decimal (strings on the wire).

One aggregate: an **angka kredit** (AK) row, the PAK candidate. A KONVERSI row is the predikat
of one penilaian converted for one stretch of months with one jenjang and golongan (a year is
split where the jenjang or golongan changed, and a pegawai who moved has one penilaian per SKP);
an INTEGRASI row is the one-time carry-over of the pegawai's pre-2023 AK.

- ``AngkaKreditDitetapkan``: the whole row after every change (created, recomputed after a new
  predikat revisi or a pegawai change, submitted, approved, returned, signed, superseded,
  cancelled), with ``revisi`` + 1 each time: keep a snapshot only when its ``revisi`` is newer
  than the one stored. It carries what reporting prints (konversi, akumulasi and PAK documents;
  the Excel "Laporan Angka Kredit") and what integration sends to SIASN ``angkakredit/save``:

  ============================  ===================================================
  SIASN field                   from this payload
  ============================  ===================================================
  bulanMulaiPenailan/...Selesai ``periode_awal.month`` / ``periode_akhir.month``
  tahunMulaiPenailan/...Selesai ``periode_awal.year`` / ``periode_akhir.year``
  isAngkaKreditPertama          ``pertama``
  isIntegrasi / isKonversi      ``sumber == "INTEGRASI"`` / ``sumber == "KONVERSI"``
  kreditUtamaBaru               ``angka_kredit`` (konversi and integrasi are unsur utama)
  kreditPenunjangBaru           0 (konversi and integrasi carry no separate penunjang)
  kreditBaruTotal               ``ak_baru`` (the cumulative AK in the jenjang)
  nomorSk / tanggalSk           ``nomor_sk`` / ``tanggal_sk``
  pnsId, rwJabatanId            SIASN's own ids: integration looks them up by ``pegawai.nip``
  ============================  ===================================================

  Send only what is final: ``status == "DITANDATANGANI"`` and ``aktif`` (a signed PAK later
  superseded has ``aktif`` false and ``digantikan_oleh_id`` naming its correction).
- ``PakDitandatangani``: the same snapshot, once, when a PAK is signed (TTE or wet signature),
  with the signer, the method and the instansi's template in force: the document reporting
  prints and verifies. A signed PAK never changes afterwards; a correction is a new row.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from ..envelope import EventPayload
from ..registry import register
from ..types import Jenjang, KategoriJabatan, ModelSkp, Predikat
from .common import PegawaiRingkas

SumberAk = Literal["KONVERSI", "INTEGRASI"]
# DIBATALKAN: an unsigned row whose months no predikat covers any more (e.g. the periodic
# predikat of those months replaced the annual one); kept, never deleted
StatusPak = Literal["DRAFT", "DIAJUKAN", "DISETUJUI", "DITANDATANGANI", "DIBATALKAN"]
MetodeTandaTangan = Literal["TTE", "TTD_BASAH"]
# FINAL: from PredikatFinal (the annual predikat); PERIODIK: from PredikatDitetapkan of a
# non-final period (instansi setting ``angka_kredit_periodik``)
JenisPredikat = Literal["FINAL", "PERIODIK"]
UnsurPak = Literal["AK_DASAR", "AK_INTEGRASI", "AK_PENYESUAIAN", "AK_KONVERSI", "AK_PENDIDIKAN"]


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class PegawaiAk(PegawaiRingkas):
    """The pegawai as the PAK prints them (KETERANGAN PERORANGAN). ``tanggal_lahir`` and
    ``jenis_kelamin`` (``L``/``P``) are read from the NIP (birth date, sex digit); None for a
    NIP that does not hold them."""

    tanggal_lahir: date | None = None
    jenis_kelamin: Literal["L", "P"] | None = None
    status_kepegawaian: str | None = None


class JabatanAk(_Part):
    """The jabatan and pangkat in force over the row's months (from identity's history of the
    pegawai: the row never straddles a change of jenjang or golongan)."""

    kategori_jabatan: KategoriJabatan | None = None
    jabatan: str | None = None  # the name, e.g. "Analis SDM Aparatur Ahli Pertama"
    jenjang: Jenjang | None = None
    tmt_jabatan: date | None = None
    golongan: str | None = None  # e.g. "III/a"
    pangkat: str | None = None  # e.g. "Penata Muda"
    tmt_golongan: date | None = None
    unor_id: str | None = None
    unor_nama: str | None = None
    unor_induk_id: str | None = None
    unor_induk_nama: str | None = None
    instansi_id: str | None = None
    instansi_nama: str | None = None


class Kebutuhan(_Part):
    """One side of the PAK's bottom table (pangkat or jenjang): the AK gathered for it, the
    minimum the tables ask, the excess (positive) or shortfall (negative), and whether it is
    enough. ``kebutuhan`` None: no further pangkat / jenjang in this category (top reached),
    then ``selisih`` is None and ``cukup`` false."""

    akumulasi: Decimal
    kebutuhan: Decimal | None = None
    selisih: Decimal | None = None
    cukup: bool = False
    # the pangkat (golongan) or jenjang it leads to, e.g. "III/b" / "AHLI_MUDA"
    berikutnya: str | None = None
    berikutnya_nama: str | None = None  # e.g. "Penata Muda Tingkat I" / "Ahli Muda"


class BarisPak(_Part):
    """A row of "II. PENETAPAN ANGKA KREDIT" (Peraturan BKN 3/2023, contoh PAK): LAMA, BARU,
    JUMLAH."""

    unsur: UnsurPak
    uraian: str  # as printed, e.g. "AK Konversi"
    lama: Decimal
    baru: Decimal
    jumlah: Decimal


class KonversiRingkas(_Part):
    """A konversi (or the integrasi) counted in the akumulasi, for the akumulasi document."""

    angka_kredit_id: str
    sumber: SumberAk
    periode_awal: date | None = None
    periode_akhir: date | None = None
    predikat: Predikat | None = None
    persentase: Decimal | None = None
    koefisien: Decimal | None = None
    bulan: Decimal | None = None
    angka_kredit: Decimal
    status: StatusPak


class Integrasi(_Part):
    """The integrasi carry-over (PermenPAN-RB 1/2023 transition): AK lama (konvensional,
    cumulative) − nilai dasar of the jenjang = AK integrasi (the row's ``angka_kredit``)."""

    ak_konvensional: Decimal
    nilai_dasar: Decimal
    tanggal: date


class TemplatePak(_Part):
    """The instansi's PAK template of the signing method (BKN admin manual §2.14), as in force
    when the PAK was signed. ``berkas_sha256`` names the uploaded .docx, when one was."""

    metode: MetodeTandaTangan
    versi: int
    judul: str | None = None
    kop: list[str] = []
    tembusan: list[str] = []
    catatan: str | None = None
    berkas_nama: str | None = None
    berkas_sha256: str | None = None


class _AngkaKredit(EventPayload):
    producer: ClassVar[str] = "angka_kredit"

    angka_kredit_id: str
    pegawai: PegawaiAk  # a PegawaiRingkas with birth date, sex and status added
    jenjang: Jenjang | None = None
    tahun: int
    periode_id: str | None = None
    predikat: Predikat | None = None
    persentase: Decimal | None = None  # 1.50 for 150 %
    koefisien: Decimal | None = None  # koefisien tahunan of the jenjang
    bulan: Decimal | None = None  # months assessed (whole months)
    # the AK of this row (months / 12 × persentase × koefisien), kept to 6 decimals; BKN shows 3
    # (``angka_kredit_tampil``)
    angka_kredit: Decimal
    ak_lama: Decimal | None = None  # cumulative in the jenjang before this row
    ak_baru: Decimal | None = None  # cumulative in the jenjang with this row
    sumber: SumberAk = "KONVERSI"
    nomor_sk: str | None = None
    tanggal_sk: date | None = None
    # -- added with the service (every message carries them) ---------------------------------
    revisi: int = 1
    status: StatusPak = "DRAFT"
    aktif: bool = True  # false once superseded (a signed PAK whose figures changed) or cancelled
    instansi_id: str | None = None
    angka_kredit_tampil: str | None = None  # three decimals, ROUND_HALF_UP: 10.9375 -> "10.938"
    periode_awal: date | None = None  # the months assessed: first day of the range
    periode_akhir: date | None = None
    periode_nama: str | None = None
    jenis_predikat: JenisPredikat | None = None
    penilaian_id: str | None = None
    predikat_revisi: int | None = None  # the PredikatFinal/Ditetapkan revisi converted
    skp_id: str | None = None
    skp_periode_awal: date | None = None
    skp_periode_akhir: date | None = None
    model: ModelSkp | None = None
    jabatan: JabatanAk | None = None
    pejabat_penilai: PegawaiRingkas | None = None
    atasan_pejabat_penilai: PegawaiRingkas | None = None
    pangkat: Kebutuhan | None = None  # kenaikan pangkat
    jenjang_jabatan: Kebutuhan | None = None  # kenaikan jenjang
    # the flat figures API.md names (the same values as ``pangkat`` / ``jenjang_jabatan``)
    kebutuhan_pangkat: Decimal | None = None
    kebutuhan_jenjang: Decimal | None = None
    selisih_pangkat: Decimal | None = None
    selisih_jenjang: Decimal | None = None
    # "DAPAT DIPERTIMBANGKAN ..." / "TIDAK DAPAT DIPERTIMBANGKAN ..." as the PAK prints it
    kesimpulan: str | None = None
    penetapan: list[BarisPak] = []  # the PAK's table II
    akumulasi: list[KonversiRingkas] = []  # every row counted in ``ak_baru``, oldest first
    integrasi: Integrasi | None = None  # for sumber INTEGRASI
    pertama: bool = False  # the pegawai's first AK row (SIASN isAngkaKreditPertama)
    tempat: str | None = None  # where the PAK is signed
    metode_tanda_tangan: MetodeTandaTangan | None = None
    penandatangan: PegawaiRingkas | None = None
    diajukan_at: datetime | None = None
    disetujui_at: datetime | None = None
    ditandatangani_at: datetime | None = None
    alasan_kembali: str | None = None  # why an admin returned it to DRAFT (last time)
    mengoreksi_id: str | None = None  # the superseded signed row this one corrects
    digantikan_oleh_id: str | None = None  # the correcting row of a superseded signed one
    aturan: str | None = None  # the rule set applied, e.g. "PERMENPAN_RB_1_2023"
    diubah_at: datetime | None = None


@register
class AngkaKreditDitetapkan(_AngkaKredit):
    """The whole AK row after every change (see the module docstring); ``revisi`` orders the
    snapshots of one row."""

    event_type: ClassVar[str] = "AngkaKreditDitetapkan"


@register
class PakDitandatangani(_AngkaKredit):
    """A PAK signed: the row as signed (status DITANDATANGANI), the signer, the method and
    the template; published once per row."""

    event_type: ClassVar[str] = "PakDitandatangani"
    template: TemplatePak | None = None
