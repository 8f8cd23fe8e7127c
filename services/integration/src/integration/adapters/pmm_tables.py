"""integration's PMM tables (migration 0005): teachers registered as PMM users, the PLT mapping
of schools, what the last sync saw per teacher and semester, the sync log, the teachers' scores,
and skp's approved SKPs (is the atasan's organisation SKP made?)."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, String, Table, Text

from .tables import ID, TS, metadata

pmm_pengguna = Table(
    "pmm_pengguna", metadata,
    Column("pegawai_id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("nip", String(32), nullable=False, unique=True),
    Column("nama", String(300), nullable=False),
    Column("tipe_skp", String(20), nullable=False),  # GURU | KEPALA_SEKOLAH
    Column("pmm_id", String(100)),
    Column("dibuat_at", TS, nullable=False),
    Column("dibuat_oleh", String(ID)),
)

pmm_plt = Table(
    "pmm_plt", metadata,
    Column("instansi_id", String(ID), primary_key=True),
    Column("pmm_sekolah", String(100), primary_key=True),  # PMM's school (NPSN)
    Column("unor_id", String(ID), nullable=False),
    Column("diubah_at", TS, nullable=False),
)

pmm_rekaman = Table(
    "pmm_rekaman", metadata,
    Column("nip", String(32), primary_key=True),
    Column("periode", String(10), primary_key=True),
    Column("instansi_id", String(ID), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("revisi", Integer, nullable=False),
    Column("diubah_at", TS, nullable=False),
)

pmm_log = Table(
    "pmm_log", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False),
    Column("sinkron_id", String(ID)),
    Column("nip", String(32), nullable=False),
    Column("nama", String(300)),
    Column("pegawai_id", String(ID)),
    Column("tipe_skp", String(20)),
    Column("periode", String(10)),
    Column("status", String(10), nullable=False),  # BERHASIL | GAGAL
    Column("kode", String(40)),
    Column("keterangan", Text),
    Column("catatan", Text),
    Column("waktu", TS, nullable=False),
    Index("ix_pmm_log_instansi", "instansi_id", "waktu"),
)

pmm_nilai = Table(
    "pmm_nilai", metadata,
    Column("nip", String(32), primary_key=True),
    Column("periode", String(10), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("pegawai_id", String(ID)),
    Column("nama", String(300)),
    Column("tipe_skp", String(20)),
    Column("sekolah_npsn", String(20)),
    Column("sekolah_nama", String(300)),
    Column("daerah", String(200)),
    Column("rating_hasil_kerja", String(30)),
    Column("rating_perilaku", String(30)),
    Column("predikat", String(30)),
    Column("diimpor_at", TS, nullable=False),
)

skp_ref = Table(
    "skp_ref", metadata,
    Column("skp_id", String(ID), primary_key=True),
    Column("pegawai_id", String(ID), nullable=False, index=True),
    Column("tahun_awal", Integer, nullable=False),
    Column("tahun_akhir", Integer, nullable=False),
    Column("aktif", Boolean, nullable=False),
)
