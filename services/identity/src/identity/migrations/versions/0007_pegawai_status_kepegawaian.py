"""identity: pegawai.tmt_golongan, status_kepegawaian, tmt_status; the new instansi pengaturan

Existing pegawai become ``AKTIF`` with no TMTs (the server default); every instansi's
``pengaturan`` gets the new keys with their defaults (``alur_keberatan`` PERMENPAN_6_2022,
``pemutus_keberatan_pegawai_id`` null, ``angka_kredit_periodik`` false), keeping what is set.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa


revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# the keys this revision adds to instansi.pengaturan, with their defaults (as in
# domain.enums.PENGATURAN_BAWAAN at this revision; a migration never follows later code)
PENGATURAN_BARU = {
    "alur_keberatan": "PERMENPAN_6_2022",
    "pemutus_keberatan_pegawai_id": None,
    "angka_kredit_periodik": False,
}

_instansi = sa.table("instansi", sa.column("id", sa.String(36)),
                     sa.column("pengaturan", sa.JSON))


def _pengaturan(ubah) -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(_instansi.c.id, _instansi.c.pengaturan)).all()
    for id_, pengaturan in rows:
        baru = ubah(dict(pengaturan or {}))
        if baru != pengaturan:
            conn.execute(_instansi.update().where(_instansi.c.id == id_).values(pengaturan=baru))


def upgrade() -> None:
    op.add_column("pegawai", sa.Column("tmt_golongan", sa.Date(), nullable=True))
    op.add_column("pegawai", sa.Column("status_kepegawaian", sa.String(length=20),
                                       server_default="AKTIF", nullable=False))
    op.add_column("pegawai", sa.Column("tmt_status", sa.Date(), nullable=True))
    op.create_index("ix_pegawai_instansi_status", "pegawai",
                    ["instansi_id", "status_kepegawaian"], unique=False)
    _pengaturan(lambda p: {**PENGATURAN_BARU, **p})


def downgrade() -> None:
    _pengaturan(lambda p: {k: v for k, v in p.items() if k not in PENGATURAN_BARU})
    op.drop_index("ix_pegawai_instansi_status", table_name="pegawai")
    # batch: SQLite (the embedded mode) rebuilds the table; PostgreSQL drops in place
    with op.batch_alter_table("pegawai") as batch:
        batch.drop_column("tmt_status")
        batch.drop_column("status_kepegawaian")
        batch.drop_column("tmt_golongan")
