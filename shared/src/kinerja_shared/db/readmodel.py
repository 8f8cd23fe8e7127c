"""Read models fed by snapshot events: upsert a row only when the snapshot is newer.

Consumers must tolerate out-of-order delivery (ARCHITECTURE.md, "Events"): every snapshot
carries a per-aggregate ``revisi``; an older snapshot arriving late changes nothing, and a
deletion is kept as a tombstone (``dihapus``) so a late update cannot resurrect the row.
"""
from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session


def upsert_snapshot(session: Session, table: Table, values: dict[str, Any], *,
                    key: str = "id", version: str = "revisi",
                    update: Iterable[str] | None = None) -> bool:
    """Insert or update ``values`` in ``table`` unless the stored row has a newer ``version``.

    ``update`` limits which columns an existing row takes (e.g. a tombstone keeps the name).
    Returns True when the row was written.
    """
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = insert(table).values(**values)
    columns = set(update) | {version} if update is not None else set(values)
    changes = {c: stmt.excluded[c] for c in values if c != key and c in columns}
    stmt = stmt.on_conflict_do_update(
        index_elements=[key],
        set_=changes,
        where=table.c[version] < stmt.excluded[version],
    )
    # RETURNING, not rowcount: psycopg reports rowcount -1 for INSERT ... ON CONFLICT
    return session.execute(stmt.returning(table.c[key])).first() is not None
