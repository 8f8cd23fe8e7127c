"""A rotated key is published in the JWKS first and signs only after the publish delay, so a
service whose JwksClient cached the key set around the rotation verifies the new tokens.

identity runs on this module's PostgreSQL database and is served over HTTP; its key store reads
a fake wall clock and each JwksClient a fake monotonic clock, both moved by the tests (no
sleeping). The key store's clock only moves forward, shared by every test of the module."""
from __future__ import annotations

import dataclasses
import threading
from datetime import datetime, timedelta

import jwt
import pytest
from werkzeug.serving import make_server

from kinerja_shared.auth import InvalidToken, JwksClient, TokenVerifier

from identity.adapters.keystore import utcnow
from identity.config import MINIMUM_PUBLISH_DELAY
from identity.service_layer import kunci
from identity.wiring import components


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.t = start

    def __call__(self) -> datetime:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += timedelta(seconds=seconds)


@pytest.fixture(scope="module")
def module_clock(runtime):
    keys = components(runtime).keys
    real = keys.clock
    keys.clock = FakeClock(utcnow())
    yield keys.clock
    keys.clock = real


@pytest.fixture()
def clock(module_clock):
    module_clock.advance(86400)  # whatever earlier tests left pending signs by now
    return module_clock


@pytest.fixture()
def delay(runtime):
    return components(runtime).settings.key_publish_delay


@pytest.fixture()
def short_delay(runtime, monkeypatch):
    """identity with the publish delay set just above the minimum (35 s)."""
    comp = components(runtime)
    value = int(MINIMUM_PUBLISH_DELAY) + 5
    monkeypatch.setattr(comp, "settings", dataclasses.replace(comp.settings,
                                                              key_publish_delay=value))
    return value


