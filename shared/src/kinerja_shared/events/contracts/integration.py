"""Events of the integration service (SIASN, PMM).

Pull from SIASN (``PegawaiSiasnDiterima``, ``UnorSiasnDiterima``; identity applies them): one
event per record that is new, changed or gone since integration's previous pull of that
instansi, mapped to our field names (``data`` keeps SIASN's raw record). ``revisi`` grows per
record (NIP, SIASN unor id) with every change integration sees, so a consumer keeps the newest
whatever order they arrive in. ``dihapus``: the record is no longer in the instansi at SIASN
(identity deactivates the pegawai; a unit is kept, marked, never deleted).

PMM (teachers): ``PmmSkpDiimpor`` (skp creates or updates the teacher's SKP),
``PmmNilaiDiimpor`` (the teacher's scores: penilaian records them; reporting's KINERJA_GURU),
``PmmSinkronDicatat`` (one line of the PMM sync log with its reason: reporting's LOG_PMM).
``skp_id_pmm(nip, periode)`` is the id of the SKP skp makes of a PMM import.

``SinkronSelesai``: a pull or push job ended, with its counts (the ``sinkron`` change feed
carries the same).

Fields added after the first version are optional, so older messages still validate.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from ..envelope import EventPayload
from ..registry import register
from ..types import Predikat, Rating


# the id skp gives the SKP it makes of a PMM import (PmmSkpDiimpor), so penilaian finds the
# penilaian a teacher's scores (PmmNilaiDiimpor) belong to without asking skp
_PMM_SKP = uuid.UUID("8d7c1c62-6f5e-4a0e-9a57-2f1c8a0b5e11")


def skp_id_pmm(nip: str, periode: str) -> str:
    """The SKP id of a teacher's PMM semester (``periode`` as in the PMM events)."""
    return uuid.uuid5(_PMM_SKP, f"pmm:{nip}:{periode}").hex


class _Integration(EventPayload):
    producer: ClassVar[str] = "integration"


@register
class PegawaiSiasnDiterima(_Integration):
    """One pegawai as SIASN returned it, mapped to our field names; ``data`` keeps the raw
    record. ``siasn_id`` is SIASN's PNS orang id (units name their head by it)."""

    event_type: ClassVar[str] = "PegawaiSiasnDiterima"
    sinkron_id: str
    instansi_id: str
    nip: str
    nama: str
    gelar_depan: str | None = None
    gelar_belakang: str | None = None
    unor_siasn_id: str | None = None
    jabatan: str | None = None
    kategori_jabatan: str | None = None
    jenjang: str | None = None
    golongan: str | None = None
    tmt_jabatan: date | None = None
    data: dict[str, Any] = {}
    # added with the pull (optional: older messages still validate)
    siasn_id: str | None = None
    tmt_golongan: date | None = None
    status_kepegawaian: str | None = None  # from kedudukanPnsId; None: not mapped, keep ours
    dihapus: bool = False
    revisi: int = 1
    diterima_at: datetime | None = None


@register
class UnorSiasnDiterima(_Integration):
    """One unit of the SIASN unor reference (``ref-unor``) of the instansi: its parent
    (``DiatasanId``), its induk (``IndukUnorId``) and its head (``PemimpinPnsId``, a PNS orang
    id: ``kepala_siasn_id``; ``kepala_nip`` when integration already knows that pegawai)."""

    event_type: ClassVar[str] = "UnorSiasnDiterima"
    sinkron_id: str
    instansi_id: str
    unor_siasn_id: str
    nama: str
    eselon: str | None = None
    unor_atasan_siasn_id: str | None = None
    kepala_nip: str | None = None
    data: dict[str, Any] = {}
    # added with the pull
    unor_induk_siasn_id: str | None = None
    kepala_siasn_id: str | None = None
    nama_jabatan: str | None = None
    dihapus: bool = False
    revisi: int = 1
    diterima_at: datetime | None = None


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class PmmRhk(_Part):
    uraian: str
    indikator: list[str] = []
    rhk_atasan_uraian: str | None = None
    target: str | None = None  # added: the target PMM gives with the RHK


class Sekolah(_Part):
    npsn: str | None = None
    nama: str
    daerah: str | None = None


