"""Events this service consumes: the explicit subscription list (event type -> handler). Each
handler receives the typed payload of its contract; what the service publishes is in
``events.py``."""
from __future__ import annotations

from typing import Mapping

from kinerja_shared.messaging.dispatcher import Handler

from . import predikat
from . import read_model as identity


def handlers(runtime) -> Mapping[str, Handler]:
    return {
        "InstansiDiperbarui": identity.instansi_diperbarui,
        "UnorDiperbarui": identity.unor_diperbarui,
        "UnorDihapus": identity.unor_dihapus,
        "PegawaiDiperbarui": identity.pegawai_diperbarui,
        "PegawaiDihapus": identity.pegawai_dihapus,
        "PredikatFinal": predikat.predikat_final,
        "PredikatDitetapkan": predikat.predikat_ditetapkan,
    }
