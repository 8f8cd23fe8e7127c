"""The integration service as the platform runs it (web, relay, consumer, worker, tests,
embedded)."""
from __future__ import annotations

from pathlib import Path

from kinerja_shared.runtime import ServiceDefinition

from .adapters.tables import metadata
from .api import blueprints, init_app
from .cli import commands
from .embedded import embedded
from .service_layer import snapshots
from .service_layer.events import PUBLISHES
from .service_layer.handlers import handlers
from .service_layer.jobs import registry as jobs
from .wiring import build_components

DESCRIPTION = (
    "Synchronisation with SIASN (pull of pegawai and unor, push of predikat and angka kredit, "
    "exactly once) and PMM (teachers' SKP and scores), with sandboxes of both; service "
    "accounts, change feeds, exports and signed webhooks for national pipelines."
)
CONFLICT_MESSAGES = {
    "uq_klien_client_id": "client_id sudah dipakai.",
}


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
        snapshots=snapshots.snapshots,
        handlers=handlers,
        jobs=jobs,
        components=build_components,
        conflict_messages=CONFLICT_MESSAGES,
        commands=commands,
        init_app=init_app,
        extra={"embedded": embedded},
    )
