"""Events this service consumes: the explicit subscription list (event type -> handler)."""
from __future__ import annotations

from typing import Mapping

from kinerja_shared.messaging.dispatcher import Handler

from . import identity_read_model as identity
from .rating import keberatan_diputuskan
from .skp_events import periode_diperbarui, skp_dibatalkan, skp_disetujui


def _exact_rowcounts(runtime) -> None:
    """Workaround until shared ``make_engine`` does it: SQLAlchemy 2.1 reports ``rowcount == -1``
    for an ``INSERT .. ON CONFLICT`` on psycopg unless ``preserve_rowcount`` is set, so the
    shared inbox (``record_once``) and ``upsert_snapshot`` read every new event as a duplicate."""
    engine = getattr(runtime, "engine", None)
    if engine is not None:
        engine.update_execution_options(preserve_rowcount=True)


def handlers(runtime) -> Mapping[str, Handler]:
    _exact_rowcounts(runtime)
    return {
        "SkpDisetujui": skp_disetujui,
        "SkpDibatalkan": skp_dibatalkan,
        "PeriodeDiperbarui": periode_diperbarui,
        "InstansiDiperbarui": identity.instansi_diperbarui,
        "PegawaiDiperbarui": identity.pegawai_diperbarui,
        "PegawaiDihapus": identity.pegawai_dihapus,
        "UnorDiperbarui": identity.unor_diperbarui,
        "UnorDihapus": identity.unor_dihapus,
        "KeberatanDiputuskan": keberatan_diputuskan,
    }
