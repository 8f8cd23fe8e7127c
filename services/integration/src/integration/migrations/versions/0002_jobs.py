"""background job table

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from alembic import op

from kinerja_shared.db.migrations import create_job_table_v1

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_job_table_v1(op)


def downgrade() -> None:
    op.drop_index("ix_job_status", table_name="job")
    op.drop_index("ix_job_instansi_id_dibuat_at", table_name="job")
    op.drop_table("job")
