"""penilaian's read model of identity: instansi settings, pegawai, unor (order-tolerant by
``revisi``; deletions are tombstones). Periods are in ``skp_events`` (they create penilaian).

The handlers are set-wise: each run of consecutive events of one type in a consumer batch is
written with one statement, leaving the tables as applying the events one by one would.
"""
from __future__ import annotations

from kinerja_shared.db.readmodel import snapshot_handler, tombstone_handler

from ..adapters.tables import instansi_ref, pegawai_ref, unor_ref

instansi_diperbarui = snapshot_handler(instansi_ref)
pegawai_diperbarui = snapshot_handler(pegawai_ref)
pegawai_dihapus = tombstone_handler(pegawai_ref, nama="")
unor_diperbarui = snapshot_handler(unor_ref)
unor_dihapus = tombstone_handler(unor_ref, nama="")