@pytest.fixture(scope="module")
def served(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


class Service:
    """Another service: a JwksClient (as the runtime builds it: default cache and refetch
    interval) on identity's JWKS, reading a monotonic clock the test moves."""

    def __init__(self, served: str, runtime) -> None:
        self.mono = 1000.0
        self.client = JwksClient(f"{served}/.well-known/jwks.json", clock=lambda: self.mono)
        self.verifier = TokenVerifier(self.client, issuer=runtime.settings.jwt_issuer,
                                      audience=runtime.settings.jwt_audience)

    def accepts(self, token: str) -> bool:
        try:
            self.verifier.verify(token)
            return True
        except InvalidToken:
            return False


def login(api, nip: str, password: str) -> str:
    r = api.client.post("/auth/login", json={"nip": nip, "password": password})
    assert r.status_code == 200, r.get_json()
    return r.get_json()["access_token"]


def kid(token: str) -> str:
    return jwt.get_unverified_header(token)["kid"]


def published(api) -> set[str]:
    return {k["kid"] for k in api.client.get("/.well-known/jwks.json").get_json()["keys"]}


def listed(api) -> dict[str, dict]:
    """GET /auth/kunci with a fresh admin token (the tests retire the keys of older ones)."""
    admin = {"Authorization": f"Bearer {login(api, api.admin_nip, api.admin_password)}"}
    return {k["kid"]: k for k in api.ok("get", "/auth/kunci", admin)}


def signer(api) -> str:
    return next(k for k, v in listed(api).items() if v["penandatangan"])


def at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def test_a_rotated_key_is_published_at_once_and_signs_after_the_delay(api, instansi, runtime,
                                                                      served, clock, delay):
    staf = instansi.staf["nip"]
    old_kid = signer(api)
    old_token = login(api, staf, api.password)
    assert kid(old_token) == old_kid
    before = Service(served, runtime)  # fetched the JWKS just before the rotation
    assert before.accepts(old_token) and before.client.fetch_count == 1

    new = api.ok("post", "/auth/kunci", api.admin, 201)
    new_kid = new["kid"]
    assert new["aktif"] and new["menunggu"] and not new["penandatangan"]
    assert at(new["signs_from"]) - at(new["created_at"]) == timedelta(seconds=delay)

    # published at once, but tokens are still signed with the old key
    assert {old_kid, new_kid} <= published(api)
    token = login(api, staf, api.password)
    assert kid(token) == old_kid
    keys = listed(api)
    assert keys[old_kid]["penandatangan"] and not keys[old_kid]["menunggu"]
    assert keys[new_kid]["menunggu"] and keys[new_kid]["signs_from"] == new["signs_from"]

    before.mono += 1
    after = Service(served, runtime)  # fetched right after the rotation
    after.mono = before.mono
    assert after.accepts(token) and after.client.fetch_count == 1

    clock.advance(delay - 1)
    assert kid(login(api, staf, api.password)) == old_kid
    clock.advance(1)
    token = login(api, staf, api.password)
    assert kid(token) == new_kid
    keys = listed(api)
    assert keys[new_kid]["penandatangan"] and not keys[new_kid]["menunggu"]
    assert keys[old_kid]["aktif"] and not keys[old_kid]["penandatangan"]

    # both services are `delay` further on: longer than the JWKS cache time plus the minimum
    # refetch interval, so each has reloaded the key set by then (the one reload its cache time
    # makes anyway) and accepts the new token; tokens of the old key stay valid too
    for service in (before, after):
        service.mono += delay
        assert service.accepts(token) and service.accepts(old_token)
        assert service.client.fetch_count == 2
    api.ok("get", "/auth/me", {"Authorization": f"Bearer {token}"})


def test_a_service_that_fetched_after_the_rotation_verifies_without_fetching_again(
        api, instansi, runtime, served, clock, short_delay):
    """With the delay just above the minimum refetch interval plus identity's key cache: the
    service that fetched after the rotation already holds the key; the one that fetched just
    before may fetch again for the unknown kid by the time the key signs."""
    staf = instansi.staf["nip"]
    old_kid = signer(api)
    before = Service(served, runtime)
    assert before.accepts(login(api, staf, api.password))

    new = api.ok("post", "/auth/kunci", api.admin, 201)
    assert at(new["signs_from"]) - at(new["created_at"]) == timedelta(seconds=short_delay)
    after = Service(served, runtime)
    after.mono = before.mono = before.mono + 1
    assert after.accepts(login(api, staf, api.password))
    assert after.client.fetch_count == 1

    clock.advance(short_delay)
    before.mono += short_delay
    after.mono += short_delay
    token = login(api, staf, api.password)
    assert kid(token) == new["kid"] != old_kid
    assert after.accepts(token) and after.client.fetch_count == 1  # no fetch at all
    assert before.accepts(token) and before.client.fetch_count == 2  # one, for the new kid


def test_an_emergency_rotation_signs_at_once_then_the_leaked_key_is_retired(
        api, instansi, runtime, served, clock):
    staf = instansi.staf["nip"]
    leaked = signer(api)
    leaked_token = login(api, staf, api.password)
    before = Service(served, runtime)
    assert before.accepts(leaked_token)

    assert api.client.post("/auth/kunci?segera=true", headers=instansi.admin).status_code == 403
    new = api.ok("post", "/auth/kunci?segera=true", api.admin, 201)
    assert new["penandatangan"] and not new["menunggu"]
    assert new["signs_from"] == new["created_at"]
    token = login(api, staf, api.password)
    assert kid(token) == new["kid"]

    # the documented cost: a service that fetched just before refuses the new tokens until
    # its minimum refetch interval has passed
    before.mono += 1
    assert not before.accepts(token)
    before.mono += before.client.min_refetch_interval
    assert before.accepts(token)

    # then the leaked key goes: its tokens stop verifying (at identity at once)
    admin = {"Authorization": f"Bearer {login(api, api.admin_nip, api.admin_password)}"}
    api.ok("delete", f"/auth/kunci/{leaked}", admin, 204)
    assert leaked not in published(api)
    assert api.client.get("/auth/me", headers={"Authorization": f"Bearer {leaked_token}"}
                          ).status_code == 401
    api.ok("get", "/auth/me", {"Authorization": f"Bearer {token}"})


def test_an_emergency_rotation_supersedes_a_pending_key(api, instansi, clock, delay):
    staf = instansi.staf["nip"]
    pending = api.ok("post", "/auth/kunci", api.admin, 201)
    clock.advance(1)
    emergency = api.ok("post", "/auth/kunci?segera=1", api.admin, 201)
    assert kid(login(api, staf, api.password)) == emergency["kid"]
    clock.advance(delay + 1)
    # the pending key made before the emergency one never signs; it is only published
    assert kid(login(api, staf, api.password)) == emergency["kid"]
    keys = listed(api)
    assert keys[pending["kid"]]["aktif"] and not keys[pending["kid"]]["menunggu"]
    assert not keys[pending["kid"]]["penandatangan"]


def test_a_pending_key_may_be_retired_the_signing_key_not(api, instansi, clock, delay):
    staf = instansi.staf["nip"]
    current = signer(api)
    pending = api.ok("post", "/auth/kunci", api.admin, 201)["kid"]
    r = api.client.delete(f"/auth/kunci/{current}", headers=api.admin)
    assert r.status_code == 409 and r.get_json()["detail"] == kunci.SEDANG_MENANDATANGANI
    api.ok("delete", f"/auth/kunci/{pending}", api.admin, 204)
    assert pending not in published(api) and current in published(api)
    keys = listed(api)
    assert not keys[pending]["aktif"] and not keys[pending]["menunggu"]
    clock.advance(delay + 1)
    assert kid(login(api, staf, api.password)) == current  # a retired key never signs


def prune(runtime) -> list[str]:
    """The service function as `kinerja identity keys prune` calls it."""
    with runtime.uow() as uow:
        return kunci.pensiunkan_usang(uow, None, components(runtime), oleh="uji")


def test_prune_counts_from_when_the_current_key_started_signing(api, runtime, clock, delay):
    ttl = components(runtime).settings.token_ttl
    old = signer(api)
    prune(runtime)  # what earlier tests left (a day ago)
    assert [k for k, v in listed(api).items() if v["aktif"]] == [old]
    new = api.ok("post", "/auth/kunci", api.admin, 201)["kid"]
    assert prune(runtime) == []  # the old key still signs

    # counted from the new key's creation, the old one would go now; but it signed until the
    # new one started signing, `delay` later, and its last tokens live a token lifetime more
    clock.advance(ttl + kunci.JEDA_BAKU + 1)
    assert signer(api) == new
    assert prune(runtime) == []
    assert listed(api)[old]["aktif"]

    # a key rotated in meanwhile is pending: prune leaves it, whenever the others go
    pending = api.ok("post", "/auth/kunci", api.admin, 201)["kid"]
    clock.advance(delay - 2)  # the new key has signed for ttl + JEDA_BAKU - 1 s
    assert prune(runtime) == []
    clock.advance(1)
    assert listed(api)[pending]["menunggu"]
    assert prune(runtime) == [old]
    keys = listed(api)
    assert not keys[old]["aktif"] and keys[new]["penandatangan"] and keys[pending]["menunggu"]
