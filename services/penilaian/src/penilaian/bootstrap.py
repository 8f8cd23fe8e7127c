"""The penilaian service as the platform runs it (web, relay, consumer, tests, embedded)."""
from __future__ import annotations

from pathlib import Path

from kinerja_shared.runtime import ServiceDefinition

from .adapters.tables import metadata
from .api import blueprints
from .service_layer import capaian, publikasi
from .service_layer.events import PUBLISHES
from .service_layer.handlers import handlers

DESCRIPTION = ("Realisasi, feedback, 360° behaviour feedback, ratings and predikat, capaian "
               "organisasi and its pola distribusi, the PP 30/2019 numeric model.")


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name="penilaian",
        url_prefix="penilaian",
        title="Penilaian",
        description=DESCRIPTION,
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        blueprints=blueprints,
        publishes=PUBLISHES,
        snapshots=publikasi.snapshots,
        handlers=handlers,
        # two concurrent creations of one capaian: the unique key lets one win, the other is 409
        conflict_messages={"uq_capaian_organisasi_unor_induk_id": capaian.DUPLIKAT},
    )
