"""Events this service consumes: the explicit subscription list (event type -> handler). A
handler is ``handler(payload, envelope, uow)`` with the typed payload (``@batch_handler`` for a
run of events at once); what the service publishes is in ``events.py``."""
from __future__ import annotations

from typing import Mapping

from kinerja_shared.messaging.dispatcher import Handler

from . import angka_kredit, identity_read_model as identity, predikat, skp_read_model as skp


def handlers(runtime) -> Mapping[str, Handler]:
    return {
        "PredikatFinal": predikat.predikat_final,
        "PredikatDitetapkan": predikat.predikat_ditetapkan,
        "AngkaKreditDitetapkan": angka_kredit.angka_kredit_ditetapkan,
        "PegawaiDiperbarui": identity.pegawai_diperbarui,
        "PegawaiDihapus": identity.pegawai_dihapus,
        "UnorDiperbarui": identity.unor_diperbarui,
        "UnorDihapus": identity.unor_dihapus,
        "SkpDisetujui": skp.skp_disetujui,
        "SkpDibatalkan": skp.skp_dibatalkan,
    }
