"""The SesiDicabut handler on PostgreSQL (unnest upsert) and SQLite: random batches of
shuffled, duplicated and redelivered events leave each pegawai's latest cutoff, written with
one statement per run, and RevocationList reads it back to the second."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from kinerja_shared.auth import Principal
from kinerja_shared.auth.revocation import RevocationList, metadata as revocation_metadata
from kinerja_shared.auth.revocation import sesi_dicabut, sesi_dicabut_diterima
from kinerja_shared.db import UnitOfWork, make_engine, make_session_factory, naming_metadata
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts.identity import SesiDicabut
from kinerja_shared.messaging import add_messaging_tables
from kinerja_shared.messaging.dispatcher import EventDispatcher

T0 = datetime(2026, 11, 22, 3, 0, 0, tzinfo=timezone.utc)


@pytest.fixture(params=["postgresql", "sqlite"])
def engine(request, make_pg_database, tmp_path):
    url = (make_pg_database("kinerja_sesi") if request.param == "postgresql"
           else f"sqlite:///{tmp_path}/sesi.db")
    engine = make_engine(url)
    metadata = naming_metadata()
    add_messaging_tables(metadata)
    metadata.create_all(engine)
    revocation_metadata.create_all(engine)
    yield engine
    engine.dispose()


def _body(pegawai_id: str, seconds: int, alasan: str) -> bytes:
    payload = SesiDicabut(pegawai_id=pegawai_id, instansi_id="i-1", alasan=alasan,
                          dicabut_sebelum=T0 + timedelta(seconds=seconds))
    return EventEnvelope.wrap(payload, aggregate_id=pegawai_id, instansi_id="i-1").to_json()


def test_random_batches_leave_the_latest_cutoff_of_each_pegawai(engine):
    factory = make_session_factory(engine)
    dispatcher = EventDispatcher("uji", lambda: UnitOfWork(factory),
                                 {"SesiDicabut": sesi_dicabut_diterima})
    rng = random.Random(2026)
    events = [(f"p-{rng.randrange(40)}", rng.randrange(3600), rng.choice(["A", "B"]))
              for _ in range(600)]
    bodies = [_body(*e) for e in events]
    bodies += rng.sample(bodies, 100)
    rng.shuffle(bodies)
    upserts = []

    @event.listens_for(engine, "before_cursor_execute")
    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("INSERT INTO SESI_DICABUT"):
            upserts.append(statement)

    sizes = []
    while bodies:
        size = rng.randrange(1, 120)
        batch, bodies = bodies[:size], bodies[size:]
        dispatcher.handle_batch(batch)
        sizes.append(size)
    event.remove(engine, "before_cursor_execute", count)

    # at most one statement per batch whatever its size (none when all of it was redelivered)
    assert 0 < len(upserts) <= len(sizes)
    latest: dict[str, tuple[int, set[str]]] = {}
    for pegawai_id, seconds, alasan in events:
        best, reasons = latest.get(pegawai_id, (-1, set()))
        if seconds > best:
            latest[pegawai_id] = (seconds, {alasan})
        elif seconds == best:
            reasons.add(alasan)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(sesi_dicabut)).mappings().all()
    stored = {r["pegawai_id"]: r for r in rows}
    assert set(stored) == set(latest)
    revocations = RevocationList(engine, cache_seconds=0)
    for pegawai_id, (seconds, reasons) in latest.items():
        assert stored[pegawai_id]["alasan"] in reasons
        cutoff = int((T0 + timedelta(seconds=seconds)).timestamp())
        assert revocations.cutoff(pegawai_id) == cutoff
        assert revocations.is_revoked(Principal(pegawai_id, issued_at=cutoff - 1))
        assert not revocations.is_revoked(Principal(pegawai_id, issued_at=cutoff))
