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


def snapshot_values(payload: Any, table: Table) -> dict[str, Any]:
    """The fields of a snapshot payload that ``table`` has columns for."""
    data = payload.model_dump()
    return {c.name: data[c.name] for c in table.columns if c.name in data}


def apply_snapshot(session: Session, table: Table, payload: Any, *, key: str = "id",
                   **extra: Any) -> bool:
    """Keep ``payload`` (a snapshot event) in ``table`` unless a newer revisi is stored;
    ``extra`` overrides or adds columns. A table with ``dihapus`` gets it cleared."""
    values = snapshot_values(payload, table)
    if "dihapus" in table.c and "dihapus" not in values:
        values["dihapus"] = False
    return upsert_snapshot(session, table, {**values, **extra}, key=key)


def apply_tombstone(session: Session, table: Table, payload: Any, *, key: str = "id",
                    **placeholders: Any) -> bool:
    """A deletion event: mark the row ``dihapus`` (and not ``aktif``), keeping its other
    columns; a row never seen is inserted with ``placeholders`` for its required columns."""
    values = {**placeholders, **snapshot_values(payload, table), "dihapus": True}
    update = ["dihapus"]
    if "aktif" in table.c:
        values["aktif"] = False
        update.append("aktif")
    return upsert_snapshot(session, table, values, key=key, update=update)