@register
class PmmSkpDiimpor(_Integration):
    """A teacher's SKP as PMM holds it, for one semester (``periode`` ``YYYY-S1`` or
    ``YYYY-S2``; ``periode_awal``/``periode_akhir`` its dates). ``tipe_skp``: ``GURU`` or
    ``KEPALA_SEKOLAH``. ``unor_id`` is the unit the teacher is assessed in (the PLT unor when
    the teacher acts as PLT kepala sekolah: ``plt``). ``pejabat_penilai_pegawai_id`` is the
    pegawai PMM names as penilai (None when unknown to us). ``revisi`` grows per (NIP,
    periode) with every change integration sees."""

    event_type: ClassVar[str] = "PmmSkpDiimpor"
    instansi_id: str
    nip: str
    tahun: int
    periode: str | None = None
    tipe_skp: str | None = None
    unor_id: str | None = None
    rhk: list[PmmRhk] = []
    nilai_akhir: str | None = None
    predikat: str | None = None
    # added with the PMM pull
    pegawai_id: str | None = None
    periode_awal: date | None = None
    periode_akhir: date | None = None
    penilai_nip: str | None = None
    pejabat_penilai_pegawai_id: str | None = None
    sekolah: Sekolah | None = None
    plt: bool = False
    sinkron_id: str | None = None
    revisi: int = 1


@register
class PmmNilaiDiimpor(_Integration):
    """A teacher's final scores of one semester from PMM (the KINERJA_GURU list, manual
    §2.8): ratings and predikat as API.md's enumerations."""

    event_type: ClassVar[str] = "PmmNilaiDiimpor"
    instansi_id: str
    nip: str
    pegawai_id: str | None = None
    nama: str | None = None
    tahun: int
    periode: str
    periode_awal: date | None = None
    periode_akhir: date | None = None
    tipe_skp: str | None = None
    unor_id: str | None = None
    sekolah: Sekolah | None = None
    rating_hasil_kerja: Rating | None = None
    rating_perilaku: Rating | None = None
    predikat: Predikat | None = None
    penilai_nip: str | None = None
    sinkron_id: str | None = None
    revisi: int = 1


@register
class PmmSinkronDicatat(_Integration):
    """One line of the PMM sync log (manual §2.10): a teacher's sync that succeeded or failed,
    with the reason (``keterangan``, e.g. "Data Unit Kerja Pegawai tidak terdaftar di
    Referensi Unit Kerja") and the note (``catatan``, e.g. the school name PMM holds).
    ``log_id`` identifies the line; a later sync of the teacher is a new line."""

    event_type: ClassVar[str] = "PmmSinkronDicatat"
    log_id: str
    sinkron_id: str | None = None
    instansi_id: str
    nip: str
    nama: str | None = None
    pegawai_id: str | None = None
    tipe_skp: str | None = None
    periode: str | None = None
    status: Literal["BERHASIL", "GAGAL"]
    kode: str | None = None  # stable reason code: NIP_TIDAK_DIKENAL, UNOR_TIDAK_ADA, ...
    keterangan: str | None = None
    catatan: str | None = None
    waktu: datetime


@register
class SinkronSelesai(_Integration):
    """A sync job ended. ``jenis``: PEGAWAI, UNOR, UNOR_DAN_PEGAWAI (pull from SIASN),
    PREDIKAT, ANGKA_KREDIT (push to SIASN), PMM (pull from PMM). Pull counts ``tambah``,
    ``ubah``, ``hapus``, ``gagal``; a push counts ``berhasil`` and ``gagal``."""

    event_type: ClassVar[str] = "SinkronSelesai"
    sinkron_id: str
    instansi_id: str
    jenis: str
    status: Literal["SELESAI", "GAGAL"]
    tambah: int = 0
    ubah: int = 0
    hapus: int = 0
    gagal: int = 0
    # added with the push
    berhasil: int = 0
    tahun: int | None = None
    arah: Literal["TARIK", "KIRIM"] | None = None
    sistem: Literal["SIASN", "PMM"] | None = None
    pesan: str | None = None
    waktu_request: datetime | None = None
    waktu_mulai: datetime | None = None
    waktu_selesai: datetime | None = None
