"""The identity service as the platform runs it (web, relay, consumer, tests, embedded)."""
from __future__ import annotations

from pathlib import Path

from kinerja_shared.runtime import ServiceDefinition

from .adapters.tables import metadata
from .api import blueprints
from .cli import commands
from .init_app import init_app
from .service_layer import instansi, periode, pegawai, unor
from .service_layer.events import PUBLISHES, snapshots
from .service_layer.handlers import handlers
from .service_layer.seed import on_start
from .wiring import build_components

DESCRIPTION = (
    "Accounts and login (RS256 tokens, JWKS, signing keys), instansi, unit organisasi (unor), "
    "pegawai, PLT/PLH, periode penilaian, and the relasi penilai (who assesses whom)."
)

# A concurrent duplicate that passed the service's own check meets the unique key: it gets the
# same 409 message as the check gives (constraint names: adapters/tables.py, migration 0002).
CONFLICT_MESSAGES = {
    "uq_instansi_kode": instansi.KODE_DIPAKAI,
    "uq_unor_instansi_kode": unor.KODE_DIPAKAI,
    "uq_pegawai_nip": pegawai.NIP_DIPAKAI,
    "uq_pegawai_nik": pegawai.NIK_DIPAKAI,
    "uq_periode_final": periode.SATU_FINAL,
}


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name="identity",
        url_prefix="identity",
        title="Identity",
        description=DESCRIPTION,
        metadata=metadata,
        migrations_dir=Path(__file__).parent / "migrations",
        blueprints=blueprints,
        publishes=PUBLISHES,
        snapshots=snapshots,
        handlers=handlers,
        components=build_components,
        conflict_messages=CONFLICT_MESSAGES,
        init_app=init_app,
        on_start=on_start,
        commands=commands,
    )
