"""SIASN link: siasn_pegawai and siasn_unor (which pegawai and unor integration's SIASN pull
brought, SIASN's values as last applied, what is still to resolve), siasn_konflik (local edits
a pull would have overwritten). New tables only.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('siasn_konflik',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('instansi_id', sa.String(length=36), nullable=False),
    sa.Column('entitas', sa.String(length=10), nullable=False),
    sa.Column('entitas_id', sa.String(length=36), nullable=False),
    sa.Column('kunci', sa.String(length=100), nullable=False),
    sa.Column('nama', sa.String(length=500), nullable=True),
    sa.Column('field', sa.String(length=50), nullable=False),
    sa.Column('nilai_lokal', sa.JSON(), nullable=True),
    sa.Column('nilai_siasn', sa.JSON(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('sinkron_id', sa.String(length=64), nullable=True),
    sa.Column('dibuat_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('diperbarui_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('diselesaikan_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('diselesaikan_oleh', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_siasn_konflik')),
    sa.UniqueConstraint('entitas', 'entitas_id', 'field', name='uq_siasn_konflik_field')
    )
    op.create_index('ix_siasn_konflik_status', 'siasn_konflik', ['instansi_id', 'status'], unique=False)
    op.create_table('siasn_pegawai',
    sa.Column('pegawai_id', sa.String(length=36), nullable=False),
    sa.Column('instansi_id', sa.String(length=36), nullable=False),
    sa.Column('nip', sa.String(length=18), nullable=False),
    sa.Column('siasn_id', sa.String(length=100), nullable=True),
    sa.Column('unor_siasn_id', sa.String(length=100), nullable=True),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('basis', sa.JSON(), nullable=False),
    sa.Column('diterima_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('pegawai_id', name=op.f('pk_siasn_pegawai')),
    sa.UniqueConstraint('nip', name=op.f('uq_siasn_pegawai_nip'))
    )
    op.create_index(op.f('ix_siasn_pegawai_instansi_id'), 'siasn_pegawai', ['instansi_id'], unique=False)
    op.create_index(op.f('ix_siasn_pegawai_siasn_id'), 'siasn_pegawai', ['siasn_id'], unique=False)
    op.create_index(op.f('ix_siasn_pegawai_unor_siasn_id'), 'siasn_pegawai', ['unor_siasn_id'], unique=False)
    op.create_table('siasn_unor',
    sa.Column('unor_id', sa.String(length=36), nullable=False),
    sa.Column('instansi_id', sa.String(length=36), nullable=False),
    sa.Column('siasn_id', sa.String(length=100), nullable=False),
    sa.Column('atasan_siasn_id', sa.String(length=100), nullable=True),
    sa.Column('induk_siasn_id', sa.String(length=100), nullable=True),
    sa.Column('kepala_siasn_id', sa.String(length=100), nullable=True),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('basis', sa.JSON(), nullable=False),
    sa.Column('diterima_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('unor_id', name=op.f('pk_siasn_unor')),
    sa.UniqueConstraint('instansi_id', 'siasn_id', name='uq_siasn_unor_instansi_siasn_id')
    )
    op.create_index(op.f('ix_siasn_unor_atasan_siasn_id'), 'siasn_unor', ['atasan_siasn_id'], unique=False)
    op.create_index(op.f('ix_siasn_unor_kepala_siasn_id'), 'siasn_unor', ['kepala_siasn_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_siasn_unor_kepala_siasn_id'), table_name='siasn_unor')
    op.drop_index(op.f('ix_siasn_unor_atasan_siasn_id'), table_name='siasn_unor')
    op.drop_table('siasn_unor')
    op.drop_index(op.f('ix_siasn_pegawai_unor_siasn_id'), table_name='siasn_pegawai')
    op.drop_index(op.f('ix_siasn_pegawai_siasn_id'), table_name='siasn_pegawai')
    op.drop_index(op.f('ix_siasn_pegawai_instansi_id'), table_name='siasn_pegawai')
    op.drop_table('siasn_pegawai')
    op.drop_index('ix_siasn_konflik_status', table_name='siasn_konflik')
    op.drop_table('siasn_konflik')
