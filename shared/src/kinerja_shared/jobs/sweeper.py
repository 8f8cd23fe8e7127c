"""Production mode: enqueue again jobs whose row was committed but whose message never arrived.

``submit`` commits the MENUNGGU row, then publishes the message. A web process dying in
between, or a worker taking the message while the database was unreachable (the task fails
before it can claim the row, and the failed message is acked), leaves a row no message will
ever run. Embedded mode resumes such rows on start; here every ``kinerja worker`` runs a
``JobSweeper`` thread that finds them and enqueues them again.

A waiting job counts as lost once it has waited ``after`` seconds and either
- the service's job queue has no ready message (none can be waiting for it), or
- a job submitted more than ``after`` seconds later has already been started (the queue is
  FIFO, so its message would have been delivered first).
During a year-end backlog a queued job is therefore left alone, however long it waits.

Enqueueing twice is harmless: a worker claims the row with one conditional UPDATE
(``JobStore.claim``) before running it, so the second message finds it BERJALAN or finished
and is skipped. Each sweeper remembers what it re-enqueued and counts that job's wait from
then; with several worker replicas a lost job may be enqueued once per replica.
"""
from __future__ import annotations

import logging
import random
import threading
from datetime import datetime, timedelta, timezone

from celery import Celery, bootsteps
from sqlalchemy.orm import Session, sessionmaker

from .celery_app import enqueue_job
from .store import JobStore

log = logging.getLogger(__name__)

DEFAULT_AFTER = 300.0  # seconds a job waits before it may be taken for lost
DEFAULT_INTERVAL = 60.0  # seconds between sweeps
BATCH = 500  # waiting jobs looked at per sweep, oldest first


class JobSweeper:
    """Finds lost jobs of one service and enqueues them again; ``start`` sweeps every
    ``interval`` seconds on a thread of its own."""

    def __init__(self, app: Celery, session_factory: sessionmaker[Session], *,
                 after: float = DEFAULT_AFTER, interval: float = DEFAULT_INTERVAL) -> None:
        task_name = app.conf.get("kinerja_job_task")
        if task_name is None:
            raise ValueError("app was not made by make_celery_app")
        self._app = app
        self._task = app.tasks[task_name]
        self._queue = app.conf.task_default_queue
        self.store = JobStore(session_factory)
        self.after = timedelta(seconds=after)
        self.interval = interval
        self._enqueued: dict[str, datetime] = {}  # job id -> when this sweeper enqueued it
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def sweep(self, now: datetime | None = None) -> list[str]:
        """Enqueue every lost job once; return their ids."""
        now = now or datetime.now(timezone.utc)
        waiting = self.store.waiting(created_before=now - self.after, limit=BATCH)
        since = {job_id: self._enqueued.get(job_id, dibuat_at) for job_id, dibuat_at in waiting}
        self._enqueued = {k: v for k, v in self._enqueued.items() if k in since}
        due = {job_id: t for job_id, t in since.items() if t <= now - self.after}
        if not due:
            return []
        if self._ready_messages() == 0:
            lost = list(due)
        else:
            newest = self.store.newest_started()
            lost = [job_id for job_id, t in due.items()
                    if newest is not None and newest > t + self.after]
        for job_id in lost:
            enqueue_job(self._task, job_id)
            self._enqueued[job_id] = now
            log.warning("job %s waited since %s without a message on %s; enqueued again",
                        job_id, since[job_id].isoformat(), self._queue)
        return lost

    def _ready_messages(self) -> int:
        with self._app.connection_for_read() as conn:
            try:
                return conn.default_channel.queue_declare(queue=self._queue,
                                                          passive=True).message_count
            except conn.channel_errors:  # the queue does not exist: nothing waits on it
                return 0

    # -- the worker's thread ------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kinerja-job-sweeper",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        delay = random.uniform(0, self.interval)  # replicas started together sweep apart
        while not self._stop.wait(delay):
            delay = self.interval
            try:
                self.sweep()
            except Exception:  # noqa: BLE001 - database or broker away: try again next time
                log.warning("job sweeper of %s failed; next sweep in %.0fs", self._queue,
                            self.interval, exc_info=True)


def attach_sweeper(app: Celery, sweeper: JobSweeper) -> None:
    """Run ``sweeper`` in every worker of ``app``: started after the worker's pool (so prefork
    children are forked before the thread exists), stopped with the worker."""

    class JobSweeperStep(bootsteps.StartStopStep):
        requires = {"celery.worker.components:Pool"}

        def create(self, worker):
            return sweeper

    app.steps["worker"].add(JobSweeperStep)
