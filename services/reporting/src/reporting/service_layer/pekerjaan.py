"""Background jobs of the reporting service, on their own queue (``reporting.jobs``: in-process
threads in the embedded mode, the ``kinerja worker reporting`` Celery deployment in
production, scaled alone at year end; docs/DEPLOYMENT.md).

A job function gets its context and params only; ``ikat`` binds the registry to the runtime
whose components built it (web process, embedded mode, tests). A Celery worker process builds
a runtime from the environment on its first job (``_terikat``) and starts the sweeper of
expired files on a thread (``pembersihan.Pembersih``).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from kinerja_shared.jobs import JobRegistry


@dataclass
class Ikatan:
    runtime: Any = None
    components: Any = None


_lock = threading.Lock()


def ikat(registry: JobRegistry, runtime, components) -> None:
    registry.ikatan.runtime, registry.ikatan.components = runtime, components


def _terikat(registry: JobRegistry) -> tuple[Any, Any]:
    with _lock:
        if registry.ikatan.runtime is None:  # a Celery worker: its own runtime, once
            from kinerja_shared.config import ServiceSettings
            from kinerja_shared.runtime import ServiceRuntime

            from ..bootstrap import definition

            d = definition()
            runtime = ServiceRuntime(d, ServiceSettings.from_env(d.name))
            ikat(registry, runtime, runtime.components)
            # each worker process also sweeps expired files (pembersihan.py), from its first job
            from .pembersihan import Pembersih

            Pembersih(runtime, runtime.components,
                      runtime.components.settings.sweep_interval).start()
        return registry.ikatan.runtime, registry.ikatan.components


def registry_baru() -> JobRegistry:
    """A registry of the reporting jobs, unbound (one per ServiceDefinition)."""
    from . import cetak_massal, laporan_job

    registry = JobRegistry()
    registry.ikatan = Ikatan()

    def bound(fn):
        def run(ctx, **params):
            runtime, comp = _terikat(registry)
            return fn(runtime, comp, ctx, **params)
        run.__name__ = fn.__name__
        return run

    registry.task(laporan_job.JOB)(bound(laporan_job.jalankan))
    for name, fn in cetak_massal.JOBS.items():
        registry.task(name)(bound(fn))
    return registry
