"""perpanjangan.dicabut_at / dicabut_oleh_pegawai_id: an extension withdrawn by an admin is kept
for the record and no longer moves the batas pengisian

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("perpanjangan") as batch:
        batch.add_column(sa.Column("dicabut_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("dicabut_oleh_pegawai_id", sa.String(length=64),
                                   nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("perpanjangan") as batch:
        batch.drop_column("dicabut_oleh_pegawai_id")
        batch.drop_column("dicabut_at")
