"""penilaian: read models (instansi, periode, pegawai, unor, skp), penilaian and its parts, capaian organisasi, perpanjangan, riwayat

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 02:02:58.941499
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('capaian_organisasi',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('periode_id', sa.String(length=64), nullable=False),
    sa.Column('unor_induk_id', sa.String(length=64), nullable=False),
    sa.Column('capaian', sa.String(length=20), nullable=False),
    sa.Column('bukti_dukung', sa.Text(), nullable=True),
    sa.Column('final', sa.Boolean(), nullable=False),
    sa.Column('difinalkan_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capaian_organisasi')),
    sa.UniqueConstraint('unor_induk_id', 'periode_id', name=op.f('uq_capaian_organisasi_unor_induk_id'))
    )
    op.create_index(op.f('ix_capaian_organisasi_instansi_id'), 'capaian_organisasi', ['instansi_id'], unique=False)
    op.create_table('instansi_ref',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('nama', sa.String(length=300), nullable=False),
    sa.Column('pengaturan', sa.JSON(), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instansi_ref'))
    )
    op.create_table('pegawai_ref',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('nip', sa.String(length=32), nullable=True),
    sa.Column('nama', sa.String(length=200), nullable=False),
    sa.Column('unor_id', sa.String(length=64), nullable=True),
    sa.Column('jenis_jabatan', sa.String(length=20), nullable=True),
    sa.Column('jabatan', sa.String(length=300), nullable=True),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('dihapus', sa.Boolean(), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pegawai_ref'))
    )
    op.create_index(op.f('ix_pegawai_ref_instansi_id'), 'pegawai_ref', ['instansi_id'], unique=False)
    op.create_index(op.f('ix_pegawai_ref_unor_id'), 'pegawai_ref', ['unor_id'], unique=False)
    op.create_table('penilaian',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('skp_id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('unor_id', sa.String(length=64), nullable=True),
    sa.Column('periode_id', sa.String(length=64), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('model', sa.String(length=20), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('pejabat_penilai_id', sa.String(length=64), nullable=True),
    sa.Column('atasan_pejabat_penilai_id', sa.String(length=64), nullable=True),
    sa.Column('rating_hasil_kerja', sa.String(length=24), nullable=True),
    sa.Column('rating_perilaku', sa.String(length=24), nullable=True),
    sa.Column('predikat', sa.String(length=20), nullable=True),
    sa.Column('justifikasi_distribusi', sa.Text(), nullable=True),
    sa.Column('pp30_perilaku', sa.JSON(), nullable=True),
    sa.Column('nilai_skp', sa.Numeric(precision=8, scale=2), nullable=True),
    sa.Column('nilai_perilaku', sa.Numeric(precision=8, scale=2), nullable=True),
    sa.Column('nilai_kinerja', sa.Numeric(precision=8, scale=2), nullable=True),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('dikirim_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ditetapkan_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_penilaian')),
    sa.UniqueConstraint('skp_id', 'periode_id', name=op.f('uq_penilaian_skp_id'))
    )
    op.create_index(op.f('ix_penilaian_atasan_pejabat_penilai_id'), 'penilaian', ['atasan_pejabat_penilai_id'], unique=False)
    op.create_index(op.f('ix_penilaian_instansi_id'), 'penilaian', ['instansi_id'], unique=False)
    op.create_index(op.f('ix_penilaian_pegawai_id'), 'penilaian', ['pegawai_id'], unique=False)
    op.create_index(op.f('ix_penilaian_pejabat_penilai_id'), 'penilaian', ['pejabat_penilai_id'], unique=False)
    op.create_index(op.f('ix_penilaian_periode_id'), 'penilaian', ['periode_id'], unique=False)
    op.create_index(op.f('ix_penilaian_skp_id'), 'penilaian', ['skp_id'], unique=False)
    op.create_index(op.f('ix_penilaian_tahun'), 'penilaian', ['tahun'], unique=False)
    op.create_index(op.f('ix_penilaian_unor_id'), 'penilaian', ['unor_id'], unique=False)
    op.create_table('periode_ref',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('nama', sa.String(length=100), nullable=False),
    sa.Column('awal', sa.Date(), nullable=False),
    sa.Column('akhir', sa.Date(), nullable=False),
    sa.Column('batas_pengisian', sa.Date(), nullable=False),
    sa.Column('final', sa.Boolean(), nullable=False),
    sa.Column('dihapus', sa.Boolean(), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_periode_ref'))
    )
    op.create_index(op.f('ix_periode_ref_instansi_id'), 'periode_ref', ['instansi_id'], unique=False)
    op.create_table('perpanjangan',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('periode_id', sa.String(length=64), nullable=False),
    sa.Column('pegawai_id', sa.String(length=64), nullable=True),
    sa.Column('unor_id', sa.String(length=64), nullable=True),
    sa.Column('batas_pengisian', sa.Date(), nullable=False),
    sa.Column('alasan', sa.Text(), nullable=True),
    sa.Column('oleh_pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_perpanjangan'))
    )
    op.create_index(op.f('ix_perpanjangan_instansi_id'), 'perpanjangan', ['instansi_id'], unique=False)
    op.create_index(op.f('ix_perpanjangan_periode_id'), 'perpanjangan', ['periode_id'], unique=False)
    op.create_table('skp_ref',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('periode_awal', sa.Date(), nullable=False),
    sa.Column('periode_akhir', sa.Date(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('diubah_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skp_ref'))
    )
    op.create_index(op.f('ix_skp_ref_instansi_id'), 'skp_ref', ['instansi_id'], unique=False)
    op.create_index(op.f('ix_skp_ref_pegawai_id'), 'skp_ref', ['pegawai_id'], unique=False)
    op.create_table('unor_ref',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('nama', sa.String(length=300), nullable=False),
    sa.Column('unor_atasan_id', sa.String(length=64), nullable=True),
    sa.Column('unor_induk_id', sa.String(length=64), nullable=True),
    sa.Column('dihapus', sa.Boolean(), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unor_ref'))
    )
    op.create_index(op.f('ix_unor_ref_instansi_id'), 'unor_ref', ['instansi_id'], unique=False)
    op.create_index(op.f('ix_unor_ref_unor_induk_id'), 'unor_ref', ['unor_induk_id'], unique=False)
    op.create_table('catatan_perilaku',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('penilaian_id', sa.String(length=64), nullable=False),
    sa.Column('tanggal', sa.Date(), nullable=False),
    sa.Column('uraian', sa.Text(), nullable=False),
    sa.Column('oleh_pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['penilaian_id'], ['penilaian.id'], name=op.f('fk_catatan_perilaku_penilaian_id_penilaian'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catatan_perilaku'))
    )
    op.create_index(op.f('ix_catatan_perilaku_penilaian_id'), 'catatan_perilaku', ['penilaian_id'], unique=False)
    op.create_table('penilai_perilaku',
    sa.Column('penilaian_id', sa.String(length=64), nullable=False),
    sa.Column('aspek', sa.String(length=30), nullable=False),
    sa.Column('penilai', sa.String(length=10), nullable=False),
    sa.Column('penilai_pegawai_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['penilaian_id'], ['penilaian.id'], name=op.f('fk_penilai_perilaku_penilaian_id_penilaian'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('penilaian_id', 'aspek', name=op.f('pk_penilai_perilaku'))
    )
    op.create_index(op.f('ix_penilai_perilaku_penilai_pegawai_id'), 'penilai_perilaku', ['penilai_pegawai_id'], unique=False)
    op.create_table('pp30_realisasi',
    sa.Column('penilaian_id', sa.String(length=64), nullable=False),
    sa.Column('rhk_id', sa.String(length=64), nullable=False),
    sa.Column('kuantitas', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('kualitas', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('waktu', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('biaya', sa.Numeric(precision=18, scale=2), nullable=True),
    sa.Column('target_revisi', sa.JSON(), nullable=True),
    sa.Column('diubah_oleh', sa.String(length=64), nullable=True),
    sa.Column('diubah_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['penilaian_id'], ['penilaian.id'], name=op.f('fk_pp30_realisasi_penilaian_id_penilaian'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('penilaian_id', 'rhk_id', name=op.f('pk_pp30_realisasi'))
    )
    op.create_table('pp30_tambahan',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('penilaian_id', sa.String(length=64), nullable=False),
    sa.Column('jenis', sa.String(length=20), nullable=False),
    sa.Column('uraian', sa.Text(), nullable=False),
    sa.Column('jumlah', sa.Integer(), nullable=False),
    sa.Column('oleh_pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['penilaian_id'], ['penilaian.id'], name=op.f('fk_pp30_tambahan_penilaian_id_penilaian'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pp30_tambahan'))
    )
    op.create_index(op.f('ix_pp30_tambahan_penilaian_id'), 'pp30_tambahan', ['penilaian_id'], unique=False)
    op.create_table('realisasi',
    sa.Column('penilaian_id', sa.String(length=64), nullable=False),
    sa.Column('indikator_id', sa.String(length=64), nullable=False),
    sa.Column('realisasi', sa.Text(), nullable=True),
    sa.Column('bukti_dukung', sa.JSON(), nullable=False),
    sa.Column('keterangan', sa.Text(), nullable=True),
    sa.Column('umpan_balik', sa.Text(), nullable=True),
    sa.Column('umpan_balik_oleh', sa.String(length=64), nullable=True),
    sa.Column('diubah_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['penilaian_id'], ['penilaian.id'], name=op.f('fk_realisasi_penilaian_id_penilaian'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('penilaian_id', 'indikator_id', name=op.f('pk_realisasi'))
    )
    op.create_table('riwayat',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('penilaian_id', sa.String(length=64), nullable=False),
    sa.Column('waktu', sa.DateTime(timezone=True), nullable=False),
    sa.Column('oleh_pegawai_id', sa.String(length=64), nullable=True),
    sa.Column('aksi', sa.String(length=40), nullable=False),
    sa.Column('sebelum', sa.JSON(), nullable=True),
    sa.Column('sesudah', sa.JSON(), nullable=True),
    sa.Column('alasan', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['penilaian_id'], ['penilaian.id'], name=op.f('fk_riwayat_penilaian_id_penilaian'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_riwayat'))
    )
    op.create_index(op.f('ix_riwayat_penilaian_id'), 'riwayat', ['penilaian_id'], unique=False)
    op.create_table('umpan_balik_perilaku',
    sa.Column('penilaian_id', sa.String(length=64), nullable=False),
    sa.Column('aspek', sa.String(length=30), nullable=False),
    sa.Column('penilai', sa.String(length=10), nullable=False),
    sa.Column('penilai_pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('penilai_nama', sa.String(length=200), nullable=True),
    sa.Column('umpan_balik', sa.Text(), nullable=False),
    sa.Column('diubah_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['penilaian_id'], ['penilaian.id'], name=op.f('fk_umpan_balik_perilaku_penilaian_id_penilaian'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('penilaian_id', 'aspek', name=op.f('pk_umpan_balik_perilaku'))
    )


def downgrade() -> None:
    op.drop_table('umpan_balik_perilaku')
    op.drop_index(op.f('ix_riwayat_penilaian_id'), table_name='riwayat')
    op.drop_table('riwayat')
    op.drop_table('realisasi')
    op.drop_index(op.f('ix_pp30_tambahan_penilaian_id'), table_name='pp30_tambahan')
    op.drop_table('pp30_tambahan')
    op.drop_table('pp30_realisasi')
    op.drop_index(op.f('ix_penilai_perilaku_penilai_pegawai_id'), table_name='penilai_perilaku')
    op.drop_table('penilai_perilaku')
    op.drop_index(op.f('ix_catatan_perilaku_penilaian_id'), table_name='catatan_perilaku')
    op.drop_table('catatan_perilaku')
    op.drop_index(op.f('ix_unor_ref_unor_induk_id'), table_name='unor_ref')
    op.drop_index(op.f('ix_unor_ref_instansi_id'), table_name='unor_ref')
    op.drop_table('unor_ref')
    op.drop_index(op.f('ix_skp_ref_pegawai_id'), table_name='skp_ref')
    op.drop_index(op.f('ix_skp_ref_instansi_id'), table_name='skp_ref')
    op.drop_table('skp_ref')
    op.drop_index(op.f('ix_perpanjangan_periode_id'), table_name='perpanjangan')
    op.drop_index(op.f('ix_perpanjangan_instansi_id'), table_name='perpanjangan')
    op.drop_table('perpanjangan')
    op.drop_index(op.f('ix_periode_ref_instansi_id'), table_name='periode_ref')
    op.drop_table('periode_ref')
    op.drop_index(op.f('ix_penilaian_unor_id'), table_name='penilaian')
    op.drop_index(op.f('ix_penilaian_tahun'), table_name='penilaian')
    op.drop_index(op.f('ix_penilaian_skp_id'), table_name='penilaian')
    op.drop_index(op.f('ix_penilaian_periode_id'), table_name='penilaian')
    op.drop_index(op.f('ix_penilaian_pejabat_penilai_id'), table_name='penilaian')
    op.drop_index(op.f('ix_penilaian_pegawai_id'), table_name='penilaian')
    op.drop_index(op.f('ix_penilaian_instansi_id'), table_name='penilaian')
    op.drop_index(op.f('ix_penilaian_atasan_pejabat_penilai_id'), table_name='penilaian')
    op.drop_table('penilaian')
    op.drop_index(op.f('ix_pegawai_ref_unor_id'), table_name='pegawai_ref')
    op.drop_index(op.f('ix_pegawai_ref_instansi_id'), table_name='pegawai_ref')
    op.drop_table('pegawai_ref')
    op.drop_table('instansi_ref')
    op.drop_index(op.f('ix_capaian_organisasi_instansi_id'), table_name='capaian_organisasi')
    op.drop_table('capaian_organisasi')
