"""Automatic nomor SK: the next number of an instansi and year, taken in the approving
transaction. The counter row is incremented with one upsert (``INSERT ... ON CONFLICT DO
UPDATE ... RETURNING``): concurrent approvals of one instansi and year wait on that row's lock,
so each gets its own number; a transaction that rolls back takes its increment with it, so no
number is lost (gapless)."""
from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..adapters.tables import nomor_urut


def berikutnya(session, instansi_id: str, tahun: int) -> int:
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = insert(nomor_urut).values(instansi_id=instansi_id, tahun=tahun, terakhir=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[nomor_urut.c.instansi_id, nomor_urut.c.tahun],
        set_={"terakhir": nomor_urut.c.terakhir + 1})
    return session.execute(stmt.returning(nomor_urut.c.terakhir)).scalar_one()
