"""penilaian's read model of identity: instansi settings, pegawai, unor (order-tolerant by
``revisi``; deletions are tombstones). Periods are in ``skp_events`` (they create penilaian)."""
from __future__ import annotations

from kinerja_shared.db.readmodel import upsert_snapshot
from kinerja_shared.events.contracts import identity as ev

from ..adapters.tables import instansi_ref, pegawai_ref, unor_ref


def _columns(payload, table) -> dict:
    data = payload.model_dump()
    return {c.name: data[c.name] for c in table.columns if c.name in data}


def instansi_diperbarui(event: ev.InstansiDiperbarui, _envelope, uow) -> None:
    upsert_snapshot(uow.session, instansi_ref, _columns(event, instansi_ref))


def pegawai_diperbarui(event: ev.PegawaiDiperbarui, _envelope, uow) -> None:
    upsert_snapshot(uow.session, pegawai_ref, {**_columns(event, pegawai_ref), "dihapus": False})


def pegawai_dihapus(event: ev.PegawaiDihapus, _envelope, uow) -> None:
    upsert_snapshot(uow.session, pegawai_ref, {
        "id": event.id, "instansi_id": event.instansi_id, "nip": event.nip, "nama": "",
        "aktif": False, "dihapus": True, "revisi": event.revisi}, update=("aktif", "dihapus"))


def unor_diperbarui(event: ev.UnorDiperbarui, _envelope, uow) -> None:
    upsert_snapshot(uow.session, unor_ref, {**_columns(event, unor_ref), "dihapus": False})


def unor_dihapus(event: ev.UnorDihapus, _envelope, uow) -> None:
    upsert_snapshot(uow.session, unor_ref, {
        "id": event.id, "instansi_id": event.instansi_id, "nama": "", "dihapus": True,
        "revisi": event.revisi}, update=("dihapus",))
