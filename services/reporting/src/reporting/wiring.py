"""reporting's own long-lived objects, built once per runtime (``ServiceDefinition.components``)
and read as ``runtime.components``: its settings, the file storage, and the job runner its web
process submits to (Celery in production, threads in the embedded mode and in tests)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .adapters.storage import LocalStorage, S3Storage, Storage
from .config import ReportingSettings


@dataclass
class Components:
    settings: ReportingSettings
    storage: Storage
    runner: Any  # kinerja_shared.jobs.JobRunner

    @property
    def jobs(self) -> Any:
        return self.runner


def build_storage(settings: ReportingSettings) -> Storage:
    if settings.storage == "s3":
        return S3Storage(settings.s3_bucket, endpoint_url=settings.s3_endpoint_url,
                         region=settings.s3_region)
    return LocalStorage(settings.storage_dir, settings.link_secret)


def build_components(runtime) -> Components:
    from .service_layer.pekerjaan import ikat

    settings = ReportingSettings.from_env(runtime.settings.extra, runtime.settings.database_url)
    if runtime.job_runner is None:  # the embedded runner attaches its own before this
        runtime.job_runner = _runner(runtime)
    comp = Components(settings, build_storage(settings), runtime.job_runner)
    ikat(runtime.definition.jobs, runtime, comp)
    return comp


def _runner(runtime):
    from kinerja_shared.jobs import CeleryJobRunner, InProcessJobRunner, make_celery_app

    if runtime.settings.jobs == "celery":
        app = make_celery_app(runtime.name, runtime.settings.amqp_url, runtime.definition.jobs,
                              runtime.session_factory)
        return CeleryJobRunner(app, runtime.session_factory, runtime.definition.jobs)
    return InProcessJobRunner(runtime.session_factory, runtime.definition.jobs)


def components(runtime) -> Components:
    """``runtime.components`` (typed)."""
    return runtime.components
