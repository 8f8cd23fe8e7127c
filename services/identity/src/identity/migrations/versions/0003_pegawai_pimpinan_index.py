"""identity: partial index of the definitive heads (jenis_jabatan PIMPINAN) per instansi

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 03:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_pegawai_pimpinan', 'pegawai', ['instansi_id'], unique=False,
                    postgresql_where=sa.text("jenis_jabatan = 'PIMPINAN'"),
                    sqlite_where=sa.text("jenis_jabatan = 'PIMPINAN'"))


def downgrade() -> None:
    op.drop_index('ix_pegawai_pimpinan', table_name='pegawai',
                  postgresql_where=sa.text("jenis_jabatan = 'PIMPINAN'"),
                  sqlite_where=sa.text("jenis_jabatan = 'PIMPINAN'"))
