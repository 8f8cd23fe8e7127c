"""The outbox relay: publishes unsent outbox rows in batches and marks them sent.

Rows are claimed with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several relays can run at
once without publishing the same row twice (SQLite serialises writers with BEGIN IMMEDIATE, so
the same code is safe there). The row lock is held while the batch is published; a row leaves
the waiting set only after the transport confirmed the whole batch. A failure leaves the rows
unsent, counts the attempt and retries after a backoff: a broker outage delays events, never
loses them.

A published row is deleted in the claiming transaction (``retention=0``, the default): the
outbox is a queue, not a log (the history of a change lives in the service's riwayat tables).
Marking it sent instead cost twice the database CPU and eight times the WAL per event in the
bus benchmark (an UPDATE writes a new version of the row, body included, and new entries in
every index), and the table grew without bound. With ``retention`` > 0 (seconds) published rows
are kept with ``sent_at`` set, for inspection, and purged once older than that.

Waiting for work: while rows keep coming the relay looks every ``poll_interval`` (50 ms);
each look that finds nothing doubles the wait, up to ``idle_interval`` (0.25 s), and the first
row found brings it back to ``poll_interval``. Polling every 50 ms around the clock cost seven
idle relays 0.13-0.19 of a core in the year-end run (docs/BENCHMARKS.md); the price is that
the first event after a quiet spell waits up to ``idle_interval``. ``wake()`` (called after an
in-process commit: the embedded mode, tests) cuts any wait short. (PostgreSQL ``NOTIFY`` from
the producing transaction would wake a relay at once, but it serialises the commits of every
notifying transaction: see docs/BENCHMARKS.md, "Event bus".)
"""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta, timezone
from typing import Protocol, Sequence

from sqlalchemy import BigInteger, any_, bindparam, delete, select, update
from sqlalchemy.dialects.postgresql import ARRAY
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
        retention: float = 0.0,
        purge_interval: float = 60.0,
        idle_interval: float = 0.25,
    ) -> None:
        self.engine = engine
        self.publisher = publisher
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        self.max_backoff = max_backoff
        self.name = name
        self.retention = retention
        self.purge_interval = purge_interval
        self.idle_interval = max(idle_interval, poll_interval)
        self._next_purge = 0.0
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
                    self._mark_published(conn, ids)
            if failure is not None:
                with conn.begin():  # count the attempt after the claim is released
                    conn.execute(
                        update(outbox)
                        .where(self._id_in(conn, ids), outbox.c.sent_at.is_(None))
                        .values(attempts=outbox.c.attempts + 1, last_error=str(failure)[:2000])
                    )
                raise failure
        return len(rows)

    def _mark_published(self, conn, ids: list[int]) -> None:
        if self.retention > 0:
            conn.execute(
                update(outbox)
                .where(self._id_in(conn, ids))
                .values(sent_at=datetime.now(timezone.utc), attempts=outbox.c.attempts + 1,
                        last_error=None)
            )
        else:
            conn.execute(delete(outbox).where(self._id_in(conn, ids)))

    @staticmethod
    def _id_in(conn, ids: list[int]):
        """``id = ANY(:ids)`` with one array parameter on PostgreSQL (an ``IN`` list of 500
        parameters was a third of the relay's CPU: rendering and converting each one);
        ``IN`` elsewhere."""
        if conn.dialect.name == "postgresql":
            return outbox.c.id == any_(bindparam("ids", ids, type_=ARRAY(BigInteger)))
        return outbox.c.id.in_(ids)

    def purge(self, *, chunk: int = 5000) -> int:
        """Delete published rows older than ``retention``; return how many (0 without
        retention: nothing is kept then)."""
        if self.retention <= 0:
            return 0
        cutoff = datetime.now(timezone.utc) - timedelta(seconds=self.retention)
        total = 0
        while True:
            with self.engine.begin() as conn:
                ids = conn.execute(
                    select(outbox.c.id)
                    .where(outbox.c.sent_at.is_not(None), outbox.c.sent_at < cutoff)
                    .limit(chunk)
                ).scalars().all()
                if ids:
                    conn.execute(delete(outbox).where(self._id_in(conn, ids)))
            total += len(ids)
            if len(ids) < chunk:
                return total

    def _maybe_purge(self) -> None:
        now = time.monotonic()
        if self.retention > 0 and now >= self._next_purge:
            self._next_purge = now + self.purge_interval
            purged = self.purge()
            if purged:
                log.info("outbox relay %s: purged %d published rows", self.name, purged)

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
        wait = self.poll_interval
        while not stop.is_set():
            try:
                self._maybe_purge()
                sent = self.run_once()
                backoff = self.poll_interval
            except Exception:
                log.warning("outbox relay %s: publish failed, retrying in %.2fs", self.name,
                            backoff, exc_info=True)
                stop.wait(backoff)
                backoff = min(max(backoff * 2, 0.1), self.max_backoff)
                continue
            if sent >= self.batch_size:
                continue
            wait = self.next_wait(wait, sent)
            if self._wake.wait(wait):
                wait = self.poll_interval
            self._wake.clear()

    def next_wait(self, wait: float, sent: int) -> float:
        """How long to wait after a look that published ``sent`` rows, having waited ``wait``
        before it: ``poll_interval`` after rows, twice as long (at most ``idle_interval``)
        after nothing."""
        if sent:
            return self.poll_interval
        return min(max(wait, self.poll_interval) * 2, self.idle_interval)

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

