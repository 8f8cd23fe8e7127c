"""Many rows with one statement, for set-wise event handlers and imports.

``insert_rows(session, table, rows)`` inserts ``rows`` (dicts with the same keys) into
``table``. On PostgreSQL it sends ONE statement whose parameters are one array per column::

    INSERT INTO effect (event_id, aggregate_id)
    SELECT * FROM unnest(CAST(:c0 AS VARCHAR(36)[]), CAST(:c1 AS VARCHAR(100)[]))

Its text depends only on the table and the columns, so psycopg parses and prepares it once,
whatever the number of rows. Measured in the bus benchmark's consumer: about half the CPU of an
``executemany`` (psycopg's pipeline sends one INSERT per row) and far less than a multi-row
``VALUES`` list (compiled and parsed afresh for every batch size). Elsewhere (SQLite), or when
unnest cannot carry the row (an ARRAY column, a default only SQLAlchemy can compute), it is an
``executemany`` of one cached statement.

``unnest_insert`` / ``unnest_params`` are the building blocks, also used by the read models'
``upsert_snapshots`` (which appends its ``ON CONFLICT`` clause).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from sqlalchemy import Table, text, types
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class UnnestInsert:
    statement: Any  # a text() statement
    columns: tuple[str, ...]  # what it inserts: the given columns + scalar Python-side defaults
    processors: tuple[Callable[[Any], Any] | None, ...]  # per column (JSON -> psycopg Json)


_cache: dict[tuple, UnnestInsert | None] = {}


def unnest_insert(table: Table, columns: Sequence[str], dialect: Dialect, *,
                  tail: str = "") -> UnnestInsert | None:
    """``INSERT INTO table (...) SELECT * FROM unnest(...) <tail>`` for rows with ``columns``;
    None when unnest cannot carry them (an ARRAY column would be flattened; a missing column
    whose default only SQLAlchemy computes). Cached per table, columns, tail and driver."""
    cache_key = (dialect.driver, table, tuple(columns), tail)
    if cache_key in _cache:
        return _cache[cache_key]
    insert_columns: list[str] | None = list(columns)
    for column in table.columns:
        if column.name in columns or column.default is None:
            continue
        if not column.default.is_scalar:
            insert_columns = None
            break
        insert_columns.append(column.name)
    if insert_columns is None or any(isinstance(_impl(table.c[name].type), types.ARRAY)
                                     for name in insert_columns):
        _cache[cache_key] = None
        return None
    pg = postgresql.dialect()
    preparer = pg.identifier_preparer
    arrays = ", ".join(f"CAST(:c{i} AS {table.c[name].type.compile(dialect=pg)}[])"
                       for i, name in enumerate(insert_columns))
    statement = text(
        f"INSERT INTO {preparer.format_table(table)} "
        f"({', '.join(preparer.quote(c) for c in insert_columns)}) "
        f"SELECT * FROM unnest({arrays}) {tail}".rstrip())
    processors = tuple(table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
                       for name in insert_columns)
    _cache[cache_key] = UnnestInsert(statement, tuple(insert_columns), processors)
    return _cache[cache_key]


def unnest_params(table: Table, spec: UnnestInsert, rows: Sequence[Mapping[str, Any]]
                  ) -> dict[str, list[Any]]:
    """One array per inserted column (a scalar Python-side default fills a missing column)."""
    params = {}
    for i, name in enumerate(spec.columns):
        values = [row[name] for row in rows] if name in rows[0] else \
            [table.c[name].default.arg] * len(rows)
        process = spec.processors[i]
        params[f"c{i}"] = [process(v) for v in values] if process else values
    return params


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert ``rows`` (dicts with the same keys) into ``table`` with one statement; return
    how many."""
    if not rows:
        return 0
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        spec = unnest_insert(table, tuple(rows[0]), dialect)
        if spec is not None:
            session.execute(spec.statement, unnest_params(table, spec, rows))
            return len(rows)
    session.execute(table.insert(), list(rows))
    return len(rows)


def _impl(column_type):
    return column_type.impl_instance if isinstance(column_type, types.TypeDecorator) \
        else column_type
