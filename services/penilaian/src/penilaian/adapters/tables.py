"""Tables of the penilaian database (owned by this service alone).

``*_ref`` tables are penilaian's read models of identity (instansi settings, periods, pegawai,
unor) and skp (the approved snapshot of each SKP), kept from their events.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON, Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, Numeric, String, Table,
    Text, UniqueConstraint,
)

from kinerja_shared.db import naming_metadata
from kinerja_shared.messaging import add_messaging_tables

metadata = naming_metadata()
outbox, inbox = add_messaging_tables(metadata)

ID = 64

instansi_ref = Table(
    "instansi_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("nama", String(300), nullable=False),
    Column("pengaturan", JSON, nullable=False),
    Column("revisi", Integer, nullable=False),
)

periode_ref = Table(
    "periode_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("tahun", Integer, nullable=False),
    Column("nama", String(100), nullable=False),
    Column("awal", Date, nullable=False),
    Column("akhir", Date, nullable=False),
    Column("batas_pengisian", Date, nullable=False),
    Column("final", Boolean, nullable=False),
    Column("dihapus", Boolean, nullable=False),
    Column("revisi", Integer, nullable=False),
)

pegawai_ref = Table(
    "pegawai_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("nip", String(32)),
    Column("nama", String(200), nullable=False),
    Column("unor_id", String(ID), index=True),
    Column("jenis_jabatan", String(20)),
    Column("jabatan", String(300)),
    Column("aktif", Boolean, nullable=False),
    Column("dihapus", Boolean, nullable=False),
    Column("revisi", Integer, nullable=False),
)

unor_ref = Table(
    "unor_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("nama", String(300), nullable=False),
    Column("unor_atasan_id", String(ID)),
    Column("unor_induk_id", String(ID), index=True),
    Column("dihapus", Boolean, nullable=False),
    Column("revisi", Integer, nullable=False),
)

skp_ref = Table(
    "skp_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("pegawai_id", String(ID), nullable=False, index=True),
    Column("periode_awal", Date, nullable=False),
    Column("periode_akhir", Date, nullable=False),
    Column("snapshot", JSON, nullable=False),
    Column("aktif", Boolean, nullable=False),
    Column("revisi", Integer, nullable=False),
    Column("diubah_at", DateTime(timezone=True), nullable=False),
)

penilaian = Table(
    "penilaian", metadata,
    Column("id", String(ID), primary_key=True),
    Column("skp_id", String(ID), nullable=False, index=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("pegawai_id", String(ID), nullable=False, index=True),
    Column("unor_id", String(ID), index=True),
    Column("periode_id", String(ID), nullable=False, index=True),
    Column("tahun", Integer, nullable=False, index=True),
    Column("status", String(12), nullable=False),
    Column("model", String(20), nullable=False),
    Column("snapshot", JSON, nullable=False),
    Column("pejabat_penilai_id", String(ID), index=True),
    Column("atasan_pejabat_penilai_id", String(ID), index=True),
    Column("rating_hasil_kerja", String(24)),
    Column("rating_perilaku", String(24)),
    Column("predikat", String(20)),
    Column("justifikasi_distribusi", Text),
    Column("pp30_perilaku", JSON),
    Column("nilai_skp", Numeric(8, 2)),
    Column("nilai_perilaku", Numeric(8, 2)),
    Column("nilai_kinerja", Numeric(8, 2)),
    Column("revisi", Integer, nullable=False),
    # grows with every PenilaianDiperbarui snapshot (publikasi.diperbarui); 0: none yet
    Column("versi", Integer, nullable=False, server_default="0"),
    Column("dikirim_at", DateTime(timezone=True)),
    Column("ditetapkan_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("skp_id", "periode_id"),
    # the penilaian of one unit induk in one period (the pola distribusi of every rating and
    # statistic): without it the final period's rows of the whole instansi were scanned
    Index("ix_penilaian_periode_unor", "periode_id", "unor_id"),
)

_fk = lambda: ForeignKey("penilaian.id", ondelete="CASCADE")  # noqa: E731

realisasi = Table(
    "realisasi", metadata,
    Column("penilaian_id", String(ID), _fk(), primary_key=True),
    Column("indikator_id", String(ID), primary_key=True),
    Column("realisasi", Text),
    Column("bukti_dukung", JSON, nullable=False),
    Column("keterangan", Text),
    Column("umpan_balik", Text),
    Column("umpan_balik_oleh", String(ID)),
    Column("diubah_at", DateTime(timezone=True), nullable=False),
)

umpan_balik_perilaku = Table(
    "umpan_balik_perilaku", metadata,
    Column("penilaian_id", String(ID), _fk(), primary_key=True),
    Column("aspek", String(30), primary_key=True),
    Column("penilai", String(10), nullable=False),
    Column("penilai_pegawai_id", String(ID), nullable=False),
    Column("penilai_nama", String(200)),
    Column("umpan_balik", Text, nullable=False),
    Column("diubah_at", DateTime(timezone=True), nullable=False),
)

pp30_realisasi = Table(
    "pp30_realisasi", metadata,
    Column("penilaian_id", String(ID), _fk(), primary_key=True),
    Column("rhk_id", String(ID), primary_key=True),
    Column("kuantitas", Numeric(18, 4)),
    Column("kualitas", Numeric(18, 4)),
    Column("waktu", Numeric(18, 4)),
    Column("biaya", Numeric(18, 2)),
    Column("target_revisi", JSON),
    Column("diubah_oleh", String(ID)),
    Column("diubah_at", DateTime(timezone=True), nullable=False),
)

pp30_tambahan = Table(
    "pp30_tambahan", metadata,
    Column("id", String(ID), primary_key=True),
    Column("penilaian_id", String(ID), _fk(), nullable=False, index=True),
    Column("jenis", String(20), nullable=False),  # TUGAS_TAMBAHAN or KREATIVITAS
    Column("uraian", Text, nullable=False),
    Column("jumlah", Integer, nullable=False),
    Column("oleh_pegawai_id", String(ID), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

catatan_perilaku = Table(
    "catatan_perilaku", metadata,
    Column("id", String(ID), primary_key=True),
    Column("penilaian_id", String(ID), _fk(), nullable=False, index=True),
    Column("tanggal", Date, nullable=False),
    Column("uraian", Text, nullable=False),
    Column("oleh_pegawai_id", String(ID), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

riwayat = Table(
    "riwayat", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("penilaian_id", String(ID), _fk(), nullable=False, index=True),
    Column("waktu", DateTime(timezone=True), nullable=False),
    Column("oleh_pegawai_id", String(ID)),
    Column("aksi", String(40), nullable=False),
    Column("sebelum", JSON),
    Column("sesudah", JSON),
    Column("alasan", Text),
)

perpanjangan = Table(
    "perpanjangan", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("periode_id", String(ID), nullable=False, index=True),
    Column("pegawai_id", String(ID)),
    Column("unor_id", String(ID)),
    Column("batas_pengisian", Date, nullable=False),
    Column("alasan", Text),
    Column("oleh_pegawai_id", String(ID), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # withdrawn (DELETE /perpanjangan/{id}): kept for the record, no longer extends anything
    Column("dicabut_at", DateTime(timezone=True)),
    Column("dicabut_oleh_pegawai_id", String(ID)),
)

capaian_organisasi = Table(
    "capaian_organisasi", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("tahun", Integer, nullable=False),
    Column("periode_id", String(ID), nullable=False),
    Column("unor_induk_id", String(ID), nullable=False),
    Column("capaian", String(20), nullable=False),
    Column("bukti_dukung", Text),
    Column("final", Boolean, nullable=False),
    Column("difinalkan_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("unor_induk_id", "periode_id"),
)

# who gives behaviour feedback on which aspect (from the SKP snapshot; the "tugas perilaku")
penilai_perilaku = Table(
    "penilai_perilaku", metadata,
    Column("penilaian_id", String(ID), _fk(), primary_key=True),
    Column("aspek", String(30), primary_key=True),
    Column("penilai", String(10), nullable=False),
    Column("penilai_pegawai_id", String(ID), nullable=False, index=True),
)
