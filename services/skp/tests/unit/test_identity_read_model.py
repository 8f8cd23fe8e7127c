"""skp keeps a read model of identity from snapshot events: idempotent, order-tolerant."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts.identity import (
    PegawaiDihapus,
    PegawaiDiperbarui,
    UnorDiperbarui,
)
from kinerja_shared.messaging.dispatcher import Outcome
from kinerja_shared.testing.service import make_test_runtime
from skp.adapters.tables import pegawai_ref, unor_ref


@pytest.fixture
def runtime(tmp_path):
    rt = make_test_runtime("skp", f"sqlite:///{tmp_path}/skp.db")
    yield rt
    rt.dispose()


def _body(payload, aggregate_id):
    return EventEnvelope.wrap(payload, aggregate_id=aggregate_id, instansi_id="i1").to_json()


def _pegawai(revisi, nama="Budi", **kw):
    return PegawaiDiperbarui(id="p1", instansi_id="i1", nip="199001012020011001", nama=nama,
                             unor_id="u1", revisi=revisi, **kw)


def _row(runtime, table, key="p1"):
    with runtime.engine.connect() as conn:
        return conn.execute(select(table).where(table.c.id == key)).mappings().one_or_none()


def test_a_snapshot_lands_once_even_when_delivered_twice(runtime):
    body = _body(_pegawai(1), "p1")
    assert runtime.dispatcher.handle(body) is Outcome.APPLIED
    assert runtime.dispatcher.handle(body) is Outcome.DUPLICATE
    assert _row(runtime, pegawai_ref)["nama"] == "Budi"


def test_an_older_snapshot_arriving_late_changes_nothing(runtime):
    runtime.dispatcher.handle(_body(_pegawai(3, nama="Budi Santoso"), "p1"))
    runtime.dispatcher.handle(_body(_pegawai(2, nama="Budi Lama"), "p1"))
    row = _row(runtime, pegawai_ref)
    assert (row["nama"], row["revisi"]) == ("Budi Santoso", 3)


def test_a_deletion_is_a_tombstone_a_late_update_cannot_resurrect(runtime):
    runtime.dispatcher.handle(_body(_pegawai(1), "p1"))
    runtime.dispatcher.handle(_body(PegawaiDihapus(id="p1", instansi_id="i1", revisi=2), "p1"))
    runtime.dispatcher.handle(_body(_pegawai(1, nama="Zombie"), "p1"))
    row = _row(runtime, pegawai_ref)
    assert row["dihapus"] is True and row["nama"] == "Budi"


def test_unor_snapshots_are_kept(runtime):
    runtime.dispatcher.handle(_body(UnorDiperbarui(id="u1", instansi_id="i1", nama="Bidang A",
                                                   mandiri=True, revisi=1), "u1"))
    row = _row(runtime, unor_ref, "u1")
    assert row["nama"] == "Bidang A" and row["mandiri"] is True


def test_skp_subscribes_to_identity_events(runtime):
    assert "identity.PegawaiDiperbarui" in runtime.dispatcher.routing_keys


def test_instansi_snapshots_keep_the_default_model_skp(runtime):
    from kinerja_shared.events.contracts.identity import InstansiDiperbarui
    from skp.adapters.tables import instansi_ref

    runtime.dispatcher.handle(_body(InstansiDiperbarui(
        id="i1", nama="Pemprov DKI", pengaturan={"model_skp": "PP_30_2019"}, revisi=2), "i1"))
    runtime.dispatcher.handle(_body(InstansiDiperbarui(
        id="i1", nama="Lama", pengaturan={"model_skp": "PERMENPAN_6_2022"}, revisi=1), "i1"))
    row = _row(runtime, instansi_ref, "i1")
    assert (row["nama"], row["model_skp"], row["revisi"]) == ("Pemprov DKI", "PP_30_2019", 2)
