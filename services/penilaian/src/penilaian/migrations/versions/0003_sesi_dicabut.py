"""revoked sessions: sesi_dicabut (tokens of a pegawai issued before a cutoff are refused)

The platform table every service has (kinerja_shared.auth.revocation): the SesiDicabut handler
the runtime subscribes every service to keeps it, and login_required reads it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""
from alembic import op

from kinerja_shared.db.migrations import create_sesi_dicabut_table_v1, drop_sesi_dicabut_table_v1

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_sesi_dicabut_table_v1(op)


def downgrade() -> None:
    drop_sesi_dicabut_table_v1(op)
