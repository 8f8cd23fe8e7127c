"""Set-wise read-model upserts (apply_snapshots / apply_tombstones) on PostgreSQL and SQLite:
one statement per call, and the table ends up exactly as applying the events one by one would
leave it (duplicates in a batch, older revisi after newer, tombstones and late updates)."""
from __future__ import annotations

import random
from datetime import date

import pytest
from sqlalchemy import JSON, Boolean, Column, Date, Integer, String, Table, event, select

from kinerja_shared.db import make_engine, make_session_factory, naming_metadata
from kinerja_shared.db.readmodel import (
    apply_snapshot,
    apply_snapshots,
    apply_tombstone,
    apply_tombstones,
    upsert_snapshots,
)
from kinerja_shared.events.contracts.identity import (
    PegawaiDihapus,
    PegawaiDiperbarui,
    RelasiManualDiperbarui,
)

metadata = naming_metadata()


def orang_table(name: str) -> Table:
    """A pegawai read model: JSON, a date, and a column with a Python-side default."""
    return Table(name, metadata, Column("id", String(10), primary_key=True),
                 Column("instansi_id", String(10), nullable=False),
                 Column("nip", String(32)),
                 Column("nama", String(50), nullable=False),
                 Column("unor_id", String(10)),
                 Column("tmt_jabatan", Date),
                 Column("roles", JSON),
                 Column("gelar", String(20), nullable=False, default="-"),
                 Column("aktif", Boolean, nullable=False),
                 Column("dihapus", Boolean, nullable=False),
                 Column("revisi", Integer, nullable=False))


satu, banyak = orang_table("orang_satu"), orang_table("orang_banyak")  # one by one / set-wise
catatan = Table("catatan", metadata, Column("id", String(10), primary_key=True),
                Column("isi", String(50), nullable=False),
                Column("sumber", String(20), nullable=False, default=lambda: "event"),
                Column("revisi", Integer, nullable=False))
relasi = Table("relasi", metadata, Column("pegawai_id", String(10), primary_key=True),
               Column("instansi_id", String(10), nullable=False),
               Column("atasan_langsung_id", String(10)), Column("bawahan_ids", JSON),
               Column("revisi", Integer, nullable=False))


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def engine(request, make_pg_database, tmp_path_factory):
    url = (make_pg_database("kinerja_rm_batch") if request.param == "postgresql"
           else f"sqlite:///{tmp_path_factory.mktemp('rmb')}/rm.db")
    engine = make_engine(url)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine):
    with make_session_factory(engine)() as session:
        for table in (satu, banyak, relasi, catatan):
            session.execute(table.delete())
        yield session
        session.rollback()


def pegawai(pid: str, revisi: int, nama: str = "Budi", **kw) -> PegawaiDiperbarui:
    return PegawaiDiperbarui(id=pid, instansi_id="i1", nama=nama, revisi=revisi, **kw)


def dihapus(pid: str, revisi: int, nip: str | None = None) -> PegawaiDihapus:
    return PegawaiDihapus(id=pid, instansi_id="i1", nip=nip, revisi=revisi)


def rows(session, table) -> dict[str, dict]:
    return {r["id"]: dict(r) for r in session.execute(select(table)).mappings()}


