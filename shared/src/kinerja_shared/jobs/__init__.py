"""Background jobs with status and progress, the same API in both runtime modes.

A service defines its ``job`` table (``add_job_table``), registers job functions on a
``JobRegistry`` and builds one ``JobRunner``: ``InProcessJobRunner`` in embedded mode,
``CeleryJobRunner`` (with ``make_celery_app`` for the workers, each running a ``JobSweeper``)
in production. Clients poll the row through ``runner.get(job_id)``.
"""
from .celery_app import CeleryJobRunner, job_queue_name, job_task_name, make_celery_app
from .execution import execute_job
from .registry import JobContext, JobRegistry, UnknownJob
from .runner import InProcessJobRunner, JobEnqueueError, JobNotFound, JobRunner
from .store import JobStore
from .sweeper import JobSweeper, attach_sweeper
from .table import BERJALAN, GAGAL, MENUNGGU, SELESAI, STATUSES, add_job_table

__all__ = [
    "BERJALAN", "GAGAL", "MENUNGGU", "SELESAI", "STATUSES",
    "CeleryJobRunner", "InProcessJobRunner", "JobContext", "JobEnqueueError", "JobNotFound",
    "JobRegistry", "JobRunner", "JobStore", "JobSweeper", "UnknownJob",
    "add_job_table", "attach_sweeper", "execute_job", "job_queue_name", "job_task_name",
    "make_celery_app",
]
