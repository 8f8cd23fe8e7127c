"""The connection a report job streams its rows from.

On PostgreSQL: the runtime's engine. On SQLite (the embedded mode) the runtime's engine begins
every transaction with ``BEGIN IMMEDIATE`` (writers queue instead of failing), so a report
streaming its rows would hold the write lock for its whole run and its own progress updates,
made on another connection, would wait for it until they time out. Reports read through a
second engine whose transactions are plain (deferred) reads: under WAL a reader never blocks a
writer, and it sees one snapshot of the database for the whole report.
"""
from __future__ import annotations

import threading

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

_lock = threading.Lock()
_engines: dict[str, Engine] = {}


def pembaca(engine: Engine) -> Engine:
    if engine.dialect.name != "sqlite":
        return engine
    url = engine.url.render_as_string(hide_password=False)
    with _lock:
        found = _engines.get(url)
        if found is None:
            found = _engines[url] = _sqlite_pembaca(url)
        return found


def _sqlite_pembaca(url: str) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - trivial
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover - trivial
        conn.exec_driver_sql("BEGIN")  # deferred: a read takes no write lock

    return engine
