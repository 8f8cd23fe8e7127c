"""penilaian's identity read model is set-wise: a consumer batch of mixed, duplicate, redelivered
and out-of-order identity events leaves the same tables as applying them one by one."""
from __future__ import annotations

import random
from datetime import date

import pytest
from sqlalchemy import select

from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as ev
from kinerja_shared.messaging.dispatcher import Outcome, is_batch_handler
from kinerja_shared.testing.service import empty_tables, runtime_pair
from penilaian.adapters.tables import instansi_ref, pegawai_ref, unor_ref
from penilaian.service_layer import identity_read_model

TABLES = (instansi_ref, pegawai_ref, unor_ref)


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def runtimes(request, make_pg_database, tmp_path_factory):
    """Two penilaian runtimes: one fed event by event, one fed in batches."""
    with runtime_pair("penilaian", request.param, make_pg_database, tmp_path_factory) as made:
        yield made


@pytest.fixture
def pair(runtimes):
    empty_tables(runtimes, TABLES)
    return runtimes


def body(payload, aggregate_id: str) -> bytes:
    return EventEnvelope.wrap(payload, aggregate_id=aggregate_id, instansi_id="i1").to_json()


def random_event(rng: random.Random) -> bytes:
    revisi = rng.randint(1, 5)
    pid, uid = rng.choice(["p1", "p2", "p3"]), rng.choice(["u1", "u2"])
    kind = rng.randrange(6)
    if kind == 0:
        return body(ev.InstansiDiperbarui(id="i1", nama=f"Instansi r{revisi}", revisi=revisi,
                                          pengaturan={"model_skp": rng.choice(
                                              ["PP_30_2019", "PERMENPAN_6_2022"])}), "i1")
    if kind in (1, 2):
        return body(ev.PegawaiDiperbarui(id=pid, instansi_id="i1", nama=f"{pid} r{revisi}",
                                         nip=rng.choice([None, f"nip-{pid}"]), unor_id=uid,
                                         roles=rng.choice([["pegawai"], ["pegawai", "admin"]]),
                                         tmt_jabatan=date(2020, 1, revisi),
                                         aktif=rng.random() < 0.8, revisi=revisi), pid)
    if kind == 3:
        return body(ev.PegawaiDihapus(id=pid, instansi_id="i1", nip=f"old-{revisi}",
                                      revisi=revisi), pid)
    if kind == 4:
        return body(ev.UnorDiperbarui(id=uid, instansi_id="i1", nama=f"{uid} r{revisi}",
                                      unor_induk_id=rng.choice([None, "u0"]), revisi=revisi), uid)
    return body(ev.UnorDihapus(id=uid, instansi_id="i1", revisi=revisi), uid)


def state(runtime) -> dict:
    with runtime.engine.connect() as conn:
        return {t.name: sorted((dict(r) for r in conn.execute(select(t)).mappings()),
                               key=lambda r: str(sorted(r.items())))
                for t in TABLES}


def no_fallback(*_args):
    raise AssertionError("a batch failed and was re-applied message by message")


def test_every_identity_handler_is_set_wise():
    handlers = [identity_read_model.instansi_diperbarui, identity_read_model.pegawai_diperbarui,
                identity_read_model.pegawai_dihapus, identity_read_model.unor_diperbarui,
                identity_read_model.unor_dihapus]
    assert all(is_batch_handler(h) for h in handlers)


@pytest.mark.parametrize("seed", range(8))
def test_a_batch_leaves_the_same_tables_as_one_by_one(pair, seed, monkeypatch):
    rng = random.Random(seed)
    bodies = [random_event(rng) for _ in range(60)]
    bodies += rng.sample(bodies, 10)  # redeliveries
    rng.shuffle(bodies)
    satu, batch = pair
    monkeypatch.setattr(batch.dispatcher, "_apply_in_savepoint", no_fallback)
    expected = [satu.dispatcher.handle(b) for b in bodies]
    results, i = [], 0
    while i < len(bodies):  # batches of varied size, as a consumer sees them
        n = rng.choice([1, 7, 25, 100])
        results += batch.dispatcher.handle_batch(bodies[i:i + n])
        i += n
    assert results == expected
    assert Outcome.DUPLICATE in results
    assert state(batch) == state(satu)
    assert state(satu)["pegawai_ref"]  # something was written