def statements(session):
    """Record the SQL statements the session's connection runs."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _executemany):
        seen.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    return seen, lambda: event.remove(engine, "before_cursor_execute", record)


def test_a_batch_lands_with_one_statement_json_dates_and_defaults_included(session):
    seen, stop = statements(session)
    try:
        written = apply_snapshots(session, banyak, [
            pegawai("p1", 1, roles=["pegawai", "admin_instansi"], tmt_jabatan=date(2020, 3, 1)),
            pegawai("p2", 1, nama="Siti", unor_id="u1")])
    finally:
        stop()
    assert written == {"p1", "p2"}
    assert len(seen) == 1 and "ON CONFLICT" in seen[0]
    stored = rows(session, banyak)
    assert stored["p1"]["roles"] == ["pegawai", "admin_instansi"]
    assert stored["p1"]["tmt_jabatan"] == date(2020, 3, 1)
    assert stored["p1"]["gelar"] == "-"  # Python-side column default, as a single insert has it
    assert (stored["p2"]["nama"], stored["p2"]["unor_id"], stored["p2"]["dihapus"]) == \
        ("Siti", "u1", False)
    assert apply_snapshots(session, banyak, []) == set()


def test_duplicates_of_one_key_in_a_batch_keep_the_highest_revisi(session):
    written = apply_snapshots(session, banyak, [pegawai("p1", 2, "Dua"), pegawai("p1", 3, "Tiga"),
                                                pegawai("p1", 1, "Satu"), pegawai("p1", 3, "Lain")])
    assert written == {"p1"}
    row = rows(session, banyak)["p1"]
    assert (row["nama"], row["revisi"]) == ("Tiga", 3)  # of equal revisi the first stays


def test_an_older_revisi_after_a_newer_changes_nothing(session):
    apply_snapshots(session, banyak, [pegawai("p1", 5, "Baru"), pegawai("p2", 1, "Siti")])
    written = apply_snapshots(session, banyak, [pegawai("p1", 4, "Lama"), pegawai("p2", 2, "Sri")])
    assert written == {"p2"}
    stored = rows(session, banyak)
    assert (stored["p1"]["nama"], stored["p1"]["revisi"]) == ("Baru", 5)
    assert (stored["p2"]["nama"], stored["p2"]["revisi"]) == ("Sri", 2)


def test_a_tombstone_keeps_the_row_and_a_late_update_cannot_resurrect_it(session):
    apply_snapshots(session, banyak, [pegawai("p1", 1, "Budi", nip="1990")])
    assert apply_tombstones(session, banyak, [dihapus("p1", 2), dihapus("p9", 1)], nama="") \
        == {"p1", "p9"}
    assert apply_snapshots(session, banyak, [pegawai("p1", 1, "Zombie")]) == set()
    stored = rows(session, banyak)
    assert (stored["p1"]["nama"], stored["p1"]["nip"], stored["p1"]["dihapus"],
            stored["p1"]["aktif"], stored["p1"]["revisi"]) == ("Budi", "1990", True, False, 2)
    assert (stored["p9"]["nama"], stored["p9"]["dihapus"]) == ("", True)  # never seen


def test_a_newer_snapshot_clears_the_tombstone(session):
    apply_tombstones(session, banyak, [dihapus("p1", 2)], nama="")
    apply_snapshots(session, banyak, [pegawai("p1", 3, "Kembali")])
    row = rows(session, banyak)["p1"]
    assert (row["nama"], row["dihapus"], row["aktif"]) == ("Kembali", False, True)


def test_tombstones_of_one_unseen_key_insert_the_first_with_the_highest_revisi(session):
    apply_tombstones(session, banyak, [dihapus("p1", 2, nip="pertama"), dihapus("p1", 4, nip="x"),
                                       dihapus("p1", 3, nip="y")], nama="")
    row = rows(session, banyak)["p1"]
    # one by one: the first is inserted, later ones only move revisi (a tombstone keeps the rest)
    assert (row["nip"], row["revisi"], row["dihapus"]) == ("pertama", 4, True)


def test_another_key_column_and_json_lists(session):
    apply_snapshots(session, relasi, [
        RelasiManualDiperbarui(pegawai_id="p1", instansi_id="i1", bawahan_ids=["p2"], revisi=1),
        RelasiManualDiperbarui(pegawai_id="p1", instansi_id="i1", bawahan_ids=[], revisi=2)],
        key="pegawai_id")
    row = session.execute(select(relasi)).mappings().one()
    assert (row["bawahan_ids"], row["revisi"]) == ([], 2)


def test_the_statement_is_the_same_whatever_the_number_of_rows(session):
    seen, stop = statements(session)
    try:
        apply_snapshots(session, banyak, [pegawai(f"p{i}", 1) for i in range(3)])
        apply_snapshots(session, banyak, [pegawai(f"p{i}", 2) for i in range(40)])
    finally:
        stop()
    if session.get_bind().dialect.name == "postgresql":
        assert len(seen) == 2 and seen[0] == seen[1]  # one text: compiled and prepared once
    assert len(rows(session, banyak)) == 40


def test_a_default_only_sqlalchemy_computes_is_applied_too(session):
    # a callable default cannot ride in unnest's arrays: the generic statement carries it
    written = upsert_snapshots(session, catatan, [{"id": "c1", "isi": "satu", "revisi": 1},
                                                  {"id": "c1", "isi": "dua", "revisi": 2},
                                                  {"id": "c2", "isi": "x", "revisi": 1}])
    assert written == {"c1", "c2"}
    assert upsert_snapshots(session, catatan, [{"id": "c1", "isi": "lama", "revisi": 1}]) == set()
    stored = {r.id: (r.isi, r.sumber, r.revisi) for r in session.execute(select(catatan))}
    assert stored == {"c1": ("dua", "event", 2), "c2": ("x", "event", 1)}


def test_rows_with_different_columns_are_refused(session):
    with pytest.raises(ValueError):
        upsert_snapshots(session, satu, [{"id": "a", "instansi_id": "i", "nama": "x",
                                          "aktif": True, "dihapus": False, "revisi": 1},
                                         {"id": "b", "instansi_id": "i", "nama": "y",
                                          "aktif": True, "dihapus": False, "revisi": 1,
                                          "nip": "1"}])


def random_events(rng: random.Random, n: int) -> list:
    events = []
    for _ in range(n):
        pid, revisi = rng.choice(["p1", "p2", "p3", "p4"]), rng.randint(1, 6)
        if rng.random() < 0.3:
            events.append(dihapus(pid, revisi, nip=rng.choice([None, "n1", "n2"])))
        else:
            events.append(pegawai(pid, revisi, rng.choice(["A", "B", "C", "D"]),
                                  nip=rng.choice([None, "n1", "n2"]),
                                  roles=rng.choice([["pegawai"], ["pegawai", "x"]]),
                                  aktif=rng.random() < 0.8))
    return events


def runs(events: list) -> list[list]:
    """Consecutive events of one type, as the dispatcher hands them to a batch handler."""
    out: list[list] = []
    for e in events:
        if out and type(out[-1][0]) is type(e):
            out[-1].append(e)
        else:
            out.append([e])
    return out


@pytest.mark.parametrize("seed", range(40))
def test_set_wise_gives_the_same_table_as_one_by_one(session, seed):
    rng = random.Random(seed)
    earlier, events = random_events(rng, rng.randint(0, 6)), random_events(rng, 25)
    for table in (satu, banyak):  # the same state before, stored one by one
        for e in earlier:
            if isinstance(e, PegawaiDihapus):
                apply_tombstone(session, table, e, nama="")
            else:
                apply_snapshot(session, table, e)
    for e in events:
        if isinstance(e, PegawaiDihapus):
            apply_tombstone(session, satu, e, nama="")
        else:
            apply_snapshot(session, satu, e)
    for run in runs(events):
        if isinstance(run[0], PegawaiDihapus):
            apply_tombstones(session, banyak, run, nama="")
        else:
            apply_snapshots(session, banyak, run)
    assert rows(session, banyak) == rows(session, satu)
