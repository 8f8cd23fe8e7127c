"""Running one job: claim its row, call its function with a context, record how it ended.

Both runners call ``execute_job``; it never raises for a failing job function (the failure is
the row's GAGAL status), only when the database itself is unreachable.
"""
from __future__ import annotations

import json
import logging

from .registry import JobContext, JobRegistry, UnknownJob
from .store import Claim, JobStore

log = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 3


def execute_job(store: JobStore, registry: JobRegistry, job_id: str, *,
                previous_run_dead: bool = False, max_attempts: int = DEFAULT_MAX_ATTEMPTS,
                min_interval: float = 1.0) -> str:
    """Run ``job_id`` if it is still to be run; return what happened (for logs and tests).

    ``previous_run_dead`` says that a BERJALAN row belongs to a worker that is gone (a
    redelivered message, an embedded process that restarted), so the job may be taken over.
    A job whose workers were lost ``max_attempts`` times ends GAGAL instead of running again.
    """
    claim = store.claim(job_id, take_over_running=previous_run_dead)
    if claim is None:
        log.info("job %s skipped: missing, finished or running elsewhere", job_id)
        return "skipped"
    if claim.percobaan > max_attempts:
        store.fail(claim, f"gave up after {max_attempts} attempts: the worker was lost each time")
        return "gagal"
    try:
        fn = registry.get(claim.jenis)
    except UnknownJob:
        store.fail(claim, f"unknown job jenis {claim.jenis!r}")
        return "gagal"
    ctx = _context(store, claim, min_interval)
    try:
        hasil = fn(ctx, **claim.params)
        json.dumps(hasil)  # hasil must survive the JSON column; fail clearly if it cannot
    except Exception as exc:  # a job function's failure is data, not a crash
        log.exception("job %s (%s) failed", job_id, claim.jenis)
        _record(store.fail(claim, _describe(exc)), job_id)
        return "gagal"
    _record(store.finish(claim, hasil=hasil, selesai=ctx.done, total=ctx.total), job_id)
    return "selesai"


def _context(store: JobStore, claim: Claim, min_interval: float) -> JobContext:
    def sink(selesai: int, total: int | None, progres: int) -> None:
        store.report_progress(claim, selesai=selesai, total=total, progres=progres)

    return JobContext(claim.job_id, claim.params, jenis=claim.jenis,
                      instansi_id=claim.instansi_id, dibuat_oleh=claim.dibuat_oleh,
                      sink=sink, min_interval=min_interval)


def _describe(exc: BaseException) -> str:
    """The error text clients see: the exception, never a traceback (that goes to the log)."""
    message = str(exc)
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _record(written: bool, job_id: str) -> None:
    if not written:
        log.warning("job %s: outcome not recorded, a newer run took the row over", job_id)
