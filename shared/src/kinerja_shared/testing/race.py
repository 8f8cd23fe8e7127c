"""Two requests that race on a unique key, in the order that used to give a 500, every time.

``collide(runtime, first, second)`` runs ``first()`` in a thread and holds its transaction at
COMMIT (its row inserted, not yet visible); then runs ``second()``, whose "does it exist yet?"
check passes and whose INSERT waits on the unique index for ``first``'s transaction. Once
PostgreSQL shows that wait, ``first`` commits and ``second``'s INSERT fails with a unique-key
violation. Both results are returned: a service built the suite's way answers 201 and 409.

PostgreSQL only (SQLite serialises writers at BEGIN, so the race cannot happen there).
"""
from __future__ import annotations

import threading
import time
from typing import Any, Callable

from sqlalchemy import event, text

WAIT_SECONDS = 20.0


def collide(runtime: Any, first: Callable[[], Any], second: Callable[[], Any]
            ) -> tuple[Any, Any]:
    engine = runtime.engine
    if engine.dialect.name != "postgresql":
        raise RuntimeError("collide() needs PostgreSQL")
    first_thread: dict[str, Any] = {}
    at_commit = threading.Event()
    failures: list[BaseException] = []

    def hold_first_commit(conn) -> None:
        if threading.current_thread() is not first_thread.get("thread") or at_commit.is_set():
            return
        at_commit.set()
        _wait_for_lock_waiter(engine)

    def run_first() -> None:
        try:
            first_thread["result"] = first()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            failures.append(exc)
            at_commit.set()

    event.listen(engine, "commit", hold_first_commit)
    try:
        thread = threading.Thread(target=run_first, name="collide-first")
        first_thread["thread"] = thread
        thread.start()
        if not at_commit.wait(WAIT_SECONDS):
            raise AssertionError("the first request never reached COMMIT")
        if failures:
            raise failures[0]
        second_result = second()
        thread.join(WAIT_SECONDS)
        if failures:
            raise failures[0]
        return first_thread["result"], second_result
    finally:
        event.remove(engine, "commit", hold_first_commit)


def _wait_for_lock_waiter(engine) -> None:
    """Until another backend of this database waits on a lock (the second INSERT)."""
    deadline = time.monotonic() + WAIT_SECONDS
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            waiting = conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'")).scalar()
            conn.rollback()
            if waiting:
                return
            time.sleep(0.01)
    raise AssertionError("the second request never waited on the first one's row")
