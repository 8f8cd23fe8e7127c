"""The inbox and read-model upserts report what they did on PostgreSQL too (psycopg gives
rowcount -1 for INSERT ... ON CONFLICT, so the answer must come from RETURNING)."""
from __future__ import annotations

import pytest
from sqlalchemy import Boolean, Column, Integer, String, Table

from kinerja_shared.db import make_engine, make_session_factory, naming_metadata
from kinerja_shared.db.readmodel import apply_snapshot, apply_tombstone, upsert_snapshot
from kinerja_shared.events.contracts.identity import PegawaiDihapus, PegawaiDiperbarui
from kinerja_shared.messaging import add_messaging_tables
from kinerja_shared.messaging.inbox import record_once

metadata = naming_metadata()
add_messaging_tables(metadata)
thing = Table("thing", metadata, Column("id", String(10), primary_key=True),
              Column("nama", String(50)), Column("revisi", Integer, nullable=False))

orang = Table("orang", metadata, Column("id", String(10), primary_key=True),
              Column("instansi_id", String(10), nullable=False),
              Column("nama", String(50), nullable=False), Column("aktif", Boolean, nullable=False),
              Column("dihapus", Boolean, nullable=False), Column("revisi", Integer, nullable=False))


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def sessions(request, make_pg_database, tmp_path_factory):
    url = (make_pg_database() if request.param == "postgresql"
           else f"sqlite:///{tmp_path_factory.mktemp('rm')}/rm.db")
    engine = make_engine(url)
    metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


def test_inbox_says_new_then_duplicate(sessions):
    with sessions() as session:
        assert record_once(session, consumer="c", event_id="e1", event_type="X") is True
        assert record_once(session, consumer="c", event_id="e1", event_type="X") is False
        assert record_once(session, consumer="other", event_id="e1", event_type="X") is True
        session.commit()


def test_upsert_reports_written_only_for_newer_revisions(sessions):
    with sessions() as session:
        assert upsert_snapshot(session, thing, {"id": "a", "nama": "satu", "revisi": 1}) is True
        assert upsert_snapshot(session, thing, {"id": "a", "nama": "dua", "revisi": 2}) is True
        assert upsert_snapshot(session, thing, {"id": "a", "nama": "lama", "revisi": 1}) is False
        session.commit()
        assert session.execute(thing.select()).one().nama == "dua"


def test_a_snapshot_lands_and_a_tombstone_keeps_the_row_and_wins_over_late_updates(sessions):
    def snapshot(revisi, nama):
        return PegawaiDiperbarui(id="p1", instansi_id="i1", nama=nama, revisi=revisi)

    with sessions() as session:
        assert apply_snapshot(session, orang, snapshot(1, "Budi")) is True
        assert apply_tombstone(session, orang, PegawaiDihapus(id="p1", instansi_id="i1",
                                                              revisi=2), nama="") is True
        assert apply_snapshot(session, orang, snapshot(1, "Zombie")) is False
        assert apply_tombstone(session, orang, PegawaiDihapus(id="p2", instansi_id="i1",
                                                              revisi=1), nama="") is True
        session.commit()
        rows = {r.id: r for r in session.execute(orang.select())}
    assert (rows["p1"].nama, rows["p1"].dihapus, rows["p1"].aktif) == ("Budi", True, False)
    assert (rows["p2"].nama, rows["p2"].dihapus) == ("", True)  # never seen: a placeholder
