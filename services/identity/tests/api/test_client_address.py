"""Login throttling by client address behind the gateway (KINERJA_TRUSTED_PROXIES).

Every request below arrives from one peer address, the gateway's (REMOTE_ADDR); clients
differ only in the X-Forwarded-For the gateway appends. With one trusted hop each client is
throttled on its own; with none the header is ignored, so a client cannot claim another
address to escape its lock.
"""
from __future__ import annotations

import dataclasses
import logging

import pytest
import sqlalchemy as sa

from kinerja_shared.runtime import ServiceRuntime

from identity.adapters.tables import login_attempt

LIMIT = 3
GATEWAY = "10.0.0.1"


def identity_app(runtime, trusted_proxies: int) -> ServiceRuntime:
    """identity on this module's database, with KINERJA_TRUSTED_PROXIES and a low per-address
    failure limit."""
    s = runtime.settings
    extra = {**s.extra, "KINERJA_IDENTITY_LOGIN_MAX_FAILURES_IP": str(LIMIT)}
    return ServiceRuntime(runtime.definition,
                          dataclasses.replace(s, trusted_proxies=trusted_proxies, extra=extra))


@pytest.fixture(scope="module")
def app(runtime):
    """The app the ``api`` and ``instansi`` fixtures use sits behind one proxy (the gateway)."""
    rt = identity_app(runtime, 1)
    yield rt.create_app()
    rt.dispose()


@pytest.fixture(scope="module")
def direct_client(runtime):
    """The same identity trusting no proxy (the default, KINERJA_TRUSTED_PROXIES=0)."""
    rt = identity_app(runtime, 0)
    yield rt.create_app().test_client()
    rt.dispose()


def login(client, nip: str, password: str, forwarded_for: str | None, remote: str = GATEWAY):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post("/auth/login", json={"nip": nip, "password": password}, headers=headers,
                       environ_base={"REMOTE_ADDR": remote})


def fail(client, times: int, forwarded_for: str | None, remote: str = GATEWAY) -> None:
    for i in range(times):
        r = login(client, f"19991231202012{i}998", "salah", forwarded_for, remote)
        assert r.status_code == 401


def throttle_keys(runtime) -> set[str]:
    with runtime.engine.connect() as c:
        return set(c.execute(sa.select(login_attempt.c.key)).scalars())


def test_behind_one_trusted_proxy_each_client_is_throttled_on_its_own(api, instansi, runtime,
                                                                      caplog):
    nip = instansi.staf["nip"]
    with caplog.at_level(logging.WARNING, logger="kinerja.identity"):
        fail(api.client, LIMIT, "203.0.113.5")
    assert login(api.client, nip, api.password, "203.0.113.5").status_code == 429
    # another client behind the same gateway is not locked out by the first one's failures
    assert login(api.client, nip, api.password, "203.0.113.6").status_code == 200
    # a value the client put in front of the gateway's own entry does not help it
    r = login(api.client, nip, api.password, "203.0.113.6, 203.0.113.5")
    assert r.status_code == 429
    keys = throttle_keys(runtime)
    assert "ip:203.0.113.5" in keys and f"ip:{GATEWAY}" not in keys
    assert any("ip:203.0.113.5" in r.getMessage() for r in caplog.records)  # the real address


def test_without_trusted_proxies_the_header_is_ignored(api, instansi, runtime, direct_client):
    nip = instansi.staf["nip"]
    peer = "10.0.0.2"
    fail(direct_client, LIMIT, "198.51.100.1", remote=peer)
    # a fresh X-Forwarded-For does not make it a new client: it is still its peer address
    for claimed in ("198.51.100.2", "198.51.100.3, 198.51.100.4", None):
        assert login(direct_client, nip, api.password, claimed, remote=peer).status_code == 429
    keys = throttle_keys(runtime)
    assert f"ip:{peer}" in keys
    assert not any(k.startswith("ip:198.51.100.") for k in keys)
    # another peer is not affected
    assert login(direct_client, nip, api.password, None, remote="10.0.0.3").status_code == 200
