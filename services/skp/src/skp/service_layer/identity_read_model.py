"""Keeps skp's read model of identity from identity's snapshot events (idempotent through the
inbox; tolerant of out-of-order delivery through ``revisi``)."""
from __future__ import annotations

from kinerja_shared.db.readmodel import apply_snapshot, apply_tombstone
from kinerja_shared.events.contracts import identity as ev

from ..adapters.tables import instansi_ref, pegawai_ref, plt_plh_ref, relasi_manual_ref, unor_ref


def instansi_diperbarui(event: ev.InstansiDiperbarui, _envelope, uow) -> None:
    pengaturan = dict(event.pengaturan or {})
    apply_snapshot(uow.session, instansi_ref, event, pengaturan=pengaturan,
                   model_skp=pengaturan.get("model_skp"))


def pegawai_diperbarui(event: ev.PegawaiDiperbarui, _envelope, uow) -> None:
    apply_snapshot(uow.session, pegawai_ref, event)


def pegawai_dihapus(event: ev.PegawaiDihapus, _envelope, uow) -> None:
    apply_tombstone(uow.session, pegawai_ref, event, nama="")


def unor_diperbarui(event: ev.UnorDiperbarui, _envelope, uow) -> None:
    apply_snapshot(uow.session, unor_ref, event)


def unor_dihapus(event: ev.UnorDihapus, _envelope, uow) -> None:
    apply_tombstone(uow.session, unor_ref, event, nama="")


def plt_plh_diperbarui(event: ev.PltPlhDiperbarui, _envelope, uow) -> None:
    apply_snapshot(uow.session, plt_plh_ref, event)


def relasi_manual_diperbarui(event: ev.RelasiManualDiperbarui, _envelope, uow) -> None:
    apply_snapshot(uow.session, relasi_manual_ref, event, key="pegawai_id")


HANDLERS = {
    "InstansiDiperbarui": instansi_diperbarui,
    "PegawaiDiperbarui": pegawai_diperbarui,
    "PegawaiDihapus": pegawai_dihapus,
    "UnorDiperbarui": unor_diperbarui,
    "UnorDihapus": unor_dihapus,
    "PltPlhDiperbarui": plt_plh_diperbarui,
    "RelasiManualDiperbarui": relasi_manual_diperbarui,
}
