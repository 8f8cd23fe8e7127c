"""identity: instansi, unor, pegawai, plt_plh, periode, relasi_manual, signing_key, login_attempt, riwayat

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 01:55:22.261758
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('instansi',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('nama', sa.String(length=300), nullable=False),
    sa.Column('kode', sa.String(length=50), nullable=True),
    sa.Column('pengaturan', sa.JSON(), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instansi')),
    sa.UniqueConstraint('kode', name=op.f('uq_instansi_kode'))
    )
    op.create_table('login_attempt',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_login_attempt'))
    )
    op.create_table('riwayat',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('instansi_id', sa.String(length=36), nullable=True),
    sa.Column('entitas', sa.String(length=30), nullable=False),
    sa.Column('entitas_id', sa.String(length=36), nullable=False),
    sa.Column('aksi', sa.String(length=20), nullable=False),
    sa.Column('oleh_pegawai_id', sa.String(length=36), nullable=True),
    sa.Column('oleh_nip', sa.String(length=18), nullable=True),
    sa.Column('waktu', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sebelum', sa.JSON(), nullable=True),
    sa.Column('sesudah', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_riwayat'))
    )
    op.create_index('ix_riwayat_entitas', 'riwayat', ['entitas', 'entitas_id'], unique=False)
    op.create_index(op.f('ix_riwayat_instansi_id'), 'riwayat', ['instansi_id'], unique=False)
    op.create_table('signing_key',
    sa.Column('kid', sa.String(length=100), nullable=False),
    sa.Column('private_pem', sa.Text(), nullable=False),
    sa.Column('public_jwk', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('kid', name=op.f('pk_signing_key'))
    )
    op.create_table('periode',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('instansi_id', sa.String(length=36), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('nama', sa.String(length=200), nullable=False),
    sa.Column('awal', sa.String(length=5), nullable=False),
    sa.Column('akhir', sa.String(length=5), nullable=False),
    sa.Column('batas_pengisian', sa.String(length=5), nullable=False),
    sa.Column('final', sa.Boolean(), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['instansi_id'], ['instansi.id'], name=op.f('fk_periode_instansi_id_instansi')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_periode'))
    )
    op.create_index('ix_periode_instansi_tahun', 'periode', ['instansi_id', 'tahun'], unique=False)
    op.create_index('uq_periode_final', 'periode', ['instansi_id', 'tahun'], unique=True, postgresql_where=sa.text('final'), sqlite_where=sa.text('final'))
    op.create_table('unor',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('instansi_id', sa.String(length=36), nullable=False),
    sa.Column('kode', sa.String(length=100), nullable=True),
    sa.Column('nama', sa.String(length=500), nullable=False),
    sa.Column('jenis', sa.String(length=100), nullable=True),
    sa.Column('eselon', sa.String(length=20), nullable=True),
    sa.Column('unor_atasan_id', sa.String(length=36), nullable=True),
    sa.Column('unor_induk_id', sa.String(length=36), nullable=True),
    sa.Column('mandiri', sa.Boolean(), nullable=False),
    sa.Column('kota', sa.String(length=200), nullable=True),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['instansi_id'], ['instansi.id'], name=op.f('fk_unor_instansi_id_instansi')),
    sa.ForeignKeyConstraint(['unor_atasan_id'], ['unor.id'], name=op.f('fk_unor_unor_atasan_id_unor')),
    sa.ForeignKeyConstraint(['unor_induk_id'], ['unor.id'], name=op.f('fk_unor_unor_induk_id_unor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unor')),
    sa.UniqueConstraint('instansi_id', 'kode', name='uq_unor_instansi_kode')
    )
    op.create_index(op.f('ix_unor_instansi_id'), 'unor', ['instansi_id'], unique=False)
    op.create_index(op.f('ix_unor_unor_atasan_id'), 'unor', ['unor_atasan_id'], unique=False)
    op.create_index(op.f('ix_unor_unor_induk_id'), 'unor', ['unor_induk_id'], unique=False)
    op.create_table('pegawai',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('instansi_id', sa.String(length=36), nullable=False),
    sa.Column('nip', sa.String(length=18), nullable=True),
    sa.Column('nik', sa.String(length=16), nullable=True),
    sa.Column('nama', sa.String(length=300), nullable=False),
    sa.Column('gelar_depan', sa.String(length=100), nullable=True),
    sa.Column('gelar_belakang', sa.String(length=100), nullable=True),
    sa.Column('unor_id', sa.String(length=36), nullable=True),
    sa.Column('jenis_jabatan', sa.String(length=20), nullable=False),
    sa.Column('jabatan', sa.String(length=500), nullable=True),
    sa.Column('kategori_jabatan', sa.String(length=20), nullable=True),
    sa.Column('jenjang', sa.String(length=20), nullable=True),
    sa.Column('golongan', sa.String(length=10), nullable=True),
    sa.Column('tmt_jabatan', sa.Date(), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('non_asn', sa.Boolean(), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=True),
    sa.Column('password_changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['instansi_id'], ['instansi.id'], name=op.f('fk_pegawai_instansi_id_instansi')),
    sa.ForeignKeyConstraint(['unor_id'], ['unor.id'], name=op.f('fk_pegawai_unor_id_unor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pegawai')),
    sa.UniqueConstraint('nik', name=op.f('uq_pegawai_nik')),
    sa.UniqueConstraint('nip', name=op.f('uq_pegawai_nip'))
    )
    op.create_index(op.f('ix_pegawai_instansi_id'), 'pegawai', ['instansi_id'], unique=False)
    op.create_index(op.f('ix_pegawai_unor_id'), 'pegawai', ['unor_id'], unique=False)
    op.create_table('plt_plh',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('instansi_id', sa.String(length=36), nullable=False),
    sa.Column('pegawai_id', sa.String(length=36), nullable=False),
    sa.Column('unor_id', sa.String(length=36), nullable=False),
    sa.Column('jabatan', sa.String(length=500), nullable=True),
    sa.Column('jenis', sa.String(length=3), nullable=False),
    sa.Column('mulai', sa.Date(), nullable=False),
    sa.Column('selesai', sa.Date(), nullable=True),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['instansi_id'], ['instansi.id'], name=op.f('fk_plt_plh_instansi_id_instansi')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_plt_plh_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['unor_id'], ['unor.id'], name=op.f('fk_plt_plh_unor_id_unor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plt_plh'))
    )
    op.create_index(op.f('ix_plt_plh_instansi_id'), 'plt_plh', ['instansi_id'], unique=False)
    op.create_index(op.f('ix_plt_plh_pegawai_id'), 'plt_plh', ['pegawai_id'], unique=False)
    op.create_index(op.f('ix_plt_plh_unor_id'), 'plt_plh', ['unor_id'], unique=False)
    op.create_table('relasi_manual',
    sa.Column('pegawai_id', sa.String(length=36), nullable=False),
    sa.Column('instansi_id', sa.String(length=36), nullable=False),
    sa.Column('atasan_langsung_id', sa.String(length=36), nullable=True),
    sa.Column('atasan_ii_id', sa.String(length=36), nullable=True),
    sa.Column('atasan_iii_id', sa.String(length=36), nullable=True),
    sa.Column('rekan_kerja_ids', sa.JSON(), nullable=False),
    sa.Column('bawahan_ids', sa.JSON(), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_relasi_manual_pegawai_id_pegawai')),
    sa.PrimaryKeyConstraint('pegawai_id', name=op.f('pk_relasi_manual'))
    )
    op.create_index(op.f('ix_relasi_manual_instansi_id'), 'relasi_manual', ['instansi_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_relasi_manual_instansi_id'), table_name='relasi_manual')
    op.drop_table('relasi_manual')
    op.drop_index(op.f('ix_plt_plh_unor_id'), table_name='plt_plh')
    op.drop_index(op.f('ix_plt_plh_pegawai_id'), table_name='plt_plh')
    op.drop_index(op.f('ix_plt_plh_instansi_id'), table_name='plt_plh')
    op.drop_table('plt_plh')
    op.drop_index(op.f('ix_pegawai_unor_id'), table_name='pegawai')
    op.drop_index(op.f('ix_pegawai_instansi_id'), table_name='pegawai')
    op.drop_table('pegawai')
    op.drop_index(op.f('ix_unor_unor_induk_id'), table_name='unor')
    op.drop_index(op.f('ix_unor_unor_atasan_id'), table_name='unor')
    op.drop_index(op.f('ix_unor_instansi_id'), table_name='unor')
    op.drop_table('unor')
    op.drop_index('uq_periode_final', table_name='periode', postgresql_where=sa.text('final'), sqlite_where=sa.text('final'))
    op.drop_index('ix_periode_instansi_tahun', table_name='periode')
    op.drop_table('periode')
    op.drop_table('signing_key')
    op.drop_index(op.f('ix_riwayat_instansi_id'), table_name='riwayat')
    op.drop_index('ix_riwayat_entitas', table_name='riwayat')
    op.drop_table('riwayat')
    op.drop_table('login_attempt')
    op.drop_table('instansi')
