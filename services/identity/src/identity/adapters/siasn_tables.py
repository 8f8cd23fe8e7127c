"""identity's link to SIASN (migration 0008): which pegawai and unor SIASN's pull brought, what
SIASN last said of them (``basis``, to tell a local edit from SIASN's value), and the conflicts
a pull found (a local edit SIASN would overwrite is listed, not lost)."""
from __future__ import annotations

import sqlalchemy as sa

from .tables import TS, metadata

siasn_pegawai = sa.Table(
    "siasn_pegawai", metadata,
    sa.Column("pegawai_id", sa.String(36), primary_key=True),
    sa.Column("instansi_id", sa.String(36), nullable=False, index=True),
    sa.Column("nip", sa.String(18), nullable=False, unique=True),
    sa.Column("siasn_id", sa.String(100), index=True),  # SIASN's PNS orang id
    sa.Column("unor_siasn_id", sa.String(100), index=True),  # the unit SIASN places them in
    sa.Column("revisi", sa.Integer, nullable=False),  # integration's revisi of the record
    sa.Column("basis", sa.JSON, nullable=False),  # SIASN's values as last applied
    sa.Column("diterima_at", TS, nullable=False),
)

siasn_unor = sa.Table(
    "siasn_unor", metadata,
    sa.Column("unor_id", sa.String(36), primary_key=True),
    sa.Column("instansi_id", sa.String(36), nullable=False),
    sa.Column("siasn_id", sa.String(100), nullable=False),
    sa.Column("atasan_siasn_id", sa.String(100), index=True),
    sa.Column("induk_siasn_id", sa.String(100)),
    sa.Column("kepala_siasn_id", sa.String(100), index=True),
    sa.Column("revisi", sa.Integer, nullable=False),
    sa.Column("basis", sa.JSON, nullable=False),
    sa.Column("diterima_at", TS, nullable=False),
    sa.UniqueConstraint("instansi_id", "siasn_id", name="uq_siasn_unor_instansi_siasn_id"),
)

siasn_konflik = sa.Table(
    "siasn_konflik", metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("instansi_id", sa.String(36), nullable=False),
    sa.Column("entitas", sa.String(10), nullable=False),  # pegawai | unor
    sa.Column("entitas_id", sa.String(36), nullable=False),
    sa.Column("kunci", sa.String(100), nullable=False),  # NIP or SIASN unor id
    sa.Column("nama", sa.String(500)),
    sa.Column("field", sa.String(50), nullable=False),
    sa.Column("nilai_lokal", sa.JSON),
    sa.Column("nilai_siasn", sa.JSON),
    sa.Column("status", sa.String(10), nullable=False),  # TERBUKA | DITERIMA | DITOLAK
    sa.Column("sinkron_id", sa.String(64)),
    sa.Column("dibuat_at", TS, nullable=False),
    sa.Column("diperbarui_at", TS, nullable=False),
    sa.Column("diselesaikan_at", TS),
    sa.Column("diselesaikan_oleh", sa.String(36)),
    sa.UniqueConstraint("entitas", "entitas_id", "field", name="uq_siasn_konflik_field"),
    sa.Index("ix_siasn_konflik_status", "instansi_id", "status"),
)
