"""reporting's read model of identity: instansi, unor, pegawai (with status kepegawaian),
PLT/PLH and periods, kept by ``revisi`` (an older snapshot arriving late changes nothing);
deletions are tombstones. Set-wise: a run of one event type is one statement."""
from __future__ import annotations

from kinerja_shared.db.readmodel import snapshot_handler, tombstone_handler

from ..adapters.tables import instansi_ref, pegawai_ref, periode_ref, plt_plh_ref, unor_ref

instansi_diperbarui = snapshot_handler(instansi_ref)
unor_diperbarui = snapshot_handler(unor_ref)
unor_dihapus = tombstone_handler(unor_ref, nama="")
pegawai_diperbarui = snapshot_handler(pegawai_ref)
pegawai_dihapus = tombstone_handler(pegawai_ref, nama="")
plt_plh_diperbarui = snapshot_handler(plt_plh_ref)  # carries its own ``dihapus``
periode_diperbarui = snapshot_handler(periode_ref)  # carries its own ``dihapus``
