"""Background jobs of the reporting service (run in-process in the embedded mode, by the Celery
worker ``kinerja worker reporting`` in production). Register a job with ``@registry.task("name")``."""
from __future__ import annotations

from kinerja_shared.jobs import JobRegistry

registry = JobRegistry()
