"""pmm_nilai: a teacher's scores from PMM, held until the penilaian they belong to exist
(new table only)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('pmm_nilai',
    sa.Column('skp_id', sa.String(length=64), nullable=False),
    sa.Column('instansi_id', sa.String(length=64), nullable=False),
    sa.Column('nip', sa.String(length=32), nullable=False),
    sa.Column('periode', sa.String(length=10), nullable=False),
    sa.Column('revisi', sa.Integer(), nullable=False),
    sa.Column('rating_hasil_kerja', sa.String(length=24), nullable=True),
    sa.Column('rating_perilaku', sa.String(length=24), nullable=True),
    sa.Column('predikat', sa.String(length=20), nullable=False),
    sa.Column('diterima_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('skp_id', name=op.f('pk_pmm_nilai'))
    )


def downgrade() -> None:
    op.drop_table('pmm_nilai')
