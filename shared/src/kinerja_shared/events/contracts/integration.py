"""Events of the integration service (SIASN, PMM)."""
from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from ..envelope import EventPayload
from ..registry import register


class _Integration(EventPayload):
    producer: ClassVar[str] = "integration"


@register
class PegawaiSiasnDiterima(_Integration):
    """One pegawai as SIASN returned it, mapped to our field names; ``data`` keeps the raw record."""

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


@register
class UnorSiasnDiterima(_Integration):
    event_type: ClassVar[str] = "UnorSiasnDiterima"
    sinkron_id: str
    instansi_id: str
    unor_siasn_id: str
    nama: str
    eselon: str | None = None
    unor_atasan_siasn_id: str | None = None
    kepala_nip: str | None = None
    data: dict[str, Any] = {}


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class PmmRhk(_Part):
    uraian: str
    indikator: list[str] = []
    rhk_atasan_uraian: str | None = None


@register
class PmmSkpDiimpor(_Integration):
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


@register
class SinkronSelesai(_Integration):
    event_type: ClassVar[str] = "SinkronSelesai"
    sinkron_id: str
    instansi_id: str
    jenis: str
    status: Literal["SELESAI", "GAGAL"]
    tambah: int = 0
    ubah: int = 0
    hapus: int = 0
    gagal: int = 0
