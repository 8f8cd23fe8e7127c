"""integration's read model of identity: pegawai and unor as the PMM checks need them (a NIP
known, the teacher's unit and its name). Order-tolerant by ``revisi``; deletions are
tombstones."""
from __future__ import annotations

from kinerja_shared.db.readmodel import snapshot_handler, tombstone_handler

from ..adapters.tables import pegawai_ref, unor_ref

pegawai_diperbarui = snapshot_handler(pegawai_ref)
pegawai_dihapus = tombstone_handler(pegawai_ref, nama="")
unor_diperbarui = snapshot_handler(unor_ref)
unor_dihapus = tombstone_handler(unor_ref, nama="")
