"""Tables of the angka-kredit database (owned by this service alone).

``*_ref`` tables are read models of identity (instansi settings, unor, pegawai and the history
of each pegawai's jabatan and golongan per ``revisi``) and penilaian (every predikat, final and
periodic), kept from their events. ``angka_kredit`` holds the AK rows (the PAK candidates),
``riwayat`` every change of their figures and status.

Angka kredit values use ``Desimal``: NUMERIC(18, 6) on PostgreSQL, text on SQLite (whose
NUMERIC is a float underneath): a value is a ``Decimal`` all the way, in both modes.
"""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import (
    JSON, Boolean, Column, Date, DateTime, Index, Integer, LargeBinary, Numeric, String, Table,
    Text, UniqueConstraint, text,
)
from sqlalchemy.types import TypeDecorator

from kinerja_shared.db import naming_metadata
from kinerja_shared.messaging import add_messaging_tables

metadata = naming_metadata()
outbox, inbox = add_messaging_tables(metadata)

ID = 64
TS = DateTime(timezone=True)


class Desimal(TypeDecorator):
    """An exact decimal: NUMERIC(18, 6) on PostgreSQL, a string on SQLite; a float is refused
    on the way in and never comes out."""

    impl = Numeric(18, 6)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(40))
        return dialect.type_descriptor(Numeric(18, 6, asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("angka kredit tidak boleh float")
        value = value if isinstance(value, Decimal) else Decimal(value)
        return str(value) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("angka kredit tidak boleh float")
        return value if isinstance(value, Decimal) else Decimal(value)


instansi_ref = Table(
    "instansi_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("nama", String(300), nullable=False),
    Column("kode", String(50)),
    Column("pengaturan", JSON, nullable=False),
    Column("revisi", Integer, nullable=False),
)

unor_ref = Table(
    "unor_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("nama", String(500), nullable=False),
    Column("kode", String(100)),
    Column("unor_induk_id", String(ID)),
    Column("dihapus", Boolean, nullable=False),
    Column("revisi", Integer, nullable=False),
)

pegawai_ref = Table(
    "pegawai_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("nip", String(32)),
    Column("nama", String(300), nullable=False),
    Column("gelar_depan", String(100)),
    Column("gelar_belakang", String(100)),
    Column("unor_id", String(ID)),
    Column("jabatan", String(500)),
    Column("kategori_jabatan", String(20)),
    Column("jenjang", String(20)),
    Column("golongan", String(10)),
    Column("pangkat", String(100)),
    Column("tmt_jabatan", Date),
    Column("tmt_golongan", Date),
    Column("status_kepegawaian", String(20)),
    Column("aktif", Boolean, nullable=False),
    Column("dihapus", Boolean, nullable=False),
    Column("revisi", Integer, nullable=False),
)

# every PegawaiDiperbarui kept, so a year can be split where the jenjang or golongan changed
pegawai_revisi = Table(
    "pegawai_revisi", metadata,
    Column("pegawai_id", String(ID), primary_key=True),
    Column("revisi", Integer, primary_key=True),
    Column("kategori_jabatan", String(20)),
    Column("jenjang", String(20)),
    Column("jabatan", String(500)),
    Column("tmt_jabatan", Date),
    Column("golongan", String(10)),
    Column("tmt_golongan", Date),
    Column("unor_id", String(ID)),
)

# PredikatFinal ("FINAL:<penilaian_id>") and PredikatDitetapkan ("DITETAPKAN:<penilaian_id>")
predikat_ref = Table(
    "predikat_ref", metadata,
    Column("id", String(ID + 12), primary_key=True),
    Column("jenis_event", String(12), nullable=False),
    Column("penilaian_id", String(ID), nullable=False),
    Column("instansi_id", String(ID), nullable=False),
    Column("pegawai_id", String(ID), nullable=False, index=True),
    Column("tahun", Integer, nullable=False),
    Column("periode_id", String(ID), nullable=False),
    Column("periode_nama", String(200), nullable=False),
    Column("periode_awal", Date, nullable=False),
    Column("periode_akhir", Date, nullable=False),
    Column("periode_final", Boolean, nullable=False),
    Column("skp_id", String(ID), nullable=False),
    Column("skp_periode_awal", Date),
    Column("skp_periode_akhir", Date),
    Column("unor_id", String(ID)),
    Column("model", String(20)),
    Column("predikat", String(20), nullable=False),
    # a PredikatDitetapkan received while the instansi had periodic angka kredit on converts
    # its months (kept from its first arrival: a later revisi updates the same conversion)
    Column("periodik", Boolean, nullable=False),
    Column("pejabat_penilai_id", String(ID)),
    Column("atasan_pejabat_penilai_id", String(ID)),
    Column("snapshot", JSON, nullable=False),  # pegawai, pejabat_penilai, atasan (as sent)
    Column("ditetapkan_at", TS, nullable=False),
    Column("revisi", Integer, nullable=False),
)

angka_kredit = Table(
    "angka_kredit", metadata,
    Column("id", String(36), primary_key=True),
    Column("instansi_id", String(ID), nullable=False),
    Column("pegawai_id", String(ID), nullable=False, index=True),
    Column("nip", String(32)),
    Column("nama", String(300), nullable=False),
    Column("sumber", String(10), nullable=False),
    Column("status", String(20), nullable=False),
    Column("aktif", Boolean, nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("awal", Date, nullable=False),
    Column("akhir", Date, nullable=False),
    # konversi: the predikat converted, and which of its segmen this row is (jenjang, golongan
    # and their ordinal: stable while corrected TMTs move the months)
    Column("penilaian_id", String(ID)),
    Column("segmen", String(60)),
    Column("jenis_predikat", String(10)),
    Column("predikat_revisi", Integer),
    Column("periode_id", String(ID)),
    Column("periode_nama", String(200)),
    Column("predikat", String(20)),
    Column("persentase", Desimal),
    Column("koefisien", Desimal),
    Column("bulan", Integer),
    Column("pejabat_penilai_id", String(ID)),
    Column("atasan_pejabat_penilai_id", String(ID)),
    # integrasi
    Column("ak_konvensional", Desimal),
    Column("nilai_dasar", Desimal),
    Column("tanggal_integrasi", Date),
    # the jabatan and pangkat over the row's months
    Column("kategori_jabatan", String(20)),
    Column("jabatan", String(500)),
    Column("jenjang", String(20), nullable=False),
    Column("jenjang_mulai", Date, nullable=False),
    Column("tmt_jabatan", Date),
    Column("golongan", String(10)),
    Column("golongan_mulai", Date),
    Column("unor_id", String(ID)),
    # the figures
    Column("ak12", Desimal, nullable=False),
    Column("angka_kredit", Desimal, nullable=False),
    Column("ak_lama", Desimal, nullable=False),
    Column("ak_baru", Desimal, nullable=False),
    Column("ak_pangkat", Desimal, nullable=False),
    Column("kebutuhan_pangkat", Desimal),
    Column("selisih_pangkat", Desimal),
    Column("cukup_pangkat", Boolean, nullable=False),
    Column("pangkat_berikutnya", String(10)),
    Column("kebutuhan_jenjang", Desimal),
    Column("selisih_jenjang", Desimal),
    Column("cukup_jenjang", Boolean, nullable=False),
    Column("jenjang_berikutnya", String(20)),
    Column("kesimpulan", Text, nullable=False),
    Column("penetapan", JSON, nullable=False),
    Column("dihitung", JSON, nullable=False),  # ids counted in ak_baru, oldest first
    Column("pertama", Boolean, nullable=False),
    Column("aturan", String(50), nullable=False),
    Column("snapshot", JSON, nullable=False),  # pegawai, penilai, unor and instansi names
    # the PAK
    Column("nomor_sk", String(200)),
    Column("tahun_sk", Integer),
    Column("tanggal_sk", Date),
    Column("tempat", String(200)),
    Column("metode", String(10)),
    Column("penandatangan", JSON),
    Column("diajukan_at", TS),
    Column("disetujui_at", TS),
    Column("ditandatangani_at", TS),
    Column("alasan_kembali", Text),
    Column("mengoreksi_id", String(36)),
    Column("digantikan_oleh_id", String(36)),
    Column("revisi", Integer, nullable=False),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    UniqueConstraint("instansi_id", "tahun_sk", "nomor_sk", name="uq_angka_kredit_nomor_sk"),
    Index("ix_angka_kredit_instansi_id_tahun", "instansi_id", "tahun"),
    Index("ix_angka_kredit_nip", "nip"),
    # one current row per konversi segmen and one integrasi per pegawai, whoever writes
    Index("uq_angka_kredit_segmen", "penilaian_id", "segmen", unique=True,
          postgresql_where=text("aktif AND sumber = 'KONVERSI'"),
          sqlite_where=text("aktif AND sumber = 'KONVERSI'")),
    Index("uq_angka_kredit_integrasi", "pegawai_id", unique=True,
          postgresql_where=text("aktif AND sumber = 'INTEGRASI'"),
          sqlite_where=text("aktif AND sumber = 'INTEGRASI'")),
)

riwayat = Table(
    "riwayat", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("angka_kredit_id", String(36), nullable=False, index=True),
    Column("waktu", TS, nullable=False),
    Column("oleh_pegawai_id", String(ID)),
    Column("aksi", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("sebelum", JSON),
    Column("sesudah", JSON),
    Column("alasan", Text),
)

pengaturan = Table(
    "pengaturan", metadata,
    Column("instansi_id", String(ID), primary_key=True),
    Column("data", JSON, nullable=False),
    Column("revisi", Integer, nullable=False),
    Column("diubah_oleh", String(ID)),
    Column("diubah_at", TS, nullable=False),
)

template_pak = Table(
    "template_pak", metadata,
    Column("instansi_id", String(ID), primary_key=True),
    Column("metode", String(10), primary_key=True),
    Column("versi", Integer, nullable=False),
    Column("judul", String(300)),
    Column("kop", JSON, nullable=False),
    Column("tembusan", JSON, nullable=False),
    Column("catatan", Text),
    Column("berkas_nama", String(300)),
    Column("berkas", LargeBinary),
    Column("berkas_sha256", String(64)),
    Column("diubah_oleh", String(ID)),
    Column("diubah_at", TS, nullable=False),
)

# the last automatic number of an instansi and year (gapless: taken in the approving
# transaction under this row's lock)
nomor_urut = Table(
    "nomor_urut", metadata,
    Column("instansi_id", String(ID), primary_key=True),
    Column("tahun", Integer, primary_key=True),
    Column("terakhir", Integer, nullable=False),
)
