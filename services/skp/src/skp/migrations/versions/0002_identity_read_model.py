"""read model of identity: pegawai, unor, PLT/PLH, manual relasi

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pegawai_ref",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("instansi_id", sa.String(64), nullable=False),
        sa.Column("nip", sa.String(32)),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("gelar_depan", sa.String(50)),
        sa.Column("gelar_belakang", sa.String(50)),
        sa.Column("unor_id", sa.String(64)),
        sa.Column("jenis_jabatan", sa.String(20)),
        sa.Column("jabatan", sa.String(300)),
        sa.Column("kategori_jabatan", sa.String(20)),
        sa.Column("jenjang", sa.String(20)),
        sa.Column("golongan", sa.String(10)),
        sa.Column("tmt_jabatan", sa.Date),
        sa.Column("roles", sa.JSON),
        sa.Column("aktif", sa.Boolean, nullable=False),
        sa.Column("dihapus", sa.Boolean, nullable=False),
        sa.Column("revisi", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pegawai_ref"),
    )
    op.create_index("ix_pegawai_ref_instansi_id", "pegawai_ref", ["instansi_id"])
    op.create_index("ix_pegawai_ref_nip", "pegawai_ref", ["nip"])
    op.create_index("ix_pegawai_ref_unor_id", "pegawai_ref", ["unor_id"])
    op.create_table(
        "unor_ref",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("instansi_id", sa.String(64), nullable=False),
        sa.Column("nama", sa.String(300), nullable=False),
        sa.Column("jenis", sa.String(100)),
        sa.Column("eselon", sa.String(10)),
        sa.Column("unor_atasan_id", sa.String(64)),
        sa.Column("unor_induk_id", sa.String(64)),
        sa.Column("mandiri", sa.Boolean, nullable=False),
        sa.Column("kota", sa.String(100)),
        sa.Column("dihapus", sa.Boolean, nullable=False),
        sa.Column("revisi", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_unor_ref"),
    )
    op.create_index("ix_unor_ref_instansi_id", "unor_ref", ["instansi_id"])
    op.create_index("ix_unor_ref_unor_atasan_id", "unor_ref", ["unor_atasan_id"])
    op.create_table(
        "plt_plh_ref",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("instansi_id", sa.String(64), nullable=False),
        sa.Column("pegawai_id", sa.String(64), nullable=False),
        sa.Column("unor_id", sa.String(64), nullable=False),
        sa.Column("jabatan", sa.String(300)),
        sa.Column("jenis", sa.String(3), nullable=False),
        sa.Column("mulai", sa.Date, nullable=False),
        sa.Column("selesai", sa.Date),
        sa.Column("aktif", sa.Boolean, nullable=False),
        sa.Column("dihapus", sa.Boolean, nullable=False),
        sa.Column("revisi", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_plt_plh_ref"),
    )
    op.create_index("ix_plt_plh_ref_pegawai_id", "plt_plh_ref", ["pegawai_id"])
    op.create_index("ix_plt_plh_ref_unor_id", "plt_plh_ref", ["unor_id"])
    op.create_table(
        "relasi_manual_ref",
        sa.Column("pegawai_id", sa.String(64), nullable=False),
        sa.Column("instansi_id", sa.String(64), nullable=False),
        sa.Column("atasan_langsung_id", sa.String(64)),
        sa.Column("atasan_ii_id", sa.String(64)),
        sa.Column("atasan_iii_id", sa.String(64)),
        sa.Column("rekan_kerja_ids", sa.JSON),
        sa.Column("bawahan_ids", sa.JSON),
        sa.Column("revisi", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("pegawai_id", name="pk_relasi_manual_ref"),
    )


def downgrade() -> None:
    for table in ("relasi_manual_ref", "plt_plh_ref", "unor_ref", "pegawai_ref"):
        op.drop_table(table)
