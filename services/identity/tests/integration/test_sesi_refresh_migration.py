"""Migration 0008 (sesi_refresh, the refresh tokens of login sessions) on PostgreSQL and on
SQLite (the embedded mode): up on a database with pegawai, the table as the service's metadata
has it, a pegawai's rows gone with the pegawai, and down again."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from kinerja_shared.db.engine import make_engine
from kinerja_shared.db.migrations import downgrade, upgrade
from kinerja_shared.runtime.definition import load_definitions

T = datetime(2026, 1, 5, tzinfo=timezone.utc)


@pytest.fixture(params=["postgresql", "sqlite"])
def database_url(request, make_pg_database, tmp_path):
    if request.param == "postgresql":
        return make_pg_database("identity_sesi")
    return f"sqlite:///{tmp_path}/identity.db"


def test_sesi_refresh_up_and_down(database_url):
    definition = load_definitions(["identity"])["identity"]
    upgrade(definition, database_url, "0008")
    engine = make_engine(database_url)
    try:
        cols = {c["name"] for c in sa.inspect(engine).get_columns("sesi_refresh")}
        assert cols == set(definition.metadata.tables["sesi_refresh"].c.keys())
        indexes = {i["name"] for i in sa.inspect(engine).get_indexes("sesi_refresh")}
        assert {"ix_sesi_refresh_sesi_id", "ix_sesi_refresh_pegawai_id"} <= indexes
        with engine.begin() as c:
            if engine.dialect.name == "sqlite":
                c.exec_driver_sql("PRAGMA foreign_keys=ON")
            c.execute(sa.text("INSERT INTO instansi (id, nama, pengaturan, revisi, created_at, "
                              "updated_at) VALUES ('i1', 'Uji', '{}', 1, :t, :t)"), {"t": T})
            c.execute(sa.text("INSERT INTO pegawai (id, instansi_id, nip, nama, jenis_jabatan, "
                              "roles, non_asn, aktif, revisi, created_at, updated_at) VALUES "
                              "('p1', 'i1', '199001012020011001', 'Uji', 'PEGAWAI', '[]', false, "
                              "true, 1, :t, :t)"), {"t": T})
            c.execute(sa.text("INSERT INTO sesi_refresh (id, sesi_id, pegawai_id, rahasia_hash, "
                              "dibuat_at, berlaku_sampai) VALUES ('r1', 's1', 'p1', :h, :t, :t)"),
                      {"h": "0" * 64, "t": T})
            c.execute(sa.text("DELETE FROM pegawai WHERE id = 'p1'"))
            assert c.execute(sa.text("SELECT count(*) FROM sesi_refresh")).scalar() == 0
    finally:
        engine.dispose()
    downgrade(definition, database_url, "0007")
    engine = make_engine(database_url)
    try:
        assert "sesi_refresh" not in sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()
