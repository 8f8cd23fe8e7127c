"""identity: signing_key.signs_from (a rotated key is published first and signs only later)

Existing keys sign from their creation, as they did: the newest of them keeps signing.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("signing_key", sa.Column("signs_from", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE signing_key SET signs_from = created_at")
    # batch: SQLite (the embedded mode) cannot ALTER a column in place; PostgreSQL does
    with op.batch_alter_table("signing_key") as batch:
        batch.alter_column("signs_from", existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("signing_key") as batch:
        batch.drop_column("signs_from")
