"""Revoked sessions (auth.revocation): the same-second rule, the table that only moves forward,
the set-wise SesiDicabut handler, the cache window, the 401 in login_required, and the runtime
giving every service the subscription."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
from flask import Flask, jsonify

from kinerja_shared.auth import (
    Principal,
    current_principal,
    init_auth,
    login_required,
    optional_principal,
    roles_required,
)
from kinerja_shared.auth.revocation import (
    RevocationList,
    cutoff_after,
    cutoff_of,
    metadata as revocation_metadata,
    platform_handlers,
    record,
    revocation_key,
    session_key,
    sesi_dicabut,
    sesi_dicabut_diterima,
)
from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.config import ServiceSettings
from kinerja_shared.db import UnitOfWork, make_engine, make_session_factory, naming_metadata
from kinerja_shared.db.migrations import create_sesi_dicabut_table_v1
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts.identity import SesiDicabut
from kinerja_shared.messaging import add_messaging_tables
from kinerja_shared.messaging.dispatcher import EventDispatcher, is_batch_handler
from kinerja_shared.runtime import ServiceDefinition, ServiceRuntime
from kinerja_shared.web.problems import Problem, problem_response

T0 = datetime(2026, 11, 22, 3, 0, 0, tzinfo=timezone.utc)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/layanan.db")
    metadata = naming_metadata()
    add_messaging_tables(metadata)
    metadata.create_all(engine)
    revocation_metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def uow_factory(engine):
    factory = make_session_factory(engine)
    return lambda: UnitOfWork(factory)


def revoke(uow_factory, *rows):
    with uow_factory() as uow:
        record(uow.session, rows)
        uow.commit()


# -- the rule ----------------------------------------------------------------------------------

def test_the_cutoff_is_the_first_whole_second_after_the_revocation():
    assert cutoff_after(at(0.3)) == at(1)
    assert cutoff_after(at(0.999999)) == at(1)
    assert cutoff_after(at(1)) == at(2)  # at 3:00:01.000000 a token of that second may be older


def test_every_token_issued_before_the_revocation_is_refused_even_in_the_same_second(engine):
    """Revoked at 3:00:00.7: a token of 3:00:00.2 has iat 3:00:00, like one of 3:00:00.9; both
    go. From 3:00:01 on tokens are good (identity dates a login of 3:00:00.9 at 3:00:01)."""
    revocations = RevocationList(engine, cache_seconds=0)
    with engine.begin() as conn:
        conn.execute(sesi_dicabut.insert().values(pegawai_id="p-1", alasan="PASSWORD_DIGANTI",
                                                  dicabut_sebelum=cutoff_after(at(0.7))))
    iat = int(at(0).timestamp())
    assert revocations.is_revoked(Principal("p-1", issued_at=iat - 3600))
    assert revocations.is_revoked(Principal("p-1", issued_at=iat))
    assert not revocations.is_revoked(Principal("p-1", issued_at=iat + 1))
    assert not revocations.is_revoked(Principal("p-2", issued_at=iat))  # someone else
    assert revocations.is_revoked(Principal("p-1"))  # no iat at all: nothing to prove it is newer


def test_a_revoked_session_refuses_its_tokens_and_leaves_the_pegawai_s_other_sessions(engine):
    """Log out (one session): the tokens with that ``sid`` go, those of another session of the
    same pegawai (another browser) and those without a session stay."""
    revocations = RevocationList(engine, cache_seconds=0)
    with engine.begin() as conn:
        conn.execute(sesi_dicabut.insert().values(pegawai_id=session_key("s-1"), alasan="KELUAR",
                                                  dicabut_sebelum=cutoff_after(at(0.7))))
    iat = int(at(0).timestamp())
    assert revocations.is_revoked(Principal("p-1", issued_at=iat, session_id="s-1"))
    assert not revocations.is_revoked(Principal("p-1", issued_at=iat, session_id="s-2"))
    assert not revocations.is_revoked(Principal("p-1", issued_at=iat))


def test_sesi_dicabut_with_a_session_moves_the_session_s_cutoff_only():
    kwargs = dict(pegawai_id="p-1", instansi_id="i-1", dicabut_sebelum=at(1), alasan="KELUAR")
    assert revocation_key(SesiDicabut(**kwargs)) == "p-1"
    assert revocation_key(SesiDicabut(**kwargs, sesi_id="s-1")) == "sesi:s-1"


def test_the_session_rides_in_the_token_as_sid():
    p = Principal("p-1", session_id="s-1")
    assert p.to_claims()["sid"] == "s-1"
    assert Principal.from_claims({**p.to_claims(), "iat": 5}).session_id == "s-1"
    assert "sid" not in Principal("p-1").to_claims()


# -- the table only moves forward ---------------------------------------------------------------

def test_a_cutoff_never_moves_back(engine, uow_factory):
    revoke(uow_factory, ("p-1", at(10), "KELUAR_SEMUA"))
    revoke(uow_factory, ("p-1", at(5), "PASSWORD_DIGANTI"))  # late, older
    revoke(uow_factory, ("p-1", at(10), "PASSWORD_DIATUR_ULANG"))  # the same again
    with engine.connect() as conn:
        row = conn.execute(sa.select(sesi_dicabut)).mappings().one()
    assert (row["pegawai_id"], row["alasan"]) == ("p-1", "KELUAR_SEMUA")
    with engine.connect() as conn:
        assert cutoff_of(conn, "p-1") == at(10)
    revoke(uow_factory, ("p-1", at(20), "PEGAWAI_DINONAKTIFKAN"))
    with engine.connect() as conn:
        assert cutoff_of(conn, "p-1") == at(20)
        assert cutoff_of(conn, "p-2") is None


def test_a_cutoff_with_a_fraction_of_a_second_is_rounded_up(engine, uow_factory):
    revoke(uow_factory, ("p-1", at(3.25), "X"))
    with engine.connect() as conn:
        assert cutoff_of(conn, "p-1") == at(4)


def _envelope(pegawai_id: str, seconds: float, alasan: str = "PASSWORD_DIGANTI") -> bytes:
    payload = SesiDicabut(pegawai_id=pegawai_id, instansi_id="i-1", dicabut_sebelum=at(seconds),
                          alasan=alasan)
    return EventEnvelope.wrap(payload, aggregate_id=pegawai_id, instansi_id="i-1").to_json()


def _table(engine) -> dict[str, tuple[datetime, str]]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(sesi_dicabut)).mappings().all()
    return {r["pegawai_id"]: (r["dicabut_sebelum"].replace(tzinfo=timezone.utc), r["alasan"])
            for r in rows}


def test_the_handler_is_set_wise_and_keeps_the_latest_cutoff_of_shuffled_duplicated_events(
        engine, uow_factory):
    assert is_batch_handler(sesi_dicabut_diterima)
    rng = random.Random(7)
    events = [(f"p-{rng.randrange(6)}", rng.randrange(50), rng.choice(["A", "B", "C"]))
              for _ in range(120)]
    bodies = [_envelope(*e) for e in events]
    bodies += rng.sample(bodies, 30)  # redeliveries
    rng.shuffle(bodies)
    dispatcher = EventDispatcher("uji", uow_factory, {"SesiDicabut": sesi_dicabut_diterima})
    for start in range(0, len(bodies), 17):
        dispatcher.handle_batch(bodies[start:start + 17])
    expected_cutoffs = {}
    for pegawai_id, seconds, _ in events:
        expected_cutoffs[pegawai_id] = max(expected_cutoffs.get(pegawai_id, at(0)), at(seconds))
    stored = _table(engine)
    assert {p: t for p, (t, _) in stored.items()} == expected_cutoffs
    for pegawai_id, (cutoff, alasan) in stored.items():  # the reason goes with the cutoff
        assert (pegawai_id, int((cutoff - T0).total_seconds()), alasan) in events


# -- the cache ------------------------------------------------------------------------------------

class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_answers_are_remembered_for_the_cache_window_only(engine, uow_factory):
    clock = Clock()
    revocations = RevocationList(engine, cache_seconds=5, clock=clock)
    token = Principal("p-1", issued_at=int(at(0).timestamp()))
    assert not revocations.is_revoked(token)
    revoke(uow_factory, ("p-1", at(1), "KELUAR_SEMUA"))
    clock.now += 4.9
    assert not revocations.is_revoked(token)  # still the remembered answer
    assert revocations.lookups == 1
    clock.now += 0.1
    assert revocations.is_revoked(token)  # the window is over: asked again
    assert revocations.lookups == 2


def test_forget_drops_an_answer_and_one_being_read_meanwhile(engine, uow_factory):
    clock = Clock()
    revocations = RevocationList(engine, cache_seconds=60, clock=clock)
    token = Principal("p-1", issued_at=int(at(0).timestamp()))
    assert not revocations.is_revoked(token)
    revoke(uow_factory, ("p-1", at(1), "KELUAR_SEMUA"))
    revocations.forget("p-1")
    assert revocations.is_revoked(token)
    # a lookup that started before forget() must not store what it read
    original = revocations.engine
    slow = _ForgetDuringLookup(original, revocations)
    revocations.engine = slow
    revocations.forget()
    assert revocations.cutoff("p-2") is None
    revocations.engine = original
    assert "p-2" not in revocations._cache


class _ForgetDuringLookup:
    """An engine whose connect() is interleaved with a forget() from another request."""

    def __init__(self, engine, revocations) -> None:
        self.engine, self.revocations = engine, revocations

    def connect(self):
        self.revocations.forget()
        return self.engine.connect()


def test_the_cache_stays_bounded(engine):
    revocations = RevocationList(engine, cache_seconds=60, max_entries=3)
    for i in range(10):
        revocations.cutoff(f"p-{i}")
    assert len(revocations._cache) <= 3


# -- login_required ------------------------------------------------------------------------------

@pytest.fixture
def minter():
    return TokenMinter()


@pytest.fixture
def client(engine, minter):
    app = Flask(__name__)
    app.register_error_handler(Problem, problem_response)
    init_auth(app, minter.verifier, revocations=RevocationList(engine, cache_seconds=0))

    @app.get("/saya")
    @login_required
    def saya():
        return jsonify(pegawai_id=current_principal().pegawai_id)

    @app.get("/admin")
    @roles_required("admin_instansi")
    def admin():
        return jsonify(ok=True)

    @app.get("/publik")
    def publik():
        principal = optional_principal()
        return jsonify(pegawai_id=principal.pegawai_id if principal else None)

    return app.test_client()


def test_a_revoked_token_is_401_problem_json_everywhere_and_a_newer_one_works(
        client, minter, uow_factory):
    now = datetime.now(timezone.utc)
    old = minter.headers("p-1", roles=["admin_instansi"], now=now - timedelta(seconds=30))
    assert client.get("/saya", headers=old).status_code == 200
    revoke(uow_factory, ("p-1", cutoff_after(now - timedelta(seconds=10)), "KELUAR_SEMUA"))
    for path in ("/saya", "/admin", "/publik"):
        r = client.get(path, headers=old)
        assert r.status_code == 401, path
        assert r.headers["Content-Type"] == "application/problem+json"
        assert r.json["detail"] == "Sesi telah dicabut; silakan masuk lagi."
        assert r.json["type"].endswith("/session-revoked") and r.json["status"] == 401
        assert 'error="invalid_token"' in r.headers["WWW-Authenticate"]
    fresh = minter.headers("p-1", roles=["admin_instansi"], now=now)
    assert client.get("/saya", headers=fresh).json == {"pegawai_id": "p-1"}
    assert client.get("/admin", headers=fresh).status_code == 200
    assert client.get("/publik").json == {"pegawai_id": None}  # no token: nothing to revoke


def test_a_token_without_iat_is_refused(minter):
    import jwt

    now = int(datetime.now(timezone.utc).timestamp())
    token = jwt.encode({"sub": "p-1", "iss": minter.issuer, "aud": minter.audience,
                        "nbf": now, "exp": now + 600}, minter.key.private_key,
                       algorithm="RS256", headers={"kid": minter.key.kid})
    from kinerja_shared.auth import InvalidToken

    with pytest.raises(InvalidToken):
        minter.verifier.verify(token)
    assert minter.verifier.verify(minter.token("p-1")).issued_at is not None


# -- every service gets it -------------------------------------------------------------------------

def _runtime(tmp_path, name: str, handlers=None) -> ServiceRuntime:
    definition = ServiceDefinition(name=name, url_prefix=name, title=name, description="",
                                   metadata=sa.MetaData(), migrations_dir=Path(tmp_path),
                                   handlers=handlers or (lambda rt: {}))
    settings = ServiceSettings(name, f"sqlite:///{tmp_path}/{name}.db")
    return ServiceRuntime(definition, settings)


def test_the_runtime_subscribes_every_service_but_identity(tmp_path):
    contoh = _runtime(tmp_path, "contoh", lambda rt: {"UnorDihapus": lambda *a: None})
    assert contoh.dispatcher.routing_keys == ["identity.SesiDicabut", "identity.UnorDihapus"]
    assert contoh.dispatcher.handlers["SesiDicabut"] is sesi_dicabut_diterima
    assert platform_handlers("identity") == {}  # it records them in the causing transaction
    contoh.dispose()


def test_a_service_cannot_take_the_platforms_subscription(tmp_path):
    rt = _runtime(tmp_path, "contoh", lambda rt: {"SesiDicabut": lambda *a: None})
    with pytest.raises(ValueError, match="handled by the platform"):
        rt.dispatcher  # noqa: B018
    rt.dispose()


def test_the_migration_helper_makes_the_table_the_code_reads(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/migrasi.db")
    with engine.begin() as conn:
        create_sesi_dicabut_table_v1(Operations(MigrationContext.configure(conn)))
        inspected = sa.inspect(conn)
        columns = {c["name"]: c for c in inspected.get_columns("sesi_dicabut")}
        primary_key = inspected.get_pk_constraint("sesi_dicabut")["constrained_columns"]
    assert list(columns) == [c.name for c in sesi_dicabut.columns]
    assert primary_key == ["pegawai_id"]
    assert not columns["dicabut_sebelum"]["nullable"]
    engine.dispose()
