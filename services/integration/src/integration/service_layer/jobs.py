"""Background jobs of the integration service on the platform's job runner (Celery worker
``kinerja worker integration`` in production). None yet: integration's sync jobs run on its own
per-instansi queue (``antrean.py``, ``kinerja integration pekerja``), which needs what the
platform runner has not (one running job per instansi, leases taken over after a crash). The
registry stays so the platform's worker process of the service keeps working."""
from __future__ import annotations

from kinerja_shared.jobs import JobRegistry

registry = JobRegistry()
