"""Events of the identity service: full snapshots after every change, with a per-aggregate
``revisi`` so consumers can ignore an older snapshot that arrives late."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from ..envelope import EventPayload
from ..registry import register
from ..types import JenisJabatan, JenisPltPlh, Jenjang, KategoriJabatan


class _Identity(EventPayload):
    producer: ClassVar[str] = "identity"


@register
class InstansiDiperbarui(_Identity):
    """An instansi's snapshot. ``pengaturan`` holds its settings: ``model_skp``,
    ``skema_periode``, ``jendela_keberatan_hari``, ``penegakan_distribusi``, ``alur_keberatan``
    (PERMENPAN_6_2022 or DKI), ``pemutus_keberatan_pegawai_id`` (a pegawai of the instansi or
    None), ``angka_kredit_periodik`` (bool); a consumer takes the documented default for a key
    an older message lacks (docs/services/identity.md)."""

    event_type: ClassVar[str] = "InstansiDiperbarui"
    id: str
    nama: str
    kode: str | None = None
    pengaturan: dict[str, Any] = {}
    revisi: int = 1


@register
class UnorDiperbarui(_Identity):
    event_type: ClassVar[str] = "UnorDiperbarui"
    id: str
    instansi_id: str
    nama: str
    # added later (None in messages from before it): the unit's code, which angka-kredit's
    # PAK numbering formats print as {kode_unor}
    kode: str | None = None
    jenis: str | None = None
    eselon: str | None = None
    unor_atasan_id: str | None = None
    unor_induk_id: str | None = None
    mandiri: bool = False
    kota: str | None = None
    revisi: int = 1


@register
class UnorDihapus(_Identity):
    event_type: ClassVar[str] = "UnorDihapus"
    id: str
    instansi_id: str
    revisi: int = 1


# ``PegawaiDiperbarui.status_kepegawaian``: AKTIF, CUTI (cuti besar, di luar tanggungan
# negara), TUGAS_BELAJAR keep the pegawai serving (and the account logging in); PENSIUN, PINDAH
# (moved out of the instansi), BERHENTI, MENINGGAL end the service (identity sets ``aktif``
# false with them). A plain string on the wire, so a status added later never makes an older
# consumer refuse the event.
STATUS_KEPEGAWAIAN = ("AKTIF", "CUTI", "TUGAS_BELAJAR", "PENSIUN", "PINDAH", "BERHENTI",
                      "MENINGGAL")


@register
class PegawaiDiperbarui(_Identity):
    """A pegawai's full snapshot. ``pangkat`` follows from ``golongan`` (PP 99/2000; None
    without a golongan). ``tmt_golongan``, ``pangkat``, ``status_kepegawaian`` and
    ``tmt_status`` were added later: a message from before them reads as no TMTs, no pangkat,
    ``AKTIF``."""

    event_type: ClassVar[str] = "PegawaiDiperbarui"
    id: str
    instansi_id: str
    nip: str | None = None
    nik: str | None = None
    nama: str
    gelar_depan: str | None = None
    gelar_belakang: str | None = None
    unor_id: str | None = None
    jenis_jabatan: JenisJabatan = "PEGAWAI"
    jabatan: str | None = None
    kategori_jabatan: KategoriJabatan | None = None
    jenjang: Jenjang | None = None
    golongan: str | None = None
    tmt_jabatan: date | None = None
    email: str | None = None
    roles: list[str] = ["pegawai"]
    non_asn: bool = False
    aktif: bool = True
    tmt_golongan: date | None = None
    pangkat: str | None = None
    status_kepegawaian: str = "AKTIF"
    tmt_status: date | None = None
    revisi: int = 1


@register
class PegawaiDihapus(_Identity):
    event_type: ClassVar[str] = "PegawaiDihapus"
    id: str
    instansi_id: str
    nip: str | None = None
    revisi: int = 1


@register
class RelasiManualDiperbarui(_Identity):
    """The "Ubah Profile" overrides of one pegawai (ids of pegawai; empty lists clear)."""

    event_type: ClassVar[str] = "RelasiManualDiperbarui"
    pegawai_id: str
    instansi_id: str
    atasan_langsung_id: str | None = None
    atasan_ii_id: str | None = None
    atasan_iii_id: str | None = None
    rekan_kerja_ids: list[str] = []
    bawahan_ids: list[str] = []
    revisi: int = 1


@register
class PltPlhDiperbarui(_Identity):
    event_type: ClassVar[str] = "PltPlhDiperbarui"
    id: str
    instansi_id: str
    pegawai_id: str
    unor_id: str
    jabatan: str | None = None
    jenis: JenisPltPlh
    mulai: date
    selesai: date | None = None
    aktif: bool = True
    dihapus: bool = False
    revisi: int = 1


@register
class PeriodeDiperbarui(_Identity):
    event_type: ClassVar[str] = "PeriodeDiperbarui"
    id: str
    instansi_id: str
    tahun: int
    nama: str
    awal: date
    akhir: date
    batas_pengisian: date
    final: bool = False
    dihapus: bool = False
    revisi: int = 1


@register
class SesiDicabut(_Identity):
    """Every token of one pegawai issued (``iat``) before ``dicabut_sebelum`` is revoked: the
    password was changed or reset, the pegawai was deactivated or deleted, or someone logged
    the pegawai out everywhere (``alasan``: ``PASSWORD_DIGANTI``, ``PASSWORD_DIATUR_ULANG``,
    ``PEGAWAI_DINONAKTIFKAN``, ``PEGAWAI_DIHAPUS``, ``HAK_AKSES_BERUBAH``, ``KELUAR_SEMUA``;
    a plain string, so a new reason never makes an older consumer refuse the event).

    ``dicabut_sebelum`` is a whole second of identity's clock, compared with the token's
    ``iat`` (also identity's clock). Every service keeps the latest one per pegawai and never
    moves it back, whatever order the events arrive in (kinerja_shared.auth.revocation)."""

    event_type: ClassVar[str] = "SesiDicabut"
    pegawai_id: str
    instansi_id: str
    dicabut_sebelum: datetime
    alasan: str
    # one login session only ("log out", alasan KELUAR): the tokens of that session (their
    # ``sid``) issued before the cutoff are revoked, the pegawai's other sessions stay. An
    # older consumer that ignores it revokes every session of the pegawai: more, never less.
    sesi_id: str | None = None
