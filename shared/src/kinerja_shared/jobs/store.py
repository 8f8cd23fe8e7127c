"""Reads and writes of ``job`` rows, each in its own short transaction.

Both runners go through this one class, so a job row means the same thing whichever runner
executed it. Writes made by a worker carry the ``percobaan`` it claimed the row with: a worker
that was given up on cannot overwrite the run that replaced it.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import MetaData, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from ..db.engine import BACA_SAJA
from ..db.times import as_utc
from .table import BERJALAN, GAGAL, MENUNGGU, SELESAI, add_job_table

job = add_job_table(MetaData())  # same definition as the service's own; used to build SQL

ERROR_MAX_CHARS = 4000


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _as_dict(row) -> dict[str, Any]:
    data = dict(row._mapping)
    for key in ("dibuat_at", "mulai_at", "selesai_at"):
        data[key] = as_utc(data[key])
    return data


@dataclass(frozen=True)
class Claim:
    """A worker's hold on a job row: what to run and the ``percobaan`` its writes carry."""

    job_id: str
    jenis: str
    params: dict[str, Any]
    instansi_id: str | None
    dibuat_oleh: str | None
    percobaan: int


class JobStore:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory
        # reads (a job polled while workers write its progress) on read-only connections:
        # under SQLite a deferred transaction that does not wait for the writers' lock
        bind = session_factory.kw.get("bind")
        self._baca = session_factory if bind is None else sessionmaker(
            bind=bind.execution_options(**{BACA_SAJA: True}), expire_on_commit=False)

    def insert(self, jenis: str, params: dict[str, Any], *, instansi_id: str | None,
               dibuat_oleh: str | None) -> str:
        """Insert a MENUNGGU row and commit; return its id."""
        job_id = str(uuid.uuid4())
        with self._session_factory.begin() as session:
            session.execute(job.insert().values(
                id=job_id, jenis=jenis, status=MENUNGGU, progres=0, total=None, selesai=0,
                params=params, instansi_id=instansi_id, dibuat_oleh=dibuat_oleh,
                percobaan=0, dibuat_at=_now(),
            ))
        return job_id

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self._baca() as session:
            row = session.execute(select(job).where(job.c.id == job_id)).first()
        return None if row is None else _as_dict(row)

    def list_jobs(self, *, instansi_id: str | None = None, dibuat_oleh: str | None = None,
             jenis: str | None = None, status: str | None = None, limit: int = 50,
             offset: int = 0) -> list[dict[str, Any]]:
        """Newest first, filtered by every argument given."""
        query = select(job).order_by(job.c.dibuat_at.desc(), job.c.id).limit(limit).offset(offset)
        for col, value in (("instansi_id", instansi_id), ("dibuat_oleh", dibuat_oleh),
                           ("jenis", jenis), ("status", status)):
            if value is not None:
                query = query.where(job.c[col] == value)
        with self._session_factory() as session:
            return [_as_dict(row) for row in session.execute(query)]

    def claim(self, job_id: str, *, take_over_running: bool) -> Claim | None:
        """Mark the job BERJALAN for this worker, or return None if it is not ours to run.

        A MENUNGGU row is always claimed. A BERJALAN row is claimed only when the caller knows
        the previous run is dead (a redelivered message, a restarted embedded process).
        Finished rows are never claimed again: that is the guard against redelivery.
        One UPDATE decides it, so two workers cannot both win.
        """
        allowed = [MENUNGGU, BERJALAN] if take_over_running else [MENUNGGU]
        stmt = (
            update(job)
            .where(job.c.id == job_id, job.c.status.in_(allowed))
            .values(status=BERJALAN, mulai_at=_now(), percobaan=job.c.percobaan + 1,
                    progres=0, selesai=0, error=None)
            .returning(job.c.jenis, job.c.params, job.c.instansi_id, job.c.dibuat_oleh,
                       job.c.percobaan)
        )
        with self._session_factory.begin() as session:
            row = session.execute(stmt).first()
        if row is None:
            return None
        return Claim(job_id, row.jenis, dict(row.params or {}), row.instansi_id,
                     row.dibuat_oleh, row.percobaan)

    def report_progress(self, claim: Claim, *, selesai: int, total: int | None,
                        progres: int) -> bool:
        return self._update_running(claim, selesai=selesai, total=total, progres=progres)

    def finish(self, claim: Claim, *, hasil: Any, selesai: int, total: int | None) -> bool:
        return self._update_running(claim, status=SELESAI, progres=100, hasil=hasil,
                                    selesai=selesai, total=total, selesai_at=_now())

    def fail(self, claim: Claim, error: str) -> bool:
        return self._update_running(claim, status=GAGAL, error=error[:ERROR_MAX_CHARS],
                                    selesai_at=_now())

    def fail_waiting(self, job_id: str, error: str) -> bool:
        """Mark a job that never reached a worker (e.g. it could not be enqueued) GAGAL."""
        stmt = (update(job).where(job.c.id == job_id, job.c.status == MENUNGGU)
                .values(status=GAGAL, error=error[:ERROR_MAX_CHARS], selesai_at=_now()))
        with self._session_factory.begin() as session:
            return session.execute(stmt).rowcount == 1

    def unfinished_ids(self) -> list[str]:
        query = (select(job.c.id).where(job.c.status.in_([MENUNGGU, BERJALAN]))
                 .order_by(job.c.dibuat_at))
        with self._session_factory() as session:
            return list(session.execute(query).scalars())

    def waiting(self, *, created_before: datetime, limit: int = 500) -> list[tuple[str, datetime]]:
        """``(id, dibuat_at)`` of MENUNGGU jobs created before ``created_before``, oldest first."""
        query = (select(job.c.id, job.c.dibuat_at)
                 .where(job.c.status == MENUNGGU, job.c.dibuat_at < created_before)
                 .order_by(job.c.dibuat_at, job.c.id).limit(limit))
        with self._session_factory() as session:
            return [(row.id, as_utc(row.dibuat_at)) for row in session.execute(query)]

    def newest_started(self) -> datetime | None:
        """``dibuat_at`` of the newest job a worker has ever claimed (the job sweeper's mark of
        how far the FIFO queue has got)."""
        query = select(func.max(job.c.dibuat_at)).where(job.c.mulai_at.is_not(None))
        with self._session_factory() as session:
            return as_utc(session.execute(query).scalar())

    def _update_running(self, claim: Claim, **values: Any) -> bool:
        stmt = (update(job)
                .where(job.c.id == claim.job_id, job.c.status == BERJALAN,
                       job.c.percobaan == claim.percobaan)
                .values(**values))
        with self._session_factory.begin() as session:
            return session.execute(stmt).rowcount == 1
