"""Set-wise (batch) handlers in the dispatcher, on PostgreSQL and on SQLite (embedded mode)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from kinerja_shared.context import correlation_id_var
from kinerja_shared.db import UnitOfWork, make_engine, make_session_factory
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts.identity import UnorDihapus, UnorDiperbarui
from kinerja_shared.messaging.dispatcher import (
    EventDispatcher,
    Outcome,
    PoisonMessage,
    batch_handler,
)

from .conftest import Database, effect, metadata


@pytest.fixture(params=["postgresql", "sqlite"])
def db(request, make_pg_database, tmp_path):
    url = (make_pg_database("kinerja_batch") if request.param == "postgresql"
           else f"sqlite:///{tmp_path}/batch.db")
    engine = make_engine(url)
    metadata.create_all(engine)
    yield Database(url, engine)
    engine.dispose()


def body(payload, *, correlation_id=None) -> bytes:
    return EventEnvelope.wrap(payload, aggregate_id=payload.id, instansi_id="inst-1",
                              correlation_id=correlation_id).to_json()


def diperbarui(i: int) -> UnorDiperbarui:
    return UnorDiperbarui(id=f"u-{i}", instansi_id="inst-1", nama=f"Unor {i}")


class Recorder:
    """A batch handler for UnorDiperbarui writing one effect row per event with ONE statement;
    remembers each call's size and the correlation id it saw."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.calls: list[list[str]] = []
        self.correlations: list[str | None] = []
        self.fail_on = fail_on

        @batch_handler
        def handle(events, uow: UnitOfWork) -> None:
            ids = [payload.id for payload, _ in events]
            self.calls.append(ids)
            self.correlations.append(correlation_id_var.get())
            if self.fail_on in ids:
                raise ValueError(f"cannot apply {self.fail_on}")
            uow.session.execute(effect.insert(), [
                {"event_id": str(envelope.event_id), "aggregate_id": payload.id}
                for payload, envelope in events])

        self.handle = handle


def one_by_one(log):
    def handle(payload, envelope, uow: UnitOfWork) -> None:
        log.append(payload.id)
        uow.session.execute(effect.insert().values(event_id=str(envelope.event_id),
                                                   aggregate_id=f"dihapus:{payload.id}"))
    return handle


def effects(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return list(conn.execute(select(effect.c.aggregate_id).order_by(effect.c.id)).scalars())


def dispatcher(db: Database, handlers) -> EventDispatcher:
    return EventDispatcher("konsumen", lambda: UnitOfWork(make_session_factory(db.engine)),
                           handlers)


def test_a_batch_handler_gets_each_run_of_its_events_once_and_order_is_kept(db):
    recorder, single = Recorder(), []
    d = dispatcher(db, {"UnorDiperbarui": recorder.handle, "UnorDihapus": one_by_one(single)})
    bodies = [body(diperbarui(1)), body(diperbarui(2)), body(UnorDihapus(id="u-9",
              instansi_id="inst-1")), body(diperbarui(3)), body(diperbarui(4)),
              body(diperbarui(5))]
    results = d.handle_batch(bodies)
    assert results == [Outcome.APPLIED] * 6
    assert recorder.calls == [["u-1", "u-2"], ["u-3", "u-4", "u-5"]]  # two runs, in order
    assert single == ["u-9"]
    assert effects(db) == ["u-1", "u-2", "dihapus:u-9", "u-3", "u-4", "u-5"]


def test_duplicates_and_poison_are_left_out_of_the_run(db):
    recorder = Recorder()
    d = dispatcher(db, {"UnorDiperbarui": recorder.handle})
    first = body(diperbarui(1))
    assert d.handle_batch([first]) == [Outcome.APPLIED]
    second = body(diperbarui(2))
    results = d.handle_batch([first, b"{not json", second, second])
    assert results[0] is Outcome.DUPLICATE
    assert isinstance(results[1], PoisonMessage)
    assert results[2] is Outcome.APPLIED
    assert results[3] is Outcome.DUPLICATE  # the same event twice in one batch: applied once
    assert recorder.calls == [["u-1"], ["u-2"]]
    assert effects(db) == ["u-1", "u-2"]


def test_a_failing_batch_handler_is_isolated_to_the_one_event(db):
    recorder = Recorder(fail_on="u-2")
    d = dispatcher(db, {"UnorDiperbarui": recorder.handle})
    results = d.handle_batch([body(diperbarui(i)) for i in (1, 2, 3)])
    assert results[0] is Outcome.APPLIED and results[2] is Outcome.APPLIED
    assert isinstance(results[1], ValueError)
    # first the whole run (failed, rolled back), then one event at a time
    assert recorder.calls == [["u-1", "u-2", "u-3"], ["u-1"], ["u-2"], ["u-3"]]
    assert effects(db) == ["u-1", "u-3"]
    with db.engine.connect() as conn:  # the failed event's inbox row was rolled back too
        from kinerja_shared.messaging.inbox import _inbox
        recorded = set(conn.execute(select(_inbox.c.event_id)).scalars())
    assert len(recorded) == 2


def test_handle_calls_a_batch_handler_with_one_event_and_the_correlation_id(db):
    recorder = Recorder()
    d = dispatcher(db, {"UnorDiperbarui": recorder.handle})
    assert d.handle(body(diperbarui(7), correlation_id="req-7")) is Outcome.APPLIED
    assert recorder.calls == [["u-7"]]
    assert recorder.correlations == ["req-7"]
    assert d.handle_batch([body(diperbarui(8), correlation_id="req-8")]) == [Outcome.APPLIED]
    assert recorder.correlations[-1] == "req-8"
