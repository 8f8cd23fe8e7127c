"""The skp service as the platform runs it (web, relay, consumer, tests, embedded)."""
from __future__ import annotations

from pathlib import Path

from kinerja_shared.events.contracts import skp as ev
from kinerja_shared.runtime import ServiceDefinition

from .adapters.tables import metadata
from .api import blueprints
from .api.common import init_app
from .service_layer.handlers import handlers

DESCRIPTION = "Perjanjian Kinerja dan Sasaran Kinerja Pegawai (PermenPAN-RB 6/2022 dan PP 30/2019): RHK, indikator, perilaku, Matriks Peran Hasil, alur persetujuan."


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name="skp",
        url_prefix="skp",
        title="SKP",
        description=DESCRIPTION,
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        blueprints=blueprints,
        publishes=(ev.SkpDiajukan, ev.SkpDikembalikan, ev.SkpDisetujui, ev.SkpDibatalkan),
        handlers=handlers,
        init_app=init_app,
    )
