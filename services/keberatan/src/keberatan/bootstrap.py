"""The keberatan service as the platform runs it (web, relay, consumer, tests, embedded)."""
from __future__ import annotations

from pathlib import Path

from kinerja_shared.runtime import ServiceDefinition

from .adapters.tables import metadata
from .api import blueprints
from .service_layer.handlers import handlers

DESCRIPTION = "Keberatan atas predikat kinerja: pengajuan, penjelasan, sanggahan, keputusan."


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name="keberatan",
        url_prefix="keberatan",
        title="Keberatan",
        description=DESCRIPTION,
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        blueprints=blueprints,
        handlers=handlers,
    )
