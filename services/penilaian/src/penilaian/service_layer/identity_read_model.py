"""penilaian's read model of identity: instansi settings, pegawai, unor (order-tolerant by
``revisi``; deletions are tombstones). Periods are in ``skp_events`` (they create penilaian)."""
from __future__ import annotations

from kinerja_shared.db.readmodel import apply_snapshot, apply_tombstone
from kinerja_shared.events.contracts import identity as ev

from ..adapters.tables import instansi_ref, pegawai_ref, unor_ref


def instansi_diperbarui(event: ev.InstansiDiperbarui, _envelope, uow) -> None:
    apply_snapshot(uow.session, instansi_ref, event)


def pegawai_diperbarui(event: ev.PegawaiDiperbarui, _envelope, uow) -> None:
    apply_snapshot(uow.session, pegawai_ref, event)


def pegawai_dihapus(event: ev.PegawaiDihapus, _envelope, uow) -> None:
    apply_tombstone(uow.session, pegawai_ref, event, nama="")


def unor_diperbarui(event: ev.UnorDiperbarui, _envelope, uow) -> None:
    apply_snapshot(uow.session, unor_ref, event)


def unor_dihapus(event: ev.UnorDihapus, _envelope, uow) -> None:
    apply_tombstone(uow.session, unor_ref, event, nama="")
