"""Read models fed by snapshot events: upsert a row only when the snapshot is newer.

Consumers must tolerate out-of-order delivery (ARCHITECTURE.md, "Events"): every snapshot
carries a per-aggregate ``revisi``; an older snapshot arriving late changes nothing, and a
deletion is kept as a tombstone (``dihapus``) so a late update cannot resurrect the row.

One event at a time: ``apply_snapshot`` / ``apply_tombstone`` (on ``upsert_snapshot``). A
set-wise handler (``@batch_handler``) uses ``apply_snapshots`` / ``apply_tombstones`` (on
``upsert_snapshots``): one statement for the whole run of events, leaving the table exactly as
applying them one by one in their order would.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Sequence

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..messaging.dispatcher import batch_handler
from .bulk import unnest_insert, unnest_params


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


# --- set-wise ---------------------------------------------------------------------------------

def upsert_snapshots(session: Session, table: Table, rows: Sequence[Mapping[str, Any]], *,
                     key: str = "id", version: str = "revisi",
                     update: Iterable[str] | None = None) -> set[Any]:
    """``upsert_snapshot`` for many rows (dicts with the same keys) with ONE statement; returns
    the keys of the rows written.

    The result is what upserting the rows one by one, in their order, gives: for a key that
    occurs several times the columns an existing row takes (``update``, or all) come from its
    highest ``version`` (the first of equal ones) and the others from its first row (what a
    row never seen before is inserted with). PostgreSQL refuses an ``ON CONFLICT DO UPDATE``
    that touches one row twice, so each key is sent once.

    On PostgreSQL the rows travel as one array per column (``INSERT ... SELECT * FROM
    unnest(...) ON CONFLICT ...``): the statement text depends only on the table and the
    columns, so it is compiled once and psycopg prepares it once, whatever the number of rows
    (a multi-row ``VALUES`` list is compiled and parsed afresh for every call: ~10x slower
    here). Elsewhere (SQLite) it is SQLAlchemy's "insertmanyvalues" form of one cached statement.
    Rows with different keys raise ValueError.
    """
    if not rows:
        return set()
    columns = tuple(rows[0])
    if any(len(row) != len(columns) or any(c not in row for c in columns) for row in rows):
        raise ValueError(f"upsert_snapshots into {table.name}: the rows have different columns")
    changed = (set(update) | {version}) if update is not None else set(columns)
    set_columns = tuple(c for c in columns if c != key and c in changed)
    rows = _newest_per_key(rows, key=key, version=version, changed=set_columns)
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        spec = unnest_insert(table, columns, dialect,
                             tail=_on_conflict(table, set_columns, key, version))
        if spec is not None:
            return set(session.execute(spec.statement,
                                       unnest_params(table, spec, rows)).scalars())
    stmt = _generic_statement(table, set_columns, key, version, dialect.name)
    return set(session.execute(stmt, rows).scalars())


def apply_snapshots(session: Session, table: Table, payloads: Iterable[Any], *,
                    key: str = "id", derive: Callable[[Any], Mapping[str, Any]] | None = None,
                    **extra: Any) -> set[Any]:
    """``apply_snapshot`` for many snapshot events with one statement (see
    ``upsert_snapshots``); ``derive(payload)`` gives per-event extra columns. Returns the keys
    of the rows written."""
    rows = []
    for payload in payloads:
        values = snapshot_values(payload, table)
        if "dihapus" in table.c and "dihapus" not in values:
            values["dihapus"] = False
        rows.append({**values, **extra, **(derive(payload) if derive else {})})
    return upsert_snapshots(session, table, rows, key=key)


def snapshot_handler(table: Table, *, key: str = "id",
                     derive: Callable[[Any], Mapping[str, Any]] | None = None,
                     **extra: Any):
    """A set-wise event handler keeping ``table`` from a snapshot event (``apply_snapshots``);
    a read model's subscription list is then ``{"PegawaiDiperbarui":
    snapshot_handler(pegawai_ref), "PegawaiDihapus": tombstone_handler(pegawai_ref, nama="")}``."""
    @batch_handler
    def handle(events, uow) -> None:
        apply_snapshots(uow.session, table, [payload for payload, _ in events], key=key,
                        derive=derive, **extra)

    handle.__name__ = handle.__qualname__ = f"snapshot_{table.name}"
    return handle


def tombstone_handler(table: Table, *, key: str = "id", **placeholders: Any):
    """A set-wise event handler for a deletion event (``apply_tombstones``)."""
    @batch_handler
    def handle(events, uow) -> None:
        apply_tombstones(uow.session, table, [payload for payload, _ in events], key=key,
                         **placeholders)

    handle.__name__ = handle.__qualname__ = f"tombstone_{table.name}"
    return handle


def apply_tombstones(session: Session, table: Table, payloads: Iterable[Any], *,
                     key: str = "id", **placeholders: Any) -> set[Any]:
    """``apply_tombstone`` for many deletion events with one statement."""
    rows = [{**placeholders, **snapshot_values(payload, table), "dihapus": True}
            for payload in payloads]
    update = ["dihapus"]
    if "aktif" in table.c:
        for row in rows:
            row["aktif"] = False
        update.append("aktif")
    return upsert_snapshots(session, table, rows, key=key, update=update)


def _newest_per_key(rows: Sequence[Mapping[str, Any]], *, key: str, version: str,
                    changed: Iterable[str]) -> list[dict[str, Any]]:
    """One row per key, as upserting ``rows`` in order would leave it (see upsert_snapshots)."""
    merged: dict[Any, dict[str, Any]] = {}
    for row in rows:
        current = merged.get(row[key])
        if current is None:
            merged[row[key]] = dict(row)
        elif row[version] > current[version]:
            current.update({c: row[c] for c in changed})
    return list(merged.values())


_statements: dict[tuple, Any] = {}


def _on_conflict(table: Table, set_columns: tuple[str, ...], key: str, version: str) -> str:
    """The ``ON CONFLICT`` clause of the unnest upsert (PostgreSQL)."""
    preparer = postgresql.dialect().identifier_preparer
    quote = preparer.quote
    changes = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in set_columns)
    conflict = (f"DO UPDATE SET {changes} WHERE {preparer.format_table(table)}."
                f"{quote(version)} < excluded.{quote(version)}") if changes else "DO NOTHING"
    return f"ON CONFLICT ({quote(key)}) {conflict} RETURNING {quote(key)}"


def _generic_statement(table: Table, set_columns: tuple[str, ...], key: str, version: str,
                       dialect_name: str):
    """``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``, built once so its compiled form stays
    in SQLAlchemy's cache; executed with a list of rows ("insertmanyvalues")."""
    cache_key = (dialect_name, table, set_columns, key, version)
    stmt = _statements.get(cache_key)
    if stmt is None:
        insert = pg_insert if dialect_name == "postgresql" else sqlite_insert
        stmt = insert(table)
        if set_columns:
            stmt = stmt.on_conflict_do_update(
                index_elements=[key], set_={c: stmt.excluded[c] for c in set_columns},
                where=table.c[version] < stmt.excluded[version])
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=[key])
        stmt = _statements[cache_key] = stmt.returning(table.c[key])
    return stmt
