"""identity: indexes for GET /pegawai search on PostgreSQL (nama infix by trigram, nip/nik prefix)

``nama`` is searched with ILIKE '%...%' (3+ letters: what a trigram index answers) and ``nip`` /
``nik`` by prefix (LIKE '...%'), which the unique btree indexes cannot serve unless the database
collation is "C". Without these, every search read every pegawai of the instansi
(docs/BENCHMARKS.md, identity). SQLite (local development) keeps scanning.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 03:10:00
"""
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")  # trusted: the database owner may create it
    op.execute("CREATE INDEX ix_pegawai_nama_trgm ON pegawai USING gin (nama gin_trgm_ops)")
    op.execute("CREATE INDEX ix_pegawai_nip_pola ON pegawai (nip varchar_pattern_ops)")
    op.execute("CREATE INDEX ix_pegawai_nik_pola ON pegawai (nik varchar_pattern_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in ("ix_pegawai_nik_pola", "ix_pegawai_nip_pola", "ix_pegawai_nama_trgm"):
        op.execute(f"DROP INDEX IF EXISTS {name}")
