"""The keberatan service as the platform runs it (web, relay, consumer, tests, embedded)."""
from __future__ import annotations

from pathlib import Path

from kinerja_shared.runtime import ServiceDefinition

from .adapters.tables import metadata
from .api import blueprints
from .service_layer import publikasi
from .service_layer.events import PUBLISHES
from .service_layer.handlers import handlers
from .service_layer.pengajuan import DUPLIKAT

DESCRIPTION = "Objections (keberatan) to a predikat: filing, the pejabat penilai's explanation, the DKI sanggahan chain, the decision."


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name="keberatan",
        url_prefix="keberatan",
        title="Keberatan",
        description=DESCRIPTION,
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        blueprints=blueprints,
        publishes=PUBLISHES,
        snapshots=publikasi.snapshots,
        handlers=handlers,
        # two concurrent filings for one predikat revision: the unique key lets one win
        conflict_messages={"uq_keberatan_penilaian_revisi": DUPLIKAT},
    )
