"""The job API a service uses, and the embedded (in-process) runner.

    runner.submit("laporan.rekap_predikat", {"periode_id": p}, instansi_id=i, dibuat_oleh=u)
    runner.get(job_id)     # {"status": "BERJALAN", "progres": 40, ...}
    runner.list_jobs(instansi_id=i, dibuat_oleh=u)

``submit`` commits the MENUNGGU row in its own transaction and only then hands the id to the
workers, so a worker never looks for a row that is not there yet. If handing it over fails,
the row is marked GAGAL and ``JobEnqueueError`` is raised: no job waits forever for a message
that was never sent. (A process dying between the commit and the hand-over leaves a MENUNGGU
row; ``InProcessJobRunner.resume_unfinished`` picks those up at start, and in production the
``JobSweeper`` every Celery worker runs enqueues them again.)
"""
from __future__ import annotations

import json
import logging
from abc import ABC, abstractmethod
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from .execution import DEFAULT_MAX_ATTEMPTS, execute_job
from .registry import JobRegistry, UnknownJob
from .store import JobStore

log = logging.getLogger(__name__)


class JobNotFound(LookupError):
    """No job with that id in this service's database."""


class JobEnqueueError(RuntimeError):
    """The job row was written but could not be handed to the workers; the row is GAGAL."""


class JobRunner(ABC):
    def __init__(self, session_factory: sessionmaker[Session], registry: JobRegistry) -> None:
        self.registry = registry
        self.store = JobStore(session_factory)

    def submit(self, jenis: str, params: dict[str, Any] | None = None, *,
               instansi_id: str | None = None, dibuat_oleh: str | None = None) -> str:
        """Record a MENUNGGU job, commit, enqueue it; return its id."""
        if jenis not in self.registry:
            raise UnknownJob(jenis)
        params = dict(params or {})
        json.dumps(params)  # params travel through a JSON column; refuse what cannot
        job_id = self.store.insert(jenis, params, instansi_id=instansi_id,
                                   dibuat_oleh=dibuat_oleh)
        try:
            self._enqueue(job_id)
        except Exception as exc:
            self.store.fail_waiting(job_id, f"could not enqueue: {type(exc).__name__}: {exc}")
            raise JobEnqueueError(f"job {job_id} could not be enqueued") from exc
        return job_id

    def get(self, job_id: str) -> dict[str, Any]:
        """The job row as a dict (times UTC-aware); raises ``JobNotFound``."""
        row = self.store.get(job_id)
        if row is None:
            raise JobNotFound(job_id)
        return row

    def list_jobs(self, *, instansi_id: str | None = None, dibuat_oleh: str | None = None,
                  jenis: str | None = None, status: str | None = None, limit: int = 50,
                  offset: int = 0) -> list[dict[str, Any]]:
        """Jobs newest first; callers pass the instansi/pegawai filters their rights allow."""
        return self.store.list_jobs(instansi_id=instansi_id, dibuat_oleh=dibuat_oleh,
                                    jenis=jenis, status=status, limit=limit, offset=offset)

    @abstractmethod
    def _enqueue(self, job_id: str) -> None:
        """Hand a committed MENUNGGU job to the workers."""

    def shutdown(self, *, wait: bool = True) -> None:
        """Release the runner's resources (threads, connections)."""


class InProcessJobRunner(JobRunner):
    """Embedded mode: jobs run on a bounded pool of threads in this process."""

    def __init__(self, session_factory: sessionmaker[Session], registry: JobRegistry, *,
                 max_workers: int = 2, max_attempts: int = DEFAULT_MAX_ATTEMPTS,
                 min_interval: float = 1.0) -> None:
        super().__init__(session_factory, registry)
        self._max_attempts = max_attempts
        self._min_interval = min_interval
        self._executor = ThreadPoolExecutor(max_workers=max_workers,
                                            thread_name_prefix="kinerja-job")

    def _enqueue(self, job_id: str, *, previous_run_dead: bool = False) -> None:
        future = self._executor.submit(
            execute_job, self.store, self.registry, job_id,
            previous_run_dead=previous_run_dead, max_attempts=self._max_attempts,
            min_interval=self._min_interval)
        future.add_done_callback(_log_crash)

    def resume_unfinished(self) -> int:
        """Enqueue jobs a previous run of this process left MENUNGGU or BERJALAN.

        Call once at start, before serving requests: embedded mode is one process per
        database, so every unfinished row belongs to a process that is gone.
        """
        ids = self.store.unfinished_ids()
        for job_id in ids:
            self._enqueue(job_id, previous_run_dead=True)
        return len(ids)

    def shutdown(self, *, wait: bool = True, cancel_pending: bool = False) -> None:
        """Stop taking jobs; cancelled ones stay MENUNGGU for ``resume_unfinished``."""
        self._executor.shutdown(wait=wait, cancel_futures=cancel_pending)


def _log_crash(future: Future) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.error("job worker crashed (database unreachable?)", exc_info=future.exception())
