"""skp aggregates: Perjanjian Kinerja, SKP, RHK, indikator, perilaku, peran (MPH), riwayat

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('perjanjian_kinerja',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('dibuat_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_perjanjian_kinerja')),
    sa.UniqueConstraint('pegawai_id', 'tahun', name=op.f('uq_perjanjian_kinerja_pegawai_id'))
    )
    op.create_index(op.f('ix_perjanjian_kinerja_instansi_id'), 'perjanjian_kinerja', ['instansi_id'], unique=False)
    op.create_table('riwayat',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('skp_id', sa.String(length=64), nullable=False),
    sa.Column('waktu', sa.DateTime(timezone=True), nullable=False),
    sa.Column('oleh_pegawai_id', sa.String(length=64), nullable=True),
    sa.Column('oleh_nama', sa.String(length=200), nullable=True),
    sa.Column('aksi', sa.String(length=50), nullable=False),
    sa.Column('objek', sa.String(length=100), nullable=True),
    sa.Column('sebelum', sa.JSON(), nullable=True),
    sa.Column('sesudah', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_riwayat'))
    )
    op.create_index(op.f('ix_riwayat_skp_id'), 'riwayat', ['skp_id'], unique=False)
    op.create_table('skp',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('unor_id', sa.String(length=64), nullable=True),
    sa.Column('plt_unor_id', sa.String(length=64), nullable=True),
    sa.Column('jenis', sa.String(length=10), nullable=False),
    sa.Column('pendekatan', sa.String(length=20), nullable=False),
    sa.Column('model', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('mandiri', sa.Boolean(), nullable=False),
    sa.Column('periode_awal', sa.Date(), nullable=False),
    sa.Column('periode_akhir', sa.Date(), nullable=False),
    sa.Column('pegawai', sa.JSON(), nullable=True),
    sa.Column('pejabat_penilai_id', sa.String(length=64), nullable=True),
    sa.Column('pejabat_penilai', sa.JSON(), nullable=True),
    sa.Column('atasan_pejabat_penilai_id', sa.String(length=64), nullable=True),
    sa.Column('atasan_pejabat_penilai', sa.JSON(), nullable=True),
    sa.Column('catatan', sa.Text(), nullable=True),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('dibuat_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('diubah_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('diajukan_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('disetujui_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skp'))
    )
    op.create_index('ix_skp_instansi', 'skp', ['instansi_id', 'status'], unique=False)
    op.create_index('ix_skp_pegawai', 'skp', ['pegawai_id', 'periode_awal'], unique=False)
    op.create_index('ix_skp_penilai', 'skp', ['pejabat_penilai_id', 'status'], unique=False)
    op.create_table('perilaku',
    sa.Column('skp_id', sa.String(length=64), nullable=False),
    sa.Column('aspek', sa.String(length=30), nullable=False),
    sa.Column('ekspektasi_khusus', sa.Text(), nullable=True),
    sa.Column('penilai', sa.String(length=10), nullable=False),
    sa.Column('penilai_pegawai_id', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['skp_id'], ['skp.id'], name=op.f('fk_perilaku_skp_id_skp'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('skp_id', 'aspek', name=op.f('pk_perilaku'))
    )
    op.create_table('perjanjian_sasaran',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('perjanjian_kinerja_id', sa.String(length=64), nullable=False),
    sa.Column('urutan', sa.Integer(), nullable=False),
    sa.Column('uraian', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['perjanjian_kinerja_id'], ['perjanjian_kinerja.id'], name=op.f('fk_perjanjian_sasaran_perjanjian_kinerja_id_perjanjian_kinerja'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_perjanjian_sasaran'))
    )
    op.create_index(op.f('ix_perjanjian_sasaran_perjanjian_kinerja_id'), 'perjanjian_sasaran', ['perjanjian_kinerja_id'], unique=False)
    op.create_table('rhk',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('skp_id', sa.String(length=64), nullable=False),
    sa.Column('urutan', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=10), nullable=False),
    sa.Column('uraian', sa.Text(), nullable=False),
    sa.Column('rhk_atasan_id', sa.String(length=64), nullable=True),
    sa.Column('peran_id', sa.String(length=64), nullable=True),
    sa.Column('referensi', sa.String(length=20), nullable=True),
    sa.Column('target_kuantitas', sa.String(length=50), nullable=True),
    sa.Column('satuan', sa.String(length=100), nullable=True),
    sa.Column('target_kualitas', sa.String(length=50), nullable=True),
    sa.Column('target_waktu', sa.String(length=50), nullable=True),
    sa.Column('target_biaya', sa.String(length=50), nullable=True),
    sa.Column('matriks_kolom', sa.JSON(), nullable=True),
    sa.Column('matriks_baris', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['skp_id'], ['skp.id'], name=op.f('fk_rhk_skp_id_skp'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rhk'))
    )
    op.create_index(op.f('ix_rhk_rhk_atasan_id'), 'rhk', ['rhk_atasan_id'], unique=False)
    op.create_index(op.f('ix_rhk_skp_id'), 'rhk', ['skp_id'], unique=False)
    op.create_table('indikator',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('rhk_id', sa.String(length=64), nullable=False),
    sa.Column('skp_id', sa.String(length=64), nullable=False),
    sa.Column('urutan', sa.Integer(), nullable=False),
    sa.Column('uraian', sa.Text(), nullable=False),
    sa.Column('aspek', sa.String(length=20), nullable=True),
    sa.Column('target', sa.String(length=100), nullable=True),
    sa.Column('target_maks', sa.String(length=100), nullable=True),
    sa.Column('satuan', sa.String(length=100), nullable=True),
    sa.Column('perspektif', sa.String(length=30), nullable=True),
    sa.Column('manual', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['rhk_id'], ['rhk.id'], name=op.f('fk_indikator_rhk_id_rhk'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indikator'))
    )
    op.create_index(op.f('ix_indikator_rhk_id'), 'indikator', ['rhk_id'], unique=False)
    op.create_index(op.f('ix_indikator_skp_id'), 'indikator', ['skp_id'], unique=False)
    op.create_table('peran',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('rhk_id', sa.String(length=64), nullable=False),
    sa.Column('skp_id', sa.String(length=64), nullable=False),
    sa.Column('pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('pemberi_pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('kolom', sa.Integer(), nullable=False),
    sa.Column('jabatan_tim', sa.String(length=10), nullable=False),
    sa.Column('uraian', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['rhk_id'], ['rhk.id'], name=op.f('fk_peran_rhk_id_rhk'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peran'))
    )
    op.create_index(op.f('ix_peran_pegawai_id'), 'peran', ['pegawai_id'], unique=False)
    op.create_index(op.f('ix_peran_rhk_id'), 'peran', ['rhk_id'], unique=False)
    op.create_table('perjanjian_indikator',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('sasaran_id', sa.String(length=64), nullable=False),
    sa.Column('urutan', sa.Integer(), nullable=False),
    sa.Column('uraian', sa.Text(), nullable=False),
    sa.Column('target', sa.String(length=100), nullable=True),
    sa.Column('satuan', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['sasaran_id'], ['perjanjian_sasaran.id'], name=op.f('fk_perjanjian_indikator_sasaran_id_perjanjian_sasaran'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_perjanjian_indikator'))
    )
    op.create_index(op.f('ix_perjanjian_indikator_sasaran_id'), 'perjanjian_indikator', ['sasaran_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_perjanjian_indikator_sasaran_id'), table_name='perjanjian_indikator')
    op.drop_table('perjanjian_indikator')
    op.drop_index(op.f('ix_peran_rhk_id'), table_name='peran')
    op.drop_index(op.f('ix_peran_pegawai_id'), table_name='peran')
    op.drop_table('peran')
    op.drop_index(op.f('ix_indikator_skp_id'), table_name='indikator')
    op.drop_index(op.f('ix_indikator_rhk_id'), table_name='indikator')
    op.drop_table('indikator')
    op.drop_index(op.f('ix_rhk_skp_id'), table_name='rhk')
    op.drop_index(op.f('ix_rhk_rhk_atasan_id'), table_name='rhk')
    op.drop_table('rhk')
    op.drop_index(op.f('ix_perjanjian_sasaran_perjanjian_kinerja_id'), table_name='perjanjian_sasaran')
    op.drop_table('perjanjian_sasaran')
    op.drop_table('perilaku')
    op.drop_index('ix_skp_penilai', table_name='skp')
    op.drop_index('ix_skp_pegawai', table_name='skp')
    op.drop_index('ix_skp_instansi', table_name='skp')
    op.drop_table('skp')
    op.drop_index(op.f('ix_riwayat_skp_id'), table_name='riwayat')
    op.drop_table('riwayat')
    op.drop_index(op.f('ix_perjanjian_kinerja_instansi_id'), table_name='perjanjian_kinerja')
    op.drop_table('perjanjian_kinerja')
