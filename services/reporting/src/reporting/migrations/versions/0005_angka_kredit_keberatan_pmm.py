"""read models of angka-kredit, keberatan and integration (PMM scores, PMM sync log, sync jobs)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql")
TABLES = ("angka_kredit_rm", "keberatan_rm", "pmm_nilai_rm", "pmm_log_rm", "sinkron_rm")


def upgrade() -> None:
    op.create_table(
        "angka_kredit_rm",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("instansi_id", sa.String(length=64), nullable=False),
        sa.Column("pegawai_id", sa.String(length=64), nullable=False),
        sa.Column("unor_id", sa.String(length=64), nullable=True),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("sumber", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("aktif", sa.Boolean(), nullable=False),
        sa.Column("metode_tanda_tangan", sa.String(length=20), nullable=True),
        sa.Column("periode_awal", sa.Date(), nullable=True),
        sa.Column("revisi", sa.Integer(), nullable=False),
        sa.Column("snapshot", JSON, nullable=False),
        sa.Column("template", JSON, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_angka_kredit_rm")),
    )
    op.create_index("ix_angka_kredit_rm_instansi_id_tahun", "angka_kredit_rm",
                    ["instansi_id", "tahun"], unique=False)
    op.create_index(op.f("ix_angka_kredit_rm_pegawai_id"), "angka_kredit_rm", ["pegawai_id"],
                    unique=False)
    op.create_table(
        "keberatan_rm",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("instansi_id", sa.String(length=64), nullable=False),
        sa.Column("penilaian_id", sa.String(length=64), nullable=False),
        sa.Column("pegawai_id", sa.String(length=64), nullable=False),
        sa.Column("unor_id", sa.String(length=64), nullable=True),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("diajukan_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.Column("snapshot", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_keberatan_rm")),
    )
    op.create_index("ix_keberatan_rm_instansi_id_tahun", "keberatan_rm",
                    ["instansi_id", "tahun"], unique=False)
    op.create_index(op.f("ix_keberatan_rm_penilaian_id"), "keberatan_rm", ["penilaian_id"],
                    unique=False)
    op.create_table(
        "pmm_nilai_rm",
        sa.Column("id", sa.String(length=60), nullable=False),
        sa.Column("instansi_id", sa.String(length=64), nullable=False),
        sa.Column("nip", sa.String(length=32), nullable=False),
        sa.Column("pegawai_id", sa.String(length=64), nullable=True),
        sa.Column("nama", sa.String(length=200), nullable=True),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("periode", sa.String(length=20), nullable=False),
        sa.Column("periode_awal", sa.Date(), nullable=True),
        sa.Column("periode_akhir", sa.Date(), nullable=True),
        sa.Column("tipe_skp", sa.String(length=30), nullable=True),
        sa.Column("unor_id", sa.String(length=64), nullable=True),
        sa.Column("sekolah_npsn", sa.String(length=20), nullable=True),
        sa.Column("sekolah_nama", sa.String(length=300), nullable=True),
        sa.Column("daerah", sa.String(length=200), nullable=True),
        sa.Column("rating_hasil_kerja", sa.String(length=30), nullable=True),
        sa.Column("rating_perilaku", sa.String(length=30), nullable=True),
        sa.Column("predikat", sa.String(length=30), nullable=True),
        sa.Column("penilai_nip", sa.String(length=32), nullable=True),
        sa.Column("revisi", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pmm_nilai_rm")),
    )
    op.create_index("ix_pmm_nilai_rm_instansi_id_tahun", "pmm_nilai_rm",
                    ["instansi_id", "tahun"], unique=False)
    op.create_table(
        "pmm_log_rm",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("instansi_id", sa.String(length=64), nullable=False),
        sa.Column("sinkron_id", sa.String(length=64), nullable=True),
        sa.Column("nip", sa.String(length=32), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=True),
        sa.Column("pegawai_id", sa.String(length=64), nullable=True),
        sa.Column("tipe_skp", sa.String(length=30), nullable=True),
        sa.Column("periode", sa.String(length=20), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("kode", sa.String(length=60), nullable=True),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.Column("catatan", sa.Text(), nullable=True),
        sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pmm_log_rm")),
    )
    op.create_index("ix_pmm_log_rm_instansi_id_waktu", "pmm_log_rm", ["instansi_id", "waktu"],
                    unique=False)
    op.create_table(
        "sinkron_rm",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("instansi_id", sa.String(length=64), nullable=False),
        sa.Column("jenis", sa.String(length=30), nullable=False),
        sa.Column("sistem", sa.String(length=10), nullable=True),
        sa.Column("arah", sa.String(length=10), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=True),
        sa.Column("tambah", sa.Integer(), nullable=False),
        sa.Column("ubah", sa.Integer(), nullable=False),
        sa.Column("hapus", sa.Integer(), nullable=False),
        sa.Column("gagal", sa.Integer(), nullable=False),
        sa.Column("berhasil", sa.Integer(), nullable=False),
        sa.Column("pesan", sa.Text(), nullable=True),
        sa.Column("waktu_mulai", sa.DateTime(timezone=True), nullable=True),
        sa.Column("waktu_selesai", sa.DateTime(timezone=True), nullable=True),
        sa.Column("diubah_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sinkron_rm")),
    )
    op.create_index(op.f("ix_sinkron_rm_instansi_id"), "sinkron_rm", ["instansi_id"],
                    unique=False)


def downgrade() -> None:
    for name in TABLES:
        op.drop_table(name)
