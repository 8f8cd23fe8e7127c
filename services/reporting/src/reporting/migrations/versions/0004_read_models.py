"""read models (identity, skp, penilaian), issued documents, job files, bulk prints

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("berkas", "capaian_rm", "cetak_item", "dokumen", "instansi_ref", "massal",
          "pegawai_ref", "penilaian_rm", "periode_ref", "plt_plh_ref", "skp_rm", "unor_ref")


def upgrade() -> None:
    op.create_table('berkas',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=True),
    sa.Column('pemilik_id', sa.String(length=64), nullable=True),
    sa.Column('kunci', sa.String(length=300), nullable=False),
    sa.Column('nama', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('ukuran', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('dibuat_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kedaluwarsa_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_berkas'))
    )
    op.create_index(op.f('ix_berkas_kedaluwarsa_at'), 'berkas', ['kedaluwarsa_at'], unique=False)
    op.create_table('capaian_rm',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=True),
    sa.Column('unor_induk_id', sa.String(length=64), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('periode_id', sa.String(length=64), nullable=True),
    sa.Column('capaian', sa.String(length=30), nullable=False),
    sa.Column('final', sa.Boolean(), nullable=False),
    sa.Column('diubah_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capaian_rm'))
    )
    op.create_table('cetak_item',
    sa.Column('massal_id', sa.String(length=36), nullable=False),
    sa.Column('urutan', sa.Integer(), nullable=False),
    sa.Column('sumber_id', sa.String(length=64), nullable=False),
    sa.Column('bagian', sa.Integer(), nullable=False),
    sa.Column('nama', sa.String(length=200), nullable=False),
    sa.Column('kunci', sa.String(length=300), nullable=True),
    sa.Column('kode', sa.String(length=20), nullable=True),
    sa.Column('selesai', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('massal_id', 'urutan', name=op.f('pk_cetak_item')),
    sa.UniqueConstraint('massal_id', 'sumber_id', name=op.f('uq_cetak_item_massal_id'))
    )
    op.create_index('ix_cetak_item_massal_id_bagian', 'cetak_item', ['massal_id', 'bagian'], unique=False)
    op.create_table('dokumen',
    sa.Column('kode', sa.String(length=20), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=True),
    sa.Column('jenis', sa.String(length=40), nullable=False),
    sa.Column('judul', sa.String(length=300), nullable=False),
    sa.Column('sumber_id', sa.String(length=64), nullable=False),
    sa.Column('pegawai_id', sa.String(length=64), nullable=True),
    sa.Column('pegawai_nip', sa.String(length=32), nullable=True),
    sa.Column('pegawai_nama', sa.String(length=300), nullable=True),
    sa.Column('penandatangan', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('ukuran', sa.Integer(), nullable=False),
    sa.Column('diterbitkan_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('diterbitkan_oleh', sa.String(length=64), nullable=True),
    sa.Column('job_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('kode', name=op.f('pk_dokumen'))
    )
    op.create_index(op.f('ix_dokumen_instansi_id'), 'dokumen', ['instansi_id'], unique=False)
    op.create_table('instansi_ref',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('nama', sa.String(length=300), nullable=False),
    sa.Column('kode', sa.String(length=50), nullable=True),
    sa.Column('pengaturan', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instansi_ref'))
    )
    op.create_table('massal',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('dibuat_oleh', sa.String(length=64), nullable=True),
    sa.Column('jenis', sa.String(length=30), nullable=False),
    sa.Column('params', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('total', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('zip_job_id', sa.String(length=36), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('dibuat_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('selesai_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_massal'))
    )
    op.create_table('pegawai_ref',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('nip', sa.String(length=32), nullable=True),
    sa.Column('nik', sa.String(length=32), nullable=True),
    sa.Column('nama', sa.String(length=200), nullable=False),
    sa.Column('gelar_depan', sa.String(length=50), nullable=True),
    sa.Column('gelar_belakang', sa.String(length=100), nullable=True),
    sa.Column('unor_id', sa.String(length=64), nullable=True),
    sa.Column('jenis_jabatan', sa.String(length=20), nullable=True),
    sa.Column('jabatan', sa.String(length=300), nullable=True),
    sa.Column('kategori_jabatan', sa.String(length=20), nullable=True),
    sa.Column('jenjang', sa.String(length=20), nullable=True),
    sa.Column('golongan', sa.String(length=10), nullable=True),
    sa.Column('pangkat', sa.String(length=60), nullable=True),
    sa.Column('tmt_jabatan', sa.Date(), nullable=True),
    sa.Column('tmt_golongan', sa.Date(), nullable=True),
    sa.Column('status_kepegawaian', sa.String(length=30), nullable=True),
    sa.Column('tmt_status', sa.Date(), nullable=True),
    sa.Column('non_asn', sa.Boolean(), nullable=True),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('dihapus', sa.Boolean(), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pegawai_ref'))
    )
    op.create_index(op.f('ix_pegawai_ref_instansi_id'), 'pegawai_ref', ['instansi_id'], unique=False)
    op.create_index(op.f('ix_pegawai_ref_unor_id'), 'pegawai_ref', ['unor_id'], unique=False)
    op.create_table('penilaian_rm',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('skp_id', sa.String(length=64), nullable=False),
    sa.Column('pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('unor_id', sa.String(length=64), nullable=True),
    sa.Column('unor_induk_id', sa.String(length=64), nullable=True),
    sa.Column('periode_id', sa.String(length=64), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('model', sa.String(length=20), nullable=False),
    sa.Column('jenis_skp', sa.String(length=10), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('rating_hasil_kerja', sa.String(length=30), nullable=True),
    sa.Column('rating_perilaku', sa.String(length=30), nullable=True),
    sa.Column('predikat', sa.String(length=30), nullable=True),
    sa.Column('nilai_skp', sa.Numeric(precision=8, scale=2), nullable=True),
    sa.Column('nilai_perilaku', sa.Numeric(precision=8, scale=2), nullable=True),
    sa.Column('nilai_kinerja', sa.Numeric(precision=8, scale=2), nullable=True),
    sa.Column('jumlah_realisasi', sa.Integer(), nullable=False),
    sa.Column('pejabat_penilai_id', sa.String(length=64), nullable=True),
    sa.Column('atasan_pejabat_penilai_id', sa.String(length=64), nullable=True),
    sa.Column('dikirim_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ditetapkan_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('versi', sa.Integer(), nullable=False),
    sa.Column('snapshot', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_penilaian_rm'))
    )
    op.create_index('ix_penilaian_rm_instansi_id_tahun_periode_id', 'penilaian_rm', ['instansi_id', 'tahun', 'periode_id'], unique=False)
    op.create_index(op.f('ix_penilaian_rm_pegawai_id'), 'penilaian_rm', ['pegawai_id'], unique=False)
    op.create_index(op.f('ix_penilaian_rm_skp_id'), 'penilaian_rm', ['skp_id'], unique=False)
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
    op.create_table('plt_plh_ref',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('unor_id', sa.String(length=64), nullable=False),
    sa.Column('jabatan', sa.String(length=300), nullable=True),
    sa.Column('jenis', sa.String(length=5), nullable=False),
    sa.Column('mulai', sa.Date(), nullable=False),
    sa.Column('selesai', sa.Date(), nullable=True),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('dihapus', sa.Boolean(), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plt_plh_ref'))
    )
    op.create_index(op.f('ix_plt_plh_ref_instansi_id'), 'plt_plh_ref', ['instansi_id'], unique=False)
    op.create_index(op.f('ix_plt_plh_ref_pegawai_id'), 'plt_plh_ref', ['pegawai_id'], unique=False)
    op.create_table('skp_rm',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=True),
    sa.Column('pegawai_id', sa.String(length=64), nullable=False),
    sa.Column('unor_id', sa.String(length=64), nullable=True),
    sa.Column('jenis', sa.String(length=10), nullable=True),
    sa.Column('pendekatan', sa.String(length=20), nullable=True),
    sa.Column('model', sa.String(length=20), nullable=True),
    sa.Column('periode_awal', sa.Date(), nullable=True),
    sa.Column('periode_akhir', sa.Date(), nullable=True),
    sa.Column('tahun', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('status_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('pejabat_penilai_id', sa.String(length=64), nullable=True),
    sa.Column('atasan_pejabat_penilai_id', sa.String(length=64), nullable=True),
    sa.Column('plt_unor_id', sa.String(length=64), nullable=True),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('snapshot', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skp_rm'))
    )
    op.create_index(op.f('ix_skp_rm_instansi_id'), 'skp_rm', ['instansi_id'], unique=False)
    op.create_index('ix_skp_rm_instansi_id_tahun', 'skp_rm', ['instansi_id', 'tahun'], unique=False)
    op.create_index(op.f('ix_skp_rm_pegawai_id'), 'skp_rm', ['pegawai_id'], unique=False)
    op.create_table('unor_ref',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('nama', sa.String(length=300), nullable=False),
    sa.Column('jenis', sa.String(length=50), nullable=True),
    sa.Column('eselon', sa.String(length=10), nullable=True),
    sa.Column('unor_atasan_id', sa.String(length=64), nullable=True),
    sa.Column('unor_induk_id', sa.String(length=64), nullable=True),
    sa.Column('mandiri', sa.Boolean(), nullable=False),
    sa.Column('kota', sa.String(length=100), nullable=True),
    sa.Column('dihapus', sa.Boolean(), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unor_ref'))
    )
    op.create_index(op.f('ix_unor_ref_instansi_id'), 'unor_ref', ['instansi_id'], unique=False)


def downgrade() -> None:
    for name in TABLES:
        op.drop_table(name)
