"""penilaian.versi: the order of the PenilaianDiperbarui snapshots of one penilaian

Bumped once per transaction that changes a penilaian by a user action or a keberatan decision,
with the snapshot it publishes; existing rows start at 0 (no snapshot published yet).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("penilaian", sa.Column("versi", sa.Integer(), nullable=False,
                                         server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("penilaian") as batch:
        batch.drop_column("versi")
