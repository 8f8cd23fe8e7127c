"""keberatan: read models (instansi, pegawai, predikat), keberatan and its riwayat

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ID = 64
TERBUKA_SQL = "status NOT IN ('DITARIK')"


def _tz():
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "instansi_ref",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("nama", sa.String(300), nullable=False),
        sa.Column("pengaturan", sa.JSON(), nullable=False),
        sa.Column("revisi", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instansi_ref")))
    op.create_table(
        "pegawai_ref",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("instansi_id", sa.String(ID), nullable=False),
        sa.Column("nip", sa.String(32)),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("gelar_depan", sa.String(50)),
        sa.Column("gelar_belakang", sa.String(50)),
        sa.Column("jabatan", sa.String(300)),
        sa.Column("unor_id", sa.String(ID)),
        sa.Column("aktif", sa.Boolean(), nullable=False),
        sa.Column("status_kepegawaian", sa.String(30), nullable=False, server_default="AKTIF"),
        sa.Column("dihapus", sa.Boolean(), nullable=False),
        sa.Column("revisi", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pegawai_ref")))
    op.create_index(op.f("ix_pegawai_ref_instansi_id"), "pegawai_ref", ["instansi_id"])
    op.create_table(
        "predikat_ref",
        sa.Column("penilaian_id", sa.String(ID), nullable=False),
        sa.Column("instansi_id", sa.String(ID), nullable=False),
        sa.Column("skp_id", sa.String(ID), nullable=False),
        sa.Column("pegawai_id", sa.String(ID), nullable=False),
        sa.Column("pegawai", sa.JSON(), nullable=False),
        sa.Column("periode", sa.JSON()),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(30)),
        sa.Column("unor_id", sa.String(ID)),
        sa.Column("rating_hasil_kerja", sa.String(30)),
        sa.Column("rating_perilaku", sa.String(30)),
        sa.Column("predikat", sa.String(30), nullable=False),
        sa.Column("nilai_kinerja", sa.String(20)),
        sa.Column("nilai_perilaku_pp30", sa.JSON()),
        sa.Column("pejabat_penilai", sa.JSON()),
        sa.Column("atasan_pejabat_penilai", sa.JSON()),
        sa.Column("revisi", sa.Integer(), nullable=False),
        sa.Column("ditetapkan_at", _tz(), nullable=False),
        sa.PrimaryKeyConstraint("penilaian_id", name=op.f("pk_predikat_ref")))
    op.create_index(op.f("ix_predikat_ref_pegawai_id"), "predikat_ref", ["pegawai_id"])
    op.create_table(
        "keberatan",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("instansi_id", sa.String(ID), nullable=False),
        sa.Column("penilaian_id", sa.String(ID), nullable=False),
        sa.Column("revisi", sa.Integer(), nullable=False),
        sa.Column("pegawai_id", sa.String(ID), nullable=False),
        sa.Column("pegawai", sa.JSON(), nullable=False),
        sa.Column("pegawai_nama", sa.String(200), nullable=False),
        sa.Column("pegawai_nip", sa.String(32)),
        sa.Column("unor_id", sa.String(ID)),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.String(ID)),
        sa.Column("periode", sa.JSON()),
        sa.Column("model", sa.String(30)),
        sa.Column("alur", sa.String(30), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("terlambat", sa.Boolean(), nullable=False),
        sa.Column("menunggu", sa.String(30)),
        sa.Column("alasan", sa.Text(), nullable=False),
        sa.Column("bukti_dukung", sa.JSON(), nullable=False),
        sa.Column("sebelum", sa.JSON(), nullable=False),
        sa.Column("diminta", sa.JSON(), nullable=False),
        sa.Column("sesudah", sa.JSON()),
        sa.Column("penjelasan", sa.Text()),
        sa.Column("sanggahan_atasan", sa.Text()),
        sa.Column("sanggahan_penilai", sa.Text()),
        sa.Column("keputusan", sa.String(20)),
        sa.Column("uraian", sa.Text()),
        sa.Column("rekomendasi", sa.Text()),
        sa.Column("alasan_tarik", sa.Text()),
        sa.Column("pejabat_penilai_id", sa.String(ID)),
        sa.Column("pejabat_penilai", sa.JSON()),
        sa.Column("pemutus_id", sa.String(ID)),
        sa.Column("pemutus", sa.JSON()),
        sa.Column("pemutus_sumber", sa.String(30), nullable=False),
        sa.Column("batas_pengajuan_at", _tz(), nullable=False),
        sa.Column("diajukan_at", _tz(), nullable=False),
        sa.Column("dibuka_atasan_at", _tz()),
        sa.Column("direspon_at", _tz()),
        sa.Column("diputuskan_at", _tz()),
        sa.Column("ditarik_at", _tz()),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.Column("diubah_at", _tz(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_keberatan")))
    op.create_index("uq_keberatan_penilaian_revisi", "keberatan", ["penilaian_id", "revisi"],
                    unique=True, postgresql_where=sa.text(TERBUKA_SQL),
                    sqlite_where=sa.text(TERBUKA_SQL))
    op.create_index("ix_keberatan_instansi_diajukan", "keberatan", ["instansi_id", "diajukan_at"])
    op.create_index("ix_keberatan_instansi_status", "keberatan", ["instansi_id", "status"])
    op.create_index(op.f("ix_keberatan_pegawai_id"), "keberatan", ["pegawai_id"])
    op.create_index(op.f("ix_keberatan_pejabat_penilai_id"), "keberatan", ["pejabat_penilai_id"])
    op.create_index(op.f("ix_keberatan_pemutus_id"), "keberatan", ["pemutus_id"])
    op.create_table(
        "keberatan_riwayat",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("keberatan_id", sa.String(ID), nullable=False),
        sa.Column("waktu", _tz(), nullable=False),
        sa.Column("aksi", sa.String(30), nullable=False),
        sa.Column("oleh_pegawai_id", sa.String(ID)),
        sa.Column("oleh", sa.JSON()),
        sa.Column("peran", sa.String(30)),
        sa.Column("status_sebelum", sa.String(30)),
        sa.Column("status_sesudah", sa.String(30)),
        sa.Column("isi", sa.JSON()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_keberatan_riwayat")))
    op.create_index(op.f("ix_keberatan_riwayat_keberatan_id"), "keberatan_riwayat",
                    ["keberatan_id"])


def downgrade() -> None:
    op.drop_table("keberatan_riwayat")
    op.drop_table("keberatan")
    op.drop_table("predikat_ref")
    op.drop_table("pegawai_ref")
    op.drop_table("instansi_ref")
