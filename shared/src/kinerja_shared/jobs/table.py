"""The ``job`` table each service owns in its own database (its Alembic migration creates it).

One row per background job; the row is the job's status, so neither runner needs a result
backend. Statuses move MENUNGGU -> BERJALAN -> SELESAI | GAGAL, nothing else.
"""
from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.dialects.postgresql import JSONB

JOB = "job"

MENUNGGU = "MENUNGGU"  # inserted, waiting for a worker
BERJALAN = "BERJALAN"  # a worker claimed it
SELESAI = "SELESAI"  # finished; ``hasil`` holds the function's return value
GAGAL = "GAGAL"  # failed; ``error`` says why
STATUSES = (MENUNGGU, BERJALAN, SELESAI, GAGAL)
FINISHED = (SELESAI, GAGAL)

_Json = JSON().with_variant(JSONB(), "postgresql")


def add_job_table(metadata: MetaData) -> Table:
    """Define (or return the already defined) ``job`` table on ``metadata``."""
    if JOB in metadata.tables:
        return metadata.tables[JOB]
    job = Table(
        JOB,
        metadata,
        Column("id", String(36), primary_key=True),
        Column("jenis", String(100), nullable=False),
        Column("status", String(10), nullable=False),
        Column("progres", Integer, nullable=False, default=0),
        Column("total", Integer, nullable=True),
        Column("selesai", Integer, nullable=False, default=0),
        Column("params", _Json, nullable=False),
        Column("hasil", _Json, nullable=True),
        Column("error", Text, nullable=True),
        Column("instansi_id", String(100), nullable=True),
        Column("dibuat_oleh", String(100), nullable=True),
        # Times a worker claimed the row; doubles as a fencing token so a worker that was
        # given up on (its message redelivered elsewhere) cannot overwrite the newer run.
        Column("percobaan", Integer, nullable=False, default=0),
        Column("dibuat_at", DateTime(timezone=True), nullable=False),
        Column("mulai_at", DateTime(timezone=True), nullable=True),
        Column("selesai_at", DateTime(timezone=True), nullable=True),
    )
    Index("ix_job_instansi_id_dibuat_at", job.c.instansi_id, job.c.dibuat_at)
    Index("ix_job_status", job.c.status)
    return job
