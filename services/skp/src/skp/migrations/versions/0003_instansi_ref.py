"""read model of identity: instansi (its pengaturan carries the default model SKP)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "instansi_ref",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("nama", sa.String(300), nullable=False),
        sa.Column("kode", sa.String(50)),
        sa.Column("model_skp", sa.String(20)),
        sa.Column("pengaturan", sa.JSON),
        sa.Column("revisi", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_instansi_ref"),
    )


def downgrade() -> None:
    op.drop_table("instansi_ref")
