"""Events this service consumes: the explicit subscription list (event type -> handler). Each
handler receives the typed payload of its contract; what the service publishes is in
``events.py``."""
from __future__ import annotations

from typing import Mapping

from kinerja_shared.messaging.dispatcher import Handler

from . import read_models as rm


def handlers(runtime) -> Mapping[str, Handler]:
    return {
        "PredikatDitetapkan": rm.predikat_ditetapkan,
        "InstansiDiperbarui": rm.instansi_diperbarui,
        "PegawaiDiperbarui": rm.pegawai_diperbarui,
        "PegawaiDihapus": rm.pegawai_dihapus,
    }
