"""Migration 0007 (pegawai.tmt_golongan, status_kepegawaian, tmt_status; the new instansi
pengaturan) on a database that already has instansi and pegawai, on PostgreSQL and on SQLite
(the embedded mode), up and down."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from kinerja_shared.db.engine import make_engine
from kinerja_shared.db.migrations import alembic_config, downgrade, upgrade
from kinerja_shared.runtime.definition import load_definitions

REVISION = "0007"
T = datetime(2026, 1, 5, tzinfo=timezone.utc)
LAMA = {"model_skp": "PERMENPAN_6_2022", "skema_periode": "BULANAN",
        "jendela_keberatan_hari": 14, "penegakan_distribusi": "PERINGATAN"}
BARU = {"alur_keberatan": "PERMENPAN_6_2022", "pemutus_keberatan_pegawai_id": None,
        "angka_kredit_periodik": False}

# the tables as they are before the revision (lightweight: only what the test writes)
instansi = sa.table("instansi", sa.column("id"), sa.column("nama"), sa.column("kode"),
                    sa.column("pengaturan", sa.JSON), sa.column("revisi"),
                    sa.column("created_at"), sa.column("updated_at"))
pegawai = sa.table("pegawai", sa.column("id"), sa.column("instansi_id"), sa.column("nip"),
                   sa.column("nama"), sa.column("jenis_jabatan"), sa.column("golongan"),
                   sa.column("roles", sa.JSON), sa.column("non_asn"), sa.column("aktif"),
                   sa.column("revisi"), sa.column("created_at"), sa.column("updated_at"))


@pytest.fixture(params=["postgresql", "sqlite"])
def database_url(request, make_pg_database, tmp_path):
    if request.param == "postgresql":
        return make_pg_database("identity_status")
    return f"sqlite:///{tmp_path}/identity.db"


@pytest.fixture()
def definition():
    return load_definitions(["identity"])["identity"]


def _pengaturan(conn) -> dict[str, dict]:
    return {r.id: r.pengaturan for r in conn.execute(sa.select(instansi.c.id,
                                                                 instansi.c.pengaturan))}


def test_existing_pegawai_become_aktif_and_instansi_get_the_new_pengaturan(
        database_url, definition):
    script = ScriptDirectory.from_config(alembic_config(definition, database_url))
    parent = script.get_revision(REVISION).down_revision
    upgrade(definition, database_url, parent)
    engine = make_engine(database_url)
    try:
        with engine.begin() as c:
            c.execute(instansi.insert(), [
                dict(id="i1", nama="Lama", kode="L1", pengaturan=LAMA, revisi=3, created_at=T,
                     updated_at=T),
                # a setting already there (written by a newer release, then rolled back) is kept
                dict(id="i2", nama="Setengah", kode="L2",
                     pengaturan={**LAMA, "alur_keberatan": "DKI"}, revisi=1, created_at=T,
                     updated_at=T)])
            c.execute(pegawai.insert(), [
                dict(id="p1", instansi_id="i1", nip="199001012020011001", nama="Aktif",
                     jenis_jabatan="PIMPINAN", golongan="III/a", roles=["pegawai"],
                     non_asn=False, aktif=True, revisi=1, created_at=T, updated_at=T),
                dict(id="p2", instansi_id="i1", nip="199001012020011002", nama="Nonaktif",
                     jenis_jabatan="PEGAWAI", golongan=None, roles=["pegawai"], non_asn=False,
                     aktif=False, revisi=1, created_at=T, updated_at=T)])

        upgrade(definition, database_url, "head")
        with engine.connect() as c:
            rows = c.execute(sa.text("SELECT id, aktif, status_kepegawaian, tmt_golongan, "
                                     "tmt_status FROM pegawai ORDER BY id")).all()
            columns = {col["name"]: col for col in sa.inspect(c).get_columns("pegawai")}
            indexes = {i["name"] for i in sa.inspect(c).get_indexes("pegawai")}
            assert _pengaturan(c) == {"i1": {**LAMA, **BARU},
                                      "i2": {**LAMA, **BARU, "alur_keberatan": "DKI"}}
        # the status is AKTIF for both: an old deactivation says nothing about the status
        assert [tuple(r) for r in rows] == [("p1", True, "AKTIF", None, None),
                                            ("p2", False, "AKTIF", None, None)]
        assert columns["status_kepegawaian"]["nullable"] is False
        assert columns["tmt_golongan"]["nullable"] and columns["tmt_status"]["nullable"]
        assert "ix_pegawai_instansi_status" in indexes
        with engine.begin() as c:  # the server default fills a row written without it
            c.execute(pegawai.insert().values(
                id="p3", instansi_id="i1", nip="199001012020011003", nama="Baru",
                jenis_jabatan="PEGAWAI", roles=["pegawai"], non_asn=False, aktif=True, revisi=1,
                created_at=T, updated_at=T))
            c.execute(sa.text("UPDATE pegawai SET tmt_golongan = :d WHERE id = 'p1'"),
                      {"d": date(2021, 4, 1)})
            assert c.execute(sa.text("SELECT status_kepegawaian FROM pegawai WHERE id = 'p3'")
                             ).scalar() == "AKTIF"

        downgrade(definition, database_url, parent)
        with engine.connect() as c:
            columns = {col["name"] for col in sa.inspect(c).get_columns("pegawai")}
            indexes = {i["name"] for i in sa.inspect(c).get_indexes("pegawai")}
            assert not columns & {"tmt_golongan", "status_kepegawaian", "tmt_status"}
            assert "ix_pegawai_instansi_status" not in indexes
            assert "ix_pegawai_pimpinan" in indexes  # kept through SQLite's table rebuild
            assert c.execute(sa.select(sa.func.count()).select_from(pegawai)).scalar() == 3
            assert _pengaturan(c) == {"i1": LAMA, "i2": LAMA}
        upgrade(definition, database_url, "head")  # and up again
    finally:
        engine.dispose()
