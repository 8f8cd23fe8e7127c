"""Events of the skp service. SkpDisetujui carries the whole approved plan."""
from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from ..envelope import EventPayload
from ..registry import register
from ..types import (
    AspekIndikator,
    AspekPerilaku,
    JenisRhk,
    JenisSkp,
    ModelSkp,
    PenilaiPerilaku,
    Pendekatan,
    Perspektif,
    ReferensiRhk,
)
from .common import PegawaiRingkas


class _Skp(EventPayload):
    producer: ClassVar[str] = "skp"


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class IndikatorSnapshot(_Part):
    id: str
    uraian: str
    aspek: AspekIndikator | None = None
    target: str | None = None
    target_maks: str | None = None
    satuan: str | None = None
    perspektif: Perspektif | None = None
    manual: dict[str, Any] | None = None  # manual indikator (definisi, formula, ...)


class PeranSnapshot(_Part):
    pegawai_id: str
    jabatan_tim: str
    peran: list[str | None]


class RhkSnapshot(_Part):
    id: str
    urutan: int | None = None  # print order within its section (A. Utama, B. Tambahan)
    jenis: JenisRhk
    uraian: str
    rhk_atasan_id: str | None = None
    peran_id: str | None = None
    referensi: ReferensiRhk | None = None
    # PP 30/2019 kegiatan targets
    target_kuantitas: str | None = None
    satuan: str | None = None
    target_kualitas: str | None = None
    target_waktu: str | None = None
    target_biaya: str | None = None
    indikator: list[IndikatorSnapshot] = []
    matriks_peran_kolom: list[str] = []
    matriks_peran: list[PeranSnapshot] = []


class PerilakuSnapshot(_Part):
    aspek: AspekPerilaku
    indikator: list[str] = []
    ekspektasi_khusus: str | None = None
    penilai: PenilaiPerilaku = "ATASAN"
    penilai_pegawai_id: str | None = None


@register
class SkpDiajukan(_Skp):
    event_type: ClassVar[str] = "SkpDiajukan"
    skp_id: str
    pegawai_id: str
    pejabat_penilai_id: str | None = None
    atasan_pejabat_penilai_id: str | None = None
    jenis: JenisSkp
    periode_awal: date
    periode_akhir: date


@register
class SkpDikembalikan(_Skp):
    event_type: ClassVar[str] = "SkpDikembalikan"
    skp_id: str
    pegawai_id: str
    catatan: str
    oleh_pegawai_id: str | None = None


@register
class SkpDisetujui(_Skp):
    event_type: ClassVar[str] = "SkpDisetujui"
    skp_id: str
    instansi_id: str | None = None
    unor_id: str | None = None
    mandiri: bool = False
    pegawai: PegawaiRingkas
    jenis: JenisSkp
    pendekatan: Pendekatan
    model: ModelSkp
    periode_awal: date
    periode_akhir: date
    pejabat_penilai: PegawaiRingkas | None = None
    atasan_pejabat_penilai: PegawaiRingkas | None = None
    plt_unor_id: str | None = None
    rhk: list[RhkSnapshot] = []
    perilaku: list[PerilakuSnapshot] = []
    revisi: int = 1


@register
class SkpDibatalkan(_Skp):
    event_type: ClassVar[str] = "SkpDibatalkan"
    skp_id: str
    pegawai_id: str
    status_sebelum: str | None = None
    alasan: str | None = None
    oleh_pegawai_id: str | None = None
