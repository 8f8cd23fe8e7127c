"""Which constraint an ``IntegrityError`` broke, on PostgreSQL and on SQLite.

Two requests that both pass a "does it exist yet?" check can both insert; the unique key lets
one win and the other fails at the insert or the commit. The web layer answers that loser 409
(``web.errors``) instead of 500, with the service's message for the constraint when it has one.
"""
from __future__ import annotations

import re
from typing import Literal

from sqlalchemy import MetaData
from sqlalchemy.exc import IntegrityError

Kind = Literal["unique", "foreign_key"]

_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (?:index '(?P<index>[^']+)'|(?P<cols>.+))")


def violation_of(exc: IntegrityError, metadata: MetaData | None = None
                 ) -> tuple[Kind, str | None] | None:
    """``("unique" | "foreign_key", constraint name or None)``, or None for another violation
    (not null, check: a bug, not a race)."""
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate is not None:  # psycopg
        diag = getattr(orig, "diag", None)
        name = getattr(diag, "constraint_name", None)
        if sqlstate == "23505":
            return "unique", name
        if sqlstate == "23503":
            return "foreign_key", name
        return None
    message = str(orig)
    if "FOREIGN KEY constraint failed" in message:
        return "foreign_key", None
    match = _SQLITE_UNIQUE.search(message)
    if match is None:
        return None
    if match.group("index"):
        return "unique", match.group("index")
    return "unique", _sqlite_constraint_name(match.group("cols"), metadata)


def _sqlite_constraint_name(columns: str, metadata: MetaData | None) -> str | None:
    """SQLite names the columns (``tbl.a, tbl.b``), not the constraint: find the unique
    constraint or index of ``metadata`` on exactly those columns."""
    if metadata is None:
        return None
    pairs = [c.strip().split(".", 1) for c in columns.split(",")]
    if not pairs or any(len(p) != 2 for p in pairs):
        return None
    table = metadata.tables.get(pairs[0][0])
    wanted = {col for _, col in pairs}
    if table is None:
        return None
    candidates = [(c.name, {col.name for col in c.columns}) for c in table.constraints
                  if c.__class__.__name__ in {"UniqueConstraint", "PrimaryKeyConstraint"}]
    candidates += [(i.name, {col.name for col in i.columns}) for i in table.indexes if i.unique]
    return next((str(name) for name, cols in candidates if cols == wanted and name), None)
