"""The angka-kredit service as the platform runs it (web, relay, consumer, tests, embedded)."""
from __future__ import annotations

from pathlib import Path

from kinerja_shared.runtime import ServiceDefinition

from .adapters.tables import metadata
from .api import blueprints
from .service_layer import alur, integrasi, publikasi
from .service_layer.events import PUBLISHES
from .service_layer.handlers import handlers

DESCRIPTION = "Angka kredit of functional positions (PermenPAN-RB 1/2023): conversion of predikat, accumulation, integration of earlier credit, the PAK lifecycle."


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name="angka_kredit",
        url_prefix="angka-kredit",
        title="Angka Kredit",
        description=DESCRIPTION,
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        blueprints=blueprints,
        publishes=PUBLISHES,
        snapshots=publikasi.snapshots,
        handlers=handlers,
        # two concurrent writes that passed every check: the unique key lets one win, the
        # other is 409 with these messages
        conflict_messages={
            "uq_angka_kredit_nomor_sk": alur.DUPLIKAT_NOMOR,
            "uq_angka_kredit_integrasi": integrasi.SUDAH_ADA,
        },
    )
