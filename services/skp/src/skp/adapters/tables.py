"""Tables of the skp database (owned by this service alone).

The ``*_ref`` tables are skp's read model of identity (instansi, pegawai, unor, PLT/PLH, manual
relasi),
kept from identity's snapshot events so no request path calls identity synchronously.
"""
from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, Integer, String, Table

from kinerja_shared.db import naming_metadata
from kinerja_shared.messaging import add_messaging_tables

metadata = naming_metadata()
outbox, inbox = add_messaging_tables(metadata)

instansi_ref = Table(
    "instansi_ref",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("nama", String(300), nullable=False),
    Column("kode", String(50)),
    Column("model_skp", String(20)),  # pengaturan["model_skp"]: the default model of new SKPs
    Column("pengaturan", JSON),
    Column("revisi", Integer, nullable=False),
)

pegawai_ref = Table(
    "pegawai_ref",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("instansi_id", String(64), nullable=False, index=True),
    Column("nip", String(32), index=True),
    Column("nama", String(200), nullable=False),
    Column("gelar_depan", String(50)),
    Column("gelar_belakang", String(50)),
    Column("unor_id", String(64), index=True),
    Column("jenis_jabatan", String(20)),
    Column("jabatan", String(300)),
    Column("kategori_jabatan", String(20)),
    Column("jenjang", String(20)),
    Column("golongan", String(10)),
    Column("tmt_jabatan", Date),
    Column("roles", JSON),
    Column("aktif", Boolean, nullable=False, default=True),
    Column("dihapus", Boolean, nullable=False, default=False),
    Column("revisi", Integer, nullable=False),
)

unor_ref = Table(
    "unor_ref",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("instansi_id", String(64), nullable=False, index=True),
    Column("nama", String(300), nullable=False),
    Column("jenis", String(100)),
    Column("eselon", String(10)),
    Column("unor_atasan_id", String(64), index=True),
    Column("unor_induk_id", String(64)),
    Column("mandiri", Boolean, nullable=False, default=False),
    Column("kota", String(100)),
    Column("dihapus", Boolean, nullable=False, default=False),
    Column("revisi", Integer, nullable=False),
)

plt_plh_ref = Table(
    "plt_plh_ref",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("instansi_id", String(64), nullable=False),
    Column("pegawai_id", String(64), nullable=False, index=True),
    Column("unor_id", String(64), nullable=False, index=True),
    Column("jabatan", String(300)),
    Column("jenis", String(3), nullable=False),
    Column("mulai", Date, nullable=False),
    Column("selesai", Date),
    Column("aktif", Boolean, nullable=False, default=True),
    Column("dihapus", Boolean, nullable=False, default=False),
    Column("revisi", Integer, nullable=False),
)

relasi_manual_ref = Table(
    "relasi_manual_ref",
    metadata,
    Column("pegawai_id", String(64), primary_key=True),
    Column("instansi_id", String(64), nullable=False),
    Column("atasan_langsung_id", String(64)),
    Column("atasan_ii_id", String(64)),
    Column("atasan_iii_id", String(64)),
    Column("rekan_kerja_ids", JSON),
    Column("bawahan_ids", JSON),
    Column("revisi", Integer, nullable=False),
)
from . import skp_tables  # noqa: E402,F401  (registers the aggregates' tables)
