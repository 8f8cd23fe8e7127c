"""penilaian's read model of identity: instansi settings, pegawai, unor (order-tolerant by
``revisi``; deletions are tombstones). Periods are in ``skp_events`` (they create penilaian).

The handlers are set-wise: each run of consecutive events of one type in a consumer batch is
written with one statement, leaving the tables as applying the events one by one would.
"""
from __future__ import annotations

from kinerja_shared.db.readmodel import apply_snapshots, apply_tombstones
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.tables import instansi_ref, pegawai_ref, unor_ref


def _payloads(events):
    return [payload for payload, _envelope in events]


@batch_handler
def instansi_diperbarui(events, uow) -> None:
    apply_snapshots(uow.session, instansi_ref, _payloads(events))


@batch_handler
def pegawai_diperbarui(events, uow) -> None:
    apply_snapshots(uow.session, pegawai_ref, _payloads(events))


@batch_handler
def pegawai_dihapus(events, uow) -> None:
    apply_tombstones(uow.session, pegawai_ref, _payloads(events), nama="")


@batch_handler
def unor_diperbarui(events, uow) -> None:
    apply_snapshots(uow.session, unor_ref, _payloads(events))


@batch_handler
def unor_dihapus(events, uow) -> None:
    apply_tombstones(uow.session, unor_ref, _payloads(events), nama="")
