"""penilaian (periode_id, unor_id) index: the distribution of one unit induk in one period
(every rating checks it) read its rows by index instead of every row of the period

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_penilaian_periode_unor", "penilaian", ["periode_id", "unor_id"])


def downgrade() -> None:
    op.drop_index("ix_penilaian_periode_unor", table_name="penilaian")
