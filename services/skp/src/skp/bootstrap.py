"""The skp service as the platform runs it (web, relay, consumer, tests, embedded)."""
from __future__ import annotations

from pathlib import Path

from kinerja_shared.runtime import ServiceDefinition

from .adapters.tables import metadata
from .api import blueprints
from .service_layer import events
from .service_layer.handlers import handlers

DESCRIPTION = ("Perjanjian Kinerja and Sasaran Kinerja Pegawai (PermenPAN-RB 6/2022 and PP "
               "30/2019): RHK, indikator, perilaku, Matriks Peran Hasil, the approval workflow.")

# the user's message when a concurrent request wins a race every check passed: a second
# Perjanjian Kinerja of the same pegawai and year (the unique key), a sasaran or indikator added
# to a Perjanjian Kinerja or sasaran deleted meanwhile (the foreign keys); SKP writes lock the
# SKP's row and never race
CONFLICT_MESSAGES = {
    "uq_perjanjian_kinerja_pegawai_id": "Perjanjian Kinerja tahun tersebut sudah ada.",
    "fk_perjanjian_sasaran_perjanjian_kinerja_id_perjanjian_kinerja":
        "Perjanjian Kinerja tidak ditemukan.",
    "fk_perjanjian_indikator_sasaran_id_perjanjian_sasaran":
        "Sasaran strategis tidak ditemukan.",
}


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name="skp",
        url_prefix="skp",
        title="SKP",
        description=DESCRIPTION,
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        blueprints=blueprints,
        publishes=events.PUBLISHES,
        snapshots=events.snapshots,
        handlers=handlers,
        conflict_messages=CONFLICT_MESSAGES,
    )
