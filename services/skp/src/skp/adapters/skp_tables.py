"""Tables of skp's own aggregates: Perjanjian Kinerja, SKP with RHK, indikator, perilaku,
Matriks Peran Hasil (peran), and the change history (riwayat)."""
from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, Date, DateTime, ForeignKey, Index, Integer,
                        String, Table, Text, UniqueConstraint)

from .tables import metadata

perjanjian_kinerja = Table(
    "perjanjian_kinerja",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("instansi_id", String(64), nullable=False, index=True),
    Column("pegawai_id", String(64), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("dibuat_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("pegawai_id", "tahun"),
)

pk_sasaran = Table(
    "perjanjian_sasaran",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("perjanjian_kinerja_id", String(64),
           ForeignKey("perjanjian_kinerja.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("urutan", Integer, nullable=False),
    Column("uraian", Text, nullable=False),
)

pk_indikator = Table(
    "perjanjian_indikator",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("sasaran_id", String(64), ForeignKey("perjanjian_sasaran.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("urutan", Integer, nullable=False),
    Column("uraian", Text, nullable=False),
    Column("target", String(100)),
    Column("satuan", String(100)),
)

skp = Table(
    "skp",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("instansi_id", String(64), nullable=False),
    Column("pegawai_id", String(64), nullable=False),
    Column("unor_id", String(64)),
    Column("plt_unor_id", String(64)),  # set for the separate SKP of a PLT role
    Column("jenis", String(10), nullable=False),
    Column("pendekatan", String(20), nullable=False),
    Column("model", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("mandiri", Boolean, nullable=False, default=False),
    Column("periode_awal", Date, nullable=False),
    Column("periode_akhir", Date, nullable=False),
    Column("pegawai", JSON),  # snapshot {id, nip, nama, jabatan, golongan, unor_id, ...}
    Column("pejabat_penilai_id", String(64)),
    Column("pejabat_penilai", JSON),
    Column("atasan_pejabat_penilai_id", String(64)),
    Column("atasan_pejabat_penilai", JSON),
    Column("catatan", Text),  # the last note of kembalikan
    Column("revisi", Integer, nullable=False, default=1),
    Column("dibuat_at", DateTime(timezone=True), nullable=False),
    Column("diubah_at", DateTime(timezone=True), nullable=False),
    Column("diajukan_at", DateTime(timezone=True)),
    Column("disetujui_at", DateTime(timezone=True)),
    Index("ix_skp_pegawai", "pegawai_id", "periode_awal"),
    Index("ix_skp_penilai", "pejabat_penilai_id", "status"),
    Index("ix_skp_instansi", "instansi_id", "status"),
)

rhk = Table(
    "rhk",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("skp_id", String(64), ForeignKey("skp.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("urutan", Integer, nullable=False),
    Column("jenis", String(10), nullable=False),
    Column("uraian", Text, nullable=False),
    Column("rhk_atasan_id", String(64), index=True),
    Column("peran_id", String(64)),
    Column("referensi", String(20)),
    Column("target_kuantitas", String(50)),
    Column("satuan", String(100)),
    Column("target_kualitas", String(50)),
    Column("target_waktu", String(50)),
    Column("target_biaya", String(50)),
    Column("matriks_kolom", JSON),  # Matriks Peran Hasil: the peran columns
    Column("matriks_baris", JSON),  # [{pegawai_id, jabatan_tim, peran: [str|null per kolom]}]
)

indikator = Table(
    "indikator",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("rhk_id", String(64), ForeignKey("rhk.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("skp_id", String(64), nullable=False, index=True),
    Column("urutan", Integer, nullable=False),
    Column("uraian", Text, nullable=False),
    Column("aspek", String(20)),
    Column("target", String(100)),
    Column("target_maks", String(100)),
    Column("satuan", String(100)),
    Column("perspektif", String(30)),
    Column("manual", JSON),  # manual indikator (BKN toolkit)
)

perilaku = Table(
    "perilaku",
    metadata,
    Column("skp_id", String(64), ForeignKey("skp.id", ondelete="CASCADE"), primary_key=True),
    Column("aspek", String(30), primary_key=True),
    Column("ekspektasi_khusus", Text),
    Column("penilai", String(10), nullable=False, default="ATASAN"),
    Column("penilai_pegawai_id", String(64)),
)

peran = Table(
    "peran",
    metadata,
    Column("id", String(64), primary_key=True),  # stable: uuid5(rhk, pegawai, kolom)
    Column("rhk_id", String(64), ForeignKey("rhk.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("skp_id", String(64), nullable=False),
    Column("pegawai_id", String(64), nullable=False, index=True),
    Column("pemberi_pegawai_id", String(64), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("kolom", Integer, nullable=False),
    Column("jabatan_tim", String(10), nullable=False),
    Column("uraian", Text, nullable=False),
)

riwayat = Table(
    "riwayat",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("skp_id", String(64), nullable=False, index=True),
    Column("waktu", DateTime(timezone=True), nullable=False),
    Column("oleh_pegawai_id", String(64)),
    Column("oleh_nama", String(200)),
    Column("aksi", String(50), nullable=False),
    Column("objek", String(100)),
    Column("sebelum", JSON),
    Column("sesudah", JSON),
)
