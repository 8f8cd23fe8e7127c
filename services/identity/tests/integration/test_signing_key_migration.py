"""Migration 0006 (signing_key.signs_from) on a database that already has keys, on PostgreSQL
and on SQLite (the embedded mode): existing keys sign from their creation, so the newest keeps
signing and the others keep verifying."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlalchemy.orm import sessionmaker

from kinerja_shared.auth.keys import SigningKey
from kinerja_shared.db.engine import make_engine
from kinerja_shared.db.migrations import alembic_config, downgrade, upgrade
from kinerja_shared.runtime.definition import load_definitions

from identity.adapters.keystore import KeyStore
from identity.adapters.tables import signing_key
from identity.service_layer.common import aware

REVISION = "0006"


@pytest.fixture(params=["postgresql", "sqlite"])
def database_url(request, make_pg_database, tmp_path):
    if request.param == "postgresql":
        return make_pg_database("identity_kunci")
    return f"sqlite:///{tmp_path}/identity.db"


@pytest.fixture()
def definition():
    return load_definitions(["identity"])["identity"]


def test_identity_has_one_migration_head(definition):
    script = ScriptDirectory.from_config(alembic_config(definition, "sqlite://"))
    assert len(script.get_heads()) == 1


def test_existing_keys_sign_from_their_creation_after_the_upgrade(database_url, definition):
    script = ScriptDirectory.from_config(alembic_config(definition, database_url))
    parent = script.get_revision(REVISION).down_revision
    upgrade(definition, database_url, parent)
    engine = make_engine(database_url)
    try:
        t0 = datetime.now(timezone.utc) - timedelta(days=10)
        oldest, previous, newest = (SigningKey.generate() for _ in range(3))
        with engine.begin() as c:
            for key, created, retired in ((oldest, t0, t0 + timedelta(days=8)),
                                          (previous, t0 + timedelta(days=1), None),
                                          (newest, t0 + timedelta(days=7), None)):
                c.execute(signing_key.insert().values(
                    kid=key.kid, private_pem=key.private_pem, public_jwk=key.public_jwk,
                    created_at=created, retired_at=retired))

        upgrade(definition, database_url, "head")
        with engine.connect() as c:
            rows = c.execute(sa.select(signing_key.c.created_at, signing_key.c.signs_from)).all()
            nullable = {col["name"]: col["nullable"]
                        for col in sa.inspect(c).get_columns("signing_key")}
        assert len(rows) == 3 and all(r.signs_from == r.created_at for r in rows)
        assert nullable["signs_from"] is False

        store = KeyStore(sessionmaker(engine))
        assert store.current().kid == newest.kid
        assert {k["kid"] for k in store.jwks()["keys"]} == {previous.kid, newest.kid}
        listed = {k["kid"]: k for k in store.list()}
        assert listed[newest.kid]["penandatangan"]
        assert listed[previous.kid]["aktif"] and not listed[previous.kid]["menunggu"]
        assert not listed[oldest.kid]["aktif"]
        assert aware(listed[previous.kid]["signs_from"]) == t0 + timedelta(days=1)

        # and the new column works: a rotation is published, signs later
        pending = store.rotate(delay=360)
        assert store.current().kid == newest.kid
        assert {k["kid"]: k for k in store.list()}[pending]["menunggu"]

        downgrade(definition, database_url, parent)
        with engine.connect() as c:
            columns = {col["name"] for col in sa.inspect(c).get_columns("signing_key")}
            assert "signs_from" not in columns
            assert c.execute(sa.select(sa.func.count()).select_from(sa.table("signing_key"))
                             ).scalar() == 4
    finally:
        engine.dispose()
