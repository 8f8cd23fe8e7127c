"""outbox and inbox tables

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""
from alembic import op

from kinerja_shared.db.migrations import create_messaging_tables_v1

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_messaging_tables_v1(op)


def downgrade() -> None:
    op.drop_table("inbox")
    op.drop_index("ix_outbox_unsent", table_name="outbox")
    op.drop_table("outbox")
