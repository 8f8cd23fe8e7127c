"""The integration service as the platform runs it (web, relay, consumer, tests, embedded)."""
from __future__ import annotations

from pathlib import Path

from kinerja_shared.runtime import ServiceDefinition

from .adapters.tables import metadata
from .api import blueprints
from .service_layer.events import PUBLISHES
from .service_layer.handlers import handlers
from .service_layer.jobs import registry as jobs

DESCRIPTION = "Synchronisation with SIASN and PMM (with sandboxes of both), and feeds for national pipelines."


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name="integration",
        url_prefix="integration",
        title="Integration",
        description=DESCRIPTION,
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        blueprints=blueprints,
        publishes=PUBLISHES,
        handlers=handlers,
        jobs=jobs,
    )
