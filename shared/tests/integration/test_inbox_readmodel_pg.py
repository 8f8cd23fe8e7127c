"""The inbox and read-model upserts report what they did on PostgreSQL too (psycopg gives
rowcount -1 for INSERT ... ON CONFLICT, so the answer must come from RETURNING)."""
from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, String, Table

from kinerja_shared.db import make_engine, make_session_factory, naming_metadata
from kinerja_shared.db.readmodel import upsert_snapshot
from kinerja_shared.messaging import add_messaging_tables
from kinerja_shared.messaging.inbox import record_once

metadata = naming_metadata()
add_messaging_tables(metadata)
thing = Table("thing", metadata, Column("id", String(10), primary_key=True),
              Column("nama", String(50)), Column("revisi", Integer, nullable=False))


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
