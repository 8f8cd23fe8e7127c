"""The reporting service as the platform runs it (web, relay, consumer, tests, embedded)."""
from __future__ import annotations

from pathlib import Path

from kinerja_shared.runtime import ServiceDefinition

from .adapters.tables import metadata
from .api import blueprints
from .service_layer.events import PUBLISHES
from .service_layer.handlers import handlers
from .service_layer.jobs import registry as jobs

DESCRIPTION = "Excel reports, PDF documents verifiable by QR code, bulk printing and compliance."


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name="reporting",
        url_prefix="reporting",
        title="Reporting",
        description=DESCRIPTION,
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        blueprints=blueprints,
        publishes=PUBLISHES,
        handlers=handlers,
        jobs=jobs,
    )
