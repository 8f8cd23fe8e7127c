"""Building a real service runtime for tests: migrated database, a publisher that records."""
from __future__ import annotations

import dataclasses
import threading
from contextlib import contextmanager
from typing import Any, Iterator, Sequence

from ..config import ServiceSettings
from ..events import EventEnvelope
from ..messaging.outbox import OutgoingMessage
from ..runtime import ServiceRuntime, load_definitions


class RecordingPublisher:
    """A Publisher that keeps what the relay published (for tests that drain the outbox)."""

    def __init__(self) -> None:
        self.messages: list[OutgoingMessage] = []
        self._lock = threading.Lock()

    def publish_batch(self, messages: Sequence[OutgoingMessage]) -> None:
        with self._lock:
            self.messages.extend(messages)

    def envelopes(self, event_type: str | None = None) -> list[EventEnvelope]:
        with self._lock:
            found = [EventEnvelope.from_json(m.body) for m in self.messages]
        return [e for e in found if event_type is None or e.event_type == event_type]

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()


def make_test_runtime(
    service: str,
    database_url: str,
    *,
    publisher: Any = None,
    key_source: Any = None,
    migrate: bool = True,
    **settings: Any,
) -> ServiceRuntime:
    """A runtime of an installed service on ``database_url`` (migrated to head)."""
    definition = load_definitions([service])[service]
    base = ServiceSettings.from_env(service, {})
    settings.setdefault("check_http_conventions", True)
    runtime = ServiceRuntime(
        definition,
        dataclasses.replace(base, database_url=database_url, **settings),
        publisher=publisher if publisher is not None else RecordingPublisher(),
        key_source=key_source,
    )
    if migrate:
        runtime.migrate()
    return runtime


@contextmanager
def runtime_pair(service: str, dialect: str, make_pg_database, tmp_path_factory
                 ) -> Iterator[list[ServiceRuntime]]:
    """Two migrated runtimes of ``service`` on fresh databases of ``dialect`` ("postgresql" or
    "sqlite"): set-wise tests feed one event by event and the other in batches, then compare."""
    made = []
    try:
        for name in ("satu", "batch"):
            db = service.replace("-", "_")
            url = (make_pg_database(f"kinerja_{db}_{name}") if dialect == "postgresql"
                   else f"sqlite:///{tmp_path_factory.mktemp(name)}/{db}.db")
            made.append(make_test_runtime(service, url))
        yield made
    finally:
        for runtime in made:
            runtime.dispose()


def empty_tables(runtimes: Sequence[ServiceRuntime], tables: Sequence[Any]) -> None:
    """Delete every row of ``tables`` and of the inbox in each runtime's database (a clean
    start for the next test on module-scoped runtimes)."""
    for runtime in runtimes:
        with runtime.engine.begin() as conn:
            for table in (*tables, runtime.definition.metadata.tables["inbox"]):
                conn.execute(table.delete())
