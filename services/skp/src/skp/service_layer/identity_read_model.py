"""Keeps skp's read model of identity from identity's snapshot events (idempotent through the
inbox; tolerant of out-of-order delivery through ``revisi``).

The handlers are set-wise: each run of consecutive events of one type in a consumer batch is
written with one statement (``apply_snapshots`` / ``apply_tombstones``), leaving the tables as
applying the events one by one would.
"""
from __future__ import annotations

from kinerja_shared.db.readmodel import snapshot_handler, tombstone_handler
from kinerja_shared.events.contracts import identity as ev

from ..adapters.tables import instansi_ref, pegawai_ref, plt_plh_ref, relasi_manual_ref, unor_ref


def _pengaturan(event: ev.InstansiDiperbarui) -> dict:
    pengaturan = dict(event.pengaturan or {})
    return {"pengaturan": pengaturan, "model_skp": pengaturan.get("model_skp")}


instansi_diperbarui = snapshot_handler(instansi_ref, derive=_pengaturan)
pegawai_diperbarui = snapshot_handler(pegawai_ref)
pegawai_dihapus = tombstone_handler(pegawai_ref, nama="")
unor_diperbarui = snapshot_handler(unor_ref)
unor_dihapus = tombstone_handler(unor_ref, nama="")
plt_plh_diperbarui = snapshot_handler(plt_plh_ref)
relasi_manual_diperbarui = snapshot_handler(relasi_manual_ref, key="pegawai_id")

HANDLERS = {
    "InstansiDiperbarui": instansi_diperbarui,
    "PegawaiDiperbarui": pegawai_diperbarui,
    "PegawaiDihapus": pegawai_dihapus,
    "UnorDiperbarui": unor_diperbarui,
    "UnorDihapus": unor_dihapus,
    "PltPlhDiperbarui": plt_plh_diperbarui,
    "RelasiManualDiperbarui": relasi_manual_diperbarui,
}
