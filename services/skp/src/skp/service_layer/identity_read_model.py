"""Keeps skp's read model of identity from identity's snapshot events (idempotent through the
inbox; tolerant of out-of-order delivery through ``revisi``).

The handlers are set-wise: each run of consecutive events of one type in a consumer batch is
written with one statement (``apply_snapshots`` / ``apply_tombstones``), leaving the tables as
applying the events one by one would.
"""
from __future__ import annotations

from kinerja_shared.db.readmodel import apply_snapshots, apply_tombstones
from kinerja_shared.events.contracts import identity as ev
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.tables import instansi_ref, pegawai_ref, plt_plh_ref, relasi_manual_ref, unor_ref


def _payloads(events):
    return [payload for payload, _envelope in events]


def _pengaturan(event: ev.InstansiDiperbarui) -> dict:
    pengaturan = dict(event.pengaturan or {})
    return {"pengaturan": pengaturan, "model_skp": pengaturan.get("model_skp")}


@batch_handler
def instansi_diperbarui(events, uow) -> None:
    apply_snapshots(uow.session, instansi_ref, _payloads(events), derive=_pengaturan)


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


@batch_handler
def plt_plh_diperbarui(events, uow) -> None:
    apply_snapshots(uow.session, plt_plh_ref, _payloads(events))


@batch_handler
def relasi_manual_diperbarui(events, uow) -> None:
    apply_snapshots(uow.session, relasi_manual_ref, _payloads(events), key="pegawai_id")


HANDLERS = {
    "InstansiDiperbarui": instansi_diperbarui,
    "PegawaiDiperbarui": pegawai_diperbarui,
    "PegawaiDihapus": pegawai_dihapus,
    "UnorDiperbarui": unor_diperbarui,
    "UnorDihapus": unor_dihapus,
    "PltPlhDiperbarui": plt_plh_diperbarui,
    "RelasiManualDiperbarui": relasi_manual_diperbarui,
}
