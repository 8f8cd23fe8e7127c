"""The identity service as the platform runs it (web, relay, consumer, tests, embedded)."""
from __future__ import annotations

from pathlib import Path

from kinerja_shared.events.contracts import identity as ev
from kinerja_shared.runtime import ServiceDefinition

from .adapters.tables import metadata
from .api import blueprints
from .cli import commands
from .init_app import init_app
from .service_layer.handlers import handlers
from .service_layer.seed import on_start

DESCRIPTION = (
    "Akun dan login (token RS256, JWKS), instansi, unit organisasi (unor), pegawai, PLT/PLH, "
    "periode penilaian, dan relasi penilai (siapa menilai siapa)."
)


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name="identity",
        url_prefix="identity",
        title="Identitas",
        description=DESCRIPTION,
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        blueprints=blueprints,
        publishes=(ev.InstansiDiperbarui, ev.UnorDiperbarui, ev.UnorDihapus, ev.PegawaiDiperbarui, ev.PegawaiDihapus, ev.RelasiManualDiperbarui, ev.PltPlhDiperbarui, ev.PeriodeDiperbarui, ev.SesiDicabut),
        handlers=handlers,
        init_app=init_app,
        on_start=on_start,
        commands=commands,
    )
