"""PMM: teachers registered as PMM users, the PLT mapping of schools to unor, what the last
sync saw per teacher and semester, the sync log, the teachers' scores, skp's approved SKPs

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('pmm_log',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('sinkron_id', sa.String(length=64), nullable=True),
    sa.Column('nip', sa.String(length=32), nullable=False),
    sa.Column('nama', sa.String(length=300), nullable=True),
    sa.Column('pegawai_id', sa.String(length=64), nullable=True),
    sa.Column('tipe_skp', sa.String(length=20), nullable=True),
    sa.Column('periode', sa.String(length=10), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('kode', sa.String(length=40), nullable=True),
    sa.Column('keterangan', sa.Text(), nullable=True),
    sa.Column('catatan', sa.Text(), nullable=True),
    sa.Column('waktu', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pmm_log'))
    )
    op.create_index('ix_pmm_log_instansi', 'pmm_log', ['instansi_id', 'waktu'], unique=False)
    op.create_table('pmm_nilai',
    sa.Column('nip', sa.String(length=32), nullable=False),
    sa.Column('periode', sa.String(length=10), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('pegawai_id', sa.String(length=64), nullable=True),
    sa.Column('nama', sa.String(length=300), nullable=True),
    sa.Column('tipe_skp', sa.String(length=20), nullable=True),
    sa.Column('sekolah_npsn', sa.String(length=20), nullable=True),
    sa.Column('sekolah_nama', sa.String(length=300), nullable=True),
    sa.Column('daerah', sa.String(length=200), nullable=True),
    sa.Column('rating_hasil_kerja', sa.String(length=30), nullable=True),
    sa.Column('rating_perilaku', sa.String(length=30), nullable=True),
    sa.Column('predikat', sa.String(length=30), nullable=True),
    sa.Column('diimpor_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('nip', 'periode', name=op.f('pk_pmm_nilai'))
    )
    op.create_index(op.f('ix_pmm_nilai_instansi_id'), 'pmm_nilai', ['instansi_id'], unique=False)
    op.create_table('pmm_pengguna',
    sa.Column('pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('nip', sa.String(length=32), nullable=False),
    sa.Column('nama', sa.String(length=300), nullable=False),
    sa.Column('tipe_skp', sa.String(length=20), nullable=False),
    sa.Column('pmm_id', sa.String(length=100), nullable=True),
    sa.Column('dibuat_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('dibuat_oleh', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('pegawai_id', name=op.f('pk_pmm_pengguna')),
    sa.UniqueConstraint('nip', name=op.f('uq_pmm_pengguna_nip'))
    )
    op.create_index(op.f('ix_pmm_pengguna_instansi_id'), 'pmm_pengguna', ['instansi_id'], unique=False)
    op.create_table('pmm_plt',
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('pmm_sekolah', sa.String(length=100), nullable=False),
    sa.Column('unor_id', sa.String(length=64), nullable=False),
    sa.Column('diubah_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('instansi_id', 'pmm_sekolah', name=op.f('pk_pmm_plt'))
    )
    op.create_table('pmm_rekaman',
    sa.Column('nip', sa.String(length=32), nullable=False),
    sa.Column('periode', sa.String(length=10), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('diubah_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('nip', 'periode', name=op.f('pk_pmm_rekaman'))
    )
    op.create_table('skp_ref',
    sa.Column('skp_id', sa.String(length=64), nullable=False),
    sa.Column('pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('tahun_awal', sa.Integer(), nullable=False),
    sa.Column('tahun_akhir', sa.Integer(), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('skp_id', name=op.f('pk_skp_ref'))
    )
    op.create_index(op.f('ix_skp_ref_pegawai_id'), 'skp_ref', ['pegawai_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_skp_ref_pegawai_id'), table_name='skp_ref')
    op.drop_table('skp_ref')
    op.drop_table('pmm_rekaman')
    op.drop_table('pmm_plt')
    op.drop_index(op.f('ix_pmm_pengguna_instansi_id'), table_name='pmm_pengguna')
    op.drop_table('pmm_pengguna')
    op.drop_index(op.f('ix_pmm_nilai_instansi_id'), table_name='pmm_nilai')
    op.drop_table('pmm_nilai')
    op.drop_index('ix_pmm_log_instansi', table_name='pmm_log')
    op.drop_table('pmm_log')
