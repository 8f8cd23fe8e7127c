"""identity: sesi_refresh, the rotating refresh tokens of login sessions (web UI)

One row per refresh token; ``sesi_id`` is the session (the token family): a reused token
revokes the whole family. The pegawai's rows go with the pegawai (ON DELETE CASCADE).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sesi_refresh",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("sesi_id", sa.String(36), nullable=False),
        sa.Column("pegawai_id", sa.String(36),
                  sa.ForeignKey("pegawai.id", name="fk_sesi_refresh_pegawai_id_pegawai",
                                ondelete="CASCADE"), nullable=False),
        sa.Column("rahasia_hash", sa.String(64), nullable=False),
        sa.Column("dibuat_at", TS, nullable=False),
        sa.Column("berlaku_sampai", TS, nullable=False),
        sa.Column("dipakai_at", TS, nullable=True),
        sa.Column("dicabut_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sesi_refresh"),
    )
    op.create_index("ix_sesi_refresh_sesi_id", "sesi_refresh", ["sesi_id"])
    op.create_index("ix_sesi_refresh_pegawai_id", "sesi_refresh", ["pegawai_id"])


def downgrade() -> None:
    op.drop_index("ix_sesi_refresh_pegawai_id", table_name="sesi_refresh")
    op.drop_index("ix_sesi_refresh_sesi_id", table_name="sesi_refresh")
    op.drop_table("sesi_refresh")
