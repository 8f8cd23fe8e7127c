"""SIASN and PMM sync: per-instansi settings, sync jobs and their per-record results, the last
pull's view of SIASN, records to push with their push state, change feeds (per-instansi
sequence), service accounts and their tokens, webhooks and deliveries, identity's pegawai and
unor as integration reads them

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('feed',
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('jenis', sa.String(length=20), nullable=False),
    sa.Column('kunci', sa.String(length=200), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('dibuat_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('instansi_id', 'seq', name=op.f('pk_feed'))
    )
    op.create_index('ix_feed_jenis', 'feed', ['instansi_id', 'jenis', 'seq'], unique=False)
    op.create_table('feed_urutan',
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('instansi_id', name=op.f('pk_feed_urutan'))
    )
    op.create_table('klien',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('nama', sa.String(length=200), nullable=False),
    sa.Column('client_id', sa.String(length=100), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('scopes', sa.JSON(), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('dibuat_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('dibuat_oleh', sa.String(length=64), nullable=True),
    sa.Column('dicabut_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_klien')),
    sa.UniqueConstraint('client_id', name=op.f('uq_klien_client_id'))
    )
    op.create_index(op.f('ix_klien_instansi_id'), 'klien', ['instansi_id'], unique=False)
    op.create_table('pegawai_ref',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('nip', sa.String(length=32), nullable=True),
    sa.Column('nama', sa.String(length=300), nullable=False),
    sa.Column('gelar_depan', sa.String(length=100), nullable=True),
    sa.Column('gelar_belakang', sa.String(length=100), nullable=True),
    sa.Column('unor_id', sa.String(length=64), nullable=True),
    sa.Column('jabatan', sa.String(length=500), nullable=True),
    sa.Column('kategori_jabatan', sa.String(length=20), nullable=True),
    sa.Column('jenjang', sa.String(length=20), nullable=True),
    sa.Column('golongan', sa.String(length=10), nullable=True),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('dihapus', sa.Boolean(), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pegawai_ref'))
    )
    op.create_index(op.f('ix_pegawai_ref_instansi_id'), 'pegawai_ref', ['instansi_id'], unique=False)
    op.create_index(op.f('ix_pegawai_ref_nip'), 'pegawai_ref', ['nip'], unique=False)
    op.create_table('pengaturan',
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('siasn_instansi_id', sa.String(length=100), nullable=True),
    sa.Column('diubah_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('diubah_oleh', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('instansi_id', name=op.f('pk_pengaturan'))
    )
    op.create_table('pengiriman_webhook',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('webhook_id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('jenis', sa.String(length=20), nullable=False),
    sa.Column('feed_seq', sa.BigInteger(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('percobaan', sa.Integer(), nullable=False),
    sa.Column('berikut_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status_http', sa.Integer(), nullable=True),
    sa.Column('galat', sa.Text(), nullable=True),
    sa.Column('dibuat_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('terkirim_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pengiriman_webhook')),
    sa.UniqueConstraint('event_id', name=op.f('uq_pengiriman_webhook_event_id'))
    )
    op.create_index('ix_pengiriman_antrean', 'pengiriman_webhook', ['status', 'berikut_at'], unique=False)
    op.create_index('ix_pengiriman_webhook', 'pengiriman_webhook', ['webhook_id', 'id'], unique=False)
    op.create_table('rekaman',
    sa.Column('kunci', sa.String(length=200), nullable=False),
    sa.Column('jenis', sa.String(length=20), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.String(length=64), nullable=True),
    sa.Column('nip', sa.String(length=32), nullable=True),
    sa.Column('nama', sa.String(length=300), nullable=True),
    sa.Column('sumber_id', sa.String(length=64), nullable=False),
    sa.Column('sumber_revisi', sa.Integer(), nullable=False),
    sa.Column('ditetapkan_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('diterima_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('siasn_id', sa.String(length=100), nullable=True),
    sa.Column('hash_terkirim', sa.String(length=64), nullable=True),
    sa.Column('terkirim_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ragu', sa.Boolean(), nullable=False),
    sa.Column('status_kirim', sa.String(length=10), nullable=True),
    sa.Column('alasan', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('kunci', name=op.f('pk_rekaman'))
    )
    op.create_index('ix_rekaman_instansi', 'rekaman', ['instansi_id', 'tahun', 'jenis'], unique=False)
    op.create_table('siasn_pegawai',
    sa.Column('nip', sa.String(length=32), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('siasn_id', sa.String(length=100), nullable=True),
    sa.Column('hash', sa.String(length=64), nullable=True),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=True),
    sa.Column('diubah_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('nip', name=op.f('pk_siasn_pegawai'))
    )
    op.create_index(op.f('ix_siasn_pegawai_instansi_id'), 'siasn_pegawai', ['instansi_id'], unique=False)
    op.create_index(op.f('ix_siasn_pegawai_siasn_id'), 'siasn_pegawai', ['siasn_id'], unique=False)
    op.create_table('siasn_unor',
    sa.Column('siasn_id', sa.String(length=100), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=True),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=True),
    sa.Column('diubah_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('siasn_id', name=op.f('pk_siasn_unor'))
    )
    op.create_index(op.f('ix_siasn_unor_instansi_id'), 'siasn_unor', ['instansi_id'], unique=False)
    op.create_table('sinkron',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('sistem', sa.String(length=10), nullable=False),
    sa.Column('arah', sa.String(length=10), nullable=False),
    sa.Column('jenis', sa.String(length=30), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('induk_id', sa.String(length=64), nullable=True),
    sa.Column('waktu_request', sa.DateTime(timezone=True), nullable=False),
    sa.Column('waktu_mulai', sa.DateTime(timezone=True), nullable=True),
    sa.Column('waktu_selesai', sa.DateTime(timezone=True), nullable=True),
    sa.Column('user_request', sa.String(length=64), nullable=True),
    sa.Column('user_nama', sa.String(length=300), nullable=True),
    sa.Column('tambah', sa.Integer(), nullable=False),
    sa.Column('ubah', sa.Integer(), nullable=False),
    sa.Column('hapus', sa.Integer(), nullable=False),
    sa.Column('gagal', sa.Integer(), nullable=False),
    sa.Column('berhasil', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=True),
    sa.Column('pesan', sa.Text(), nullable=True),
    sa.Column('percobaan', sa.Integer(), nullable=False),
    sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('pekerja', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sinkron'))
    )
    op.create_index('ix_sinkron_antrean', 'sinkron', ['status', 'waktu_request'], unique=False)
    op.create_index('ix_sinkron_instansi', 'sinkron', ['instansi_id', 'jenis', 'waktu_request'], unique=False)
    op.create_table('sinkron_item',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('sinkron_id', sa.String(length=64), nullable=False),
    sa.Column('kunci', sa.String(length=200), nullable=False),
    sa.Column('nip', sa.String(length=32), nullable=True),
    sa.Column('nama', sa.String(length=300), nullable=True),
    sa.Column('aksi', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('alasan', sa.Text(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=True),
    sa.Column('siasn_id', sa.String(length=100), nullable=True),
    sa.Column('waktu', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sinkron_item')),
    sa.UniqueConstraint('sinkron_id', 'kunci', name='uq_sinkron_item_kunci')
    )
    op.create_index('ix_sinkron_item_status', 'sinkron_item', ['sinkron_id', 'status'], unique=False)
    op.create_table('token_klien',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('klien_id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('scopes', sa.JSON(), nullable=False),
    sa.Column('kedaluwarsa_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('dibuat_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_token_klien'))
    )
    op.create_index(op.f('ix_token_klien_klien_id'), 'token_klien', ['klien_id'], unique=False)
    op.create_table('unor_ref',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('nama', sa.String(length=500), nullable=False),
    sa.Column('unor_atasan_id', sa.String(length=64), nullable=True),
    sa.Column('kota', sa.String(length=200), nullable=True),
    sa.Column('dihapus', sa.Boolean(), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unor_ref'))
    )
    op.create_index(op.f('ix_unor_ref_instansi_id'), 'unor_ref', ['instansi_id'], unique=False)
    op.create_table('webhook',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('jenis', sa.JSON(), nullable=False),
    sa.Column('rahasia', sa.String(length=100), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('dibuat_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('dibuat_oleh', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook'))
    )
    op.create_index(op.f('ix_webhook_instansi_id'), 'webhook', ['instansi_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_webhook_instansi_id'), table_name='webhook')
    op.drop_table('webhook')
    op.drop_index(op.f('ix_unor_ref_instansi_id'), table_name='unor_ref')
    op.drop_table('unor_ref')
    op.drop_index(op.f('ix_token_klien_klien_id'), table_name='token_klien')
    op.drop_table('token_klien')
    op.drop_index('ix_sinkron_item_status', table_name='sinkron_item')
    op.drop_table('sinkron_item')
    op.drop_index('ix_sinkron_instansi', table_name='sinkron')
    op.drop_index('ix_sinkron_antrean', table_name='sinkron')
    op.drop_table('sinkron')
    op.drop_index(op.f('ix_siasn_unor_instansi_id'), table_name='siasn_unor')
    op.drop_table('siasn_unor')
    op.drop_index(op.f('ix_siasn_pegawai_siasn_id'), table_name='siasn_pegawai')
    op.drop_index(op.f('ix_siasn_pegawai_instansi_id'), table_name='siasn_pegawai')
    op.drop_table('siasn_pegawai')
    op.drop_index('ix_rekaman_instansi', table_name='rekaman')
    op.drop_table('rekaman')
    op.drop_index('ix_pengiriman_webhook', table_name='pengiriman_webhook')
    op.drop_index('ix_pengiriman_antrean', table_name='pengiriman_webhook')
    op.drop_table('pengiriman_webhook')
    op.drop_table('pengaturan')
    op.drop_index(op.f('ix_pegawai_ref_nip'), table_name='pegawai_ref')
    op.drop_index(op.f('ix_pegawai_ref_instansi_id'), table_name='pegawai_ref')
    op.drop_table('pegawai_ref')
    op.drop_index(op.f('ix_klien_instansi_id'), table_name='klien')
    op.drop_table('klien')
    op.drop_table('feed_urutan')
    op.drop_index('ix_feed_jenis', table_name='feed')
    op.drop_table('feed')
