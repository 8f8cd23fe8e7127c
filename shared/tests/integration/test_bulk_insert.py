"""insert_rows: one statement for many rows, the same rows on PostgreSQL and SQLite."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import (JSON, Boolean, Column, Date, DateTime, Integer, MetaData, Numeric,
                        String, Table, select)
from sqlalchemy.orm import Session

from kinerja_shared.db import make_engine
from kinerja_shared.db.bulk import insert_rows

metadata = MetaData()
nilai = Table(
    "nilai", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("nama", String(50), nullable=False),
    Column("angka_kredit", Numeric(10, 3)),
    Column("aktif", Boolean),
    Column("tanggal", Date),
    Column("dicatat", DateTime(timezone=True)),
)
catatan = Table(
    "catatan", metadata,
    Column("id", String(36), primary_key=True),
    Column("isi", JSON),
    Column("versi", Integer, nullable=False, default=1),
)


@pytest.fixture(params=["postgresql", "sqlite"])
def engine(request, make_pg_database, tmp_path):
    url = (make_pg_database("kinerja_bulk") if request.param == "postgresql"
           else f"sqlite:///{tmp_path}/bulk.db")
    engine = make_engine(url)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


def test_rows_of_every_scalar_type_arrive_as_given(engine):
    when = datetime(2026, 11, 22, 3, 4, 5, tzinfo=timezone.utc)
    rows = [{"nama": f"Pegawai {i}", "angka_kredit": Decimal("12.500") + i,
             "aktif": i % 2 == 0, "tanggal": date(2026, 1, 1 + i), "dicatat": when}
            for i in range(5)]
    rows.append({"nama": "O'Brien; DROP TABLE nilai", "angka_kredit": None, "aktif": None,
                 "tanggal": None, "dicatat": None})
    with Session(engine) as session:
        assert insert_rows(session, nilai, rows) == 6
        assert insert_rows(session, nilai, rows[:2]) == 2  # a second batch size, same statement
        assert insert_rows(session, nilai, []) == 0
        session.commit()
    with engine.connect() as conn:
        stored = conn.execute(select(nilai).order_by(nilai.c.id)).mappings().all()
    assert len(stored) == 8
    assert [r["nama"] for r in stored[:6]] == [r["nama"] for r in rows]
    assert stored[3]["angka_kredit"] == Decimal("15.500")
    assert stored[2]["aktif"] is True and stored[1]["aktif"] is False
    assert stored[4]["tanggal"] == date(2026, 1, 5)
    assert stored[0]["dicatat"].replace(tzinfo=timezone.utc) == when
    assert stored[5]["angka_kredit"] is None


def test_json_columns_and_scalar_defaults_arrive(engine):
    rows = [{"id": str(uuid.uuid4()), "isi": {"skor": i, "catatan": ["a", "b"]}} for i in range(3)]
    with Session(engine) as session:
        insert_rows(session, catatan, rows)
        session.commit()
    with engine.connect() as conn:
        stored = {r.id: (r.isi, r.versi) for r in conn.execute(select(catatan))}
    assert stored == {r["id"]: (r["isi"], 1) for r in rows}


def test_the_rows_roll_back_with_their_transaction(engine):
    with Session(engine) as session:
        insert_rows(session, nilai, [{"nama": "Sementara"}])
        session.rollback()
    with engine.connect() as conn:
        assert conn.execute(select(nilai)).first() is None
