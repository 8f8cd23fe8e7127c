"""The outbox relay: publishes unsent outbox rows in batches and marks them sent.

Rows are claimed with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several relays can run at
once without publishing the same row twice (SQLite serialises writers with BEGIN IMMEDIATE, so
the same code is safe there). The row lock is held while the batch is published; a row is marked
sent only after the transport confirmed the whole batch. A failure leaves the rows unsent, counts
the attempt and retries after a backoff: a broker outage delays events, never loses them.
"""
from __future__ import annotations

import logging
import threading
from datetime import datetime, timezone
from typing import Protocol, Sequence

from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from .outbox import OutgoingMessage, outbox

log = logging.getLogger(__name__)


class Publisher(Protocol):
    def publish_batch(self, messages: Sequence[OutgoingMessage]) -> None:
        """Publish every message or raise; return only after the broker has confirmed all."""


class OutboxRelay:
    def __init__(
        self,
        engine: Engine,
        publisher: Publisher,
        *,
        batch_size: int = 500,
        poll_interval: float = 0.05,
        max_backoff: float = 5.0,
        name: str = "relay",
    ) -> None:
        self.engine = engine
        self.publisher = publisher
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        self.max_backoff = max_backoff
        self.name = name
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> int:
        """Publish one batch; return how many rows were sent (0 when nothing was waiting)."""
        with self.engine.connect() as conn:
            failure: Exception | None = None
            with conn.begin():
                rows = conn.execute(
                    select(outbox.c.id, outbox.c.event_id, outbox.c.event_type,
                           outbox.c.routing_key, outbox.c.body)
                    .where(outbox.c.sent_at.is_(None))
                    .order_by(outbox.c.id)
                    .limit(self.batch_size)
                    .with_for_update(skip_locked=True)
                ).all()
                if not rows:
                    return 0
                ids = [r.id for r in rows]
                try:
                    self.publisher.publish_batch([
                        OutgoingMessage(r.event_id, r.event_type, r.routing_key, r.body.encode())
                        for r in rows
                    ])
                except Exception as exc:  # the transport failed: the rows stay unsent
                    failure = exc
                else:
                    conn.execute(
                        update(outbox)
                        .where(outbox.c.id.in_(ids))
                        .values(sent_at=datetime.now(timezone.utc),
                                attempts=outbox.c.attempts + 1, last_error=None)
                    )
            if failure is not None:
                with conn.begin():  # count the attempt after the claim is released
                    conn.execute(
                        update(outbox)
                        .where(outbox.c.id.in_(ids), outbox.c.sent_at.is_(None))
                        .values(attempts=outbox.c.attempts + 1, last_error=str(failure)[:2000])
                    )
                raise failure
        return len(rows)

    def drain(self) -> int:
        """Publish until nothing is waiting; return the total sent (used by tests and scripts)."""
        total = 0
        while (n := self.run_once()) > 0:
            total += n
        return total

    def wake(self) -> None:
        """Tell a running relay that new rows were committed (saves a poll interval)."""
        self._wake.set()

    def run_forever(self, stop: threading.Event | None = None) -> None:
        stop = stop or self._stop
        backoff = self.poll_interval
        while not stop.is_set():
            try:
                sent = self.run_once()
                backoff = self.poll_interval
            except Exception:
                log.warning("outbox relay %s: publish failed, retrying in %.2fs", self.name,
                            backoff, exc_info=True)
                stop.wait(backoff)
                backoff = min(max(backoff * 2, 0.1), self.max_backoff)
                continue
            if sent < self.batch_size:
                self._wake.wait(self.poll_interval)
                self._wake.clear()

    def start(self) -> threading.Thread:
        self._stop.clear()
        self._thread = threading.Thread(target=self.run_forever, name=f"{self.name}-relay",
                                        daemon=True)
        self._thread.start()
        return self._thread

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
