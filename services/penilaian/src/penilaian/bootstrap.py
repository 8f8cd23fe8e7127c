"""The penilaian service as the platform runs it (web, relay, consumer, tests, embedded)."""
from __future__ import annotations

from pathlib import Path

from kinerja_shared.events.contracts import penilaian as ev
from kinerja_shared.runtime import ServiceDefinition

from .adapters.tables import metadata
from .api import blueprints
from .service_layer.handlers import handlers

DESCRIPTION = "Realisasi, umpan balik, perilaku 360, rating, predikat, capaian organisasi dan pola distribusi, model numerik PP 30/2019."


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name="penilaian",
        url_prefix="penilaian",
        title="Penilaian",
        description=DESCRIPTION,
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        blueprints=blueprints,
        publishes=(ev.PredikatDitetapkan, ev.PredikatFinal, ev.CapaianOrganisasiFinal),
        handlers=handlers,
    )
