"""The reporting service as the platform runs it (web, relay, consumer, worker, tests,
embedded)."""
from __future__ import annotations

from pathlib import Path

from kinerja_shared.runtime import ServiceDefinition

from .adapters.tables import metadata
from .cli import commands
from .embedded import embedded
from .api import blueprints
from .service_layer.events import PUBLISHES
from .service_layer.handlers import handlers
from .service_layer.pekerjaan import registry_baru
from .wiring import build_components

DESCRIPTION = ("Excel reports and PDF documents built from read models of every service's "
               "events, verifiable by QR code; background jobs with progress on their own "
               "queue; compliance.")


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
        components=build_components,
        jobs=registry_baru(),
        init_app=lambda app, runtime: runtime.components,  # storage and job runner at start
        commands=commands,  # kinerja reporting bersihkan: delete expired files
        extra={"embedded": embedded},  # the sweeper thread in the embedded mode
    )
