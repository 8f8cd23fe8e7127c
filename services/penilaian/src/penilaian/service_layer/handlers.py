"""Events this service consumes: the explicit subscription list (event type -> handler). Each
handler receives the typed payload of its contract (``kinerja_shared.events.contracts``). What
the service publishes is in ``events.py``."""
from __future__ import annotations

from typing import Mapping

from kinerja_shared.messaging.dispatcher import Handler

from . import identity_read_model as identity
from .keberatan import keberatan_diputuskan
from .pmm import pmm_nilai_diimpor, setelah_skp_disetujui
from .skp_events import periode_diperbarui, skp_dibatalkan, skp_disetujui


def handlers(runtime) -> Mapping[str, Handler]:
    return {
        # a teacher's PMM scores wait for the penilaian SkpDisetujui opens (pmm.py)
        "SkpDisetujui": setelah_skp_disetujui(skp_disetujui),
        "PmmNilaiDiimpor": pmm_nilai_diimpor,
        "SkpDibatalkan": skp_dibatalkan,
        "PeriodeDiperbarui": periode_diperbarui,
        "InstansiDiperbarui": identity.instansi_diperbarui,
        "PegawaiDiperbarui": identity.pegawai_diperbarui,
        "PegawaiDihapus": identity.pegawai_dihapus,
        "UnorDiperbarui": identity.unor_diperbarui,
        "UnorDihapus": identity.unor_dihapus,
        "KeberatanDiputuskan": keberatan_diputuskan,
    }
