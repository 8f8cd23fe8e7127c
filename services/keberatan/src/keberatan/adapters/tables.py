"""Tables of the keberatan database (owned by this service alone).

``*_ref`` tables are keberatan's read models, kept from events only: identity's instansi (its
``pengaturan``: window, chain, configured pemutus, time zone) and pegawai, and penilaian's set
predikat (``predikat_ref``, one row per penilaian at its newest revisi).
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import JSON, Boolean, Column, DateTime, Index, Integer, String, Table, Text

from kinerja_shared.db import naming_metadata
from kinerja_shared.messaging import add_messaging_tables

metadata = naming_metadata()
outbox, inbox = add_messaging_tables(metadata)

ID = 64
TERBUKA_SQL = "status NOT IN ('DITARIK')"

instansi_ref = Table(
    "instansi_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("nama", String(300), nullable=False),
    Column("pengaturan", JSON, nullable=False),
    Column("revisi", Integer, nullable=False),
)

pegawai_ref = Table(
    "pegawai_ref", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False, index=True),
    Column("nip", String(32)),
    Column("nama", String(200), nullable=False),
    Column("gelar_depan", String(50)),
    Column("gelar_belakang", String(50)),
    Column("jabatan", String(300)),
    Column("unor_id", String(ID)),
    Column("aktif", Boolean, nullable=False),
    Column("status_kepegawaian", String(30), nullable=False, server_default="AKTIF"),
    Column("dihapus", Boolean, nullable=False),
    Column("revisi", Integer, nullable=False),
)

# the newest predikat of each penilaian (PredikatDitetapkan; a keberatan approval raises revisi)
predikat_ref = Table(
    "predikat_ref", metadata,
    Column("penilaian_id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False),
    Column("skp_id", String(ID), nullable=False),
    Column("pegawai_id", String(ID), nullable=False, index=True),
    Column("pegawai", JSON, nullable=False),
    Column("periode", JSON),
    Column("tahun", Integer, nullable=False),
    Column("model", String(30)),
    Column("unor_id", String(ID)),
    Column("rating_hasil_kerja", String(30)),
    Column("rating_perilaku", String(30)),
    Column("predikat", String(30), nullable=False),
    Column("nilai_kinerja", String(20)),
    Column("nilai_perilaku_pp30", JSON),
    Column("pejabat_penilai", JSON),
    Column("atasan_pejabat_penilai", JSON),
    Column("revisi", Integer, nullable=False),
    Column("ditetapkan_at", DateTime(timezone=True), nullable=False),
)

keberatan = Table(
    "keberatan", metadata,
    Column("id", String(ID), primary_key=True),
    Column("instansi_id", String(ID), nullable=False),
    Column("penilaian_id", String(ID), nullable=False),
    Column("revisi", Integer, nullable=False),  # the predikat revision objected to
    Column("pegawai_id", String(ID), nullable=False, index=True),
    Column("pegawai", JSON, nullable=False),
    Column("pegawai_nama", String(200), nullable=False),
    Column("pegawai_nip", String(32)),
    Column("unor_id", String(ID)),
    Column("tahun", Integer, nullable=False),
    Column("periode_id", String(ID)),
    Column("periode", JSON),
    Column("model", String(30)),
    Column("alur", String(30), nullable=False),
    Column("status", String(30), nullable=False),
    Column("terlambat", Boolean, nullable=False),
    Column("menunggu", String(30)),  # who acts next: PEJABAT_PENILAI, PEMUTUS, or None
    Column("alasan", Text, nullable=False),
    Column("bukti_dukung", JSON, nullable=False),
    Column("sebelum", JSON, nullable=False),
    Column("diminta", JSON, nullable=False),
    Column("sesudah", JSON),
    Column("penjelasan", Text),
    Column("sanggahan_atasan", Text),
    Column("sanggahan_penilai", Text),
    Column("keputusan", String(20)),
    Column("uraian", Text),
    Column("rekomendasi", Text),
    Column("alasan_tarik", Text),
    Column("pejabat_penilai_id", String(ID), index=True),
    Column("pejabat_penilai", JSON),
    Column("pemutus_id", String(ID), index=True),
    Column("pemutus", JSON),
    Column("pemutus_sumber", String(30), nullable=False),
    Column("batas_pengajuan_at", DateTime(timezone=True), nullable=False),
    Column("diajukan_at", DateTime(timezone=True), nullable=False),
    Column("dibuka_atasan_at", DateTime(timezone=True)),
    Column("direspon_at", DateTime(timezone=True)),
    Column("diputuskan_at", DateTime(timezone=True)),
    Column("ditarik_at", DateTime(timezone=True)),
    Column("versi", Integer, nullable=False),
    Column("diubah_at", DateTime(timezone=True), nullable=False),
    # one keberatan per penilaian and revision, a withdrawn one aside (DOMAIN.md §6)
    Index("uq_keberatan_penilaian_revisi", "penilaian_id", "revisi", unique=True,
          postgresql_where=sa.text(TERBUKA_SQL), sqlite_where=sa.text(TERBUKA_SQL)),
    Index("ix_keberatan_instansi_diajukan", "instansi_id", "diajukan_at"),
    Index("ix_keberatan_instansi_status", "instansi_id", "status"),
)

# every step of a keberatan: who, in which role, what, when, the status before and after
riwayat = Table(
    "keberatan_riwayat", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("keberatan_id", String(ID), nullable=False, index=True),
    Column("waktu", DateTime(timezone=True), nullable=False),
    Column("aksi", String(30), nullable=False),
    Column("oleh_pegawai_id", String(ID)),
    Column("oleh", JSON),
    Column("peran", String(30)),
    Column("status_sebelum", String(30)),
    Column("status_sesudah", String(30)),
    Column("isi", JSON),
)
