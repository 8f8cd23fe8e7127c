"""The real gateway (deploy/gateway/nginx.conf in nginx) in front of the real identity app with
KINERJA_TRUSTED_PROXIES=1, as docker-compose.yml runs them: login throttling sees each
client's own address, not the gateway's, and a forged X-Forwarded-For does not change it.

Clients are told apart by their source address on loopback (127.0.0.2, 127.0.0.3); nginx
itself reaches identity from 127.0.0.1.
"""
from __future__ import annotations

import http.client
import json
import threading

import pytest
import sqlalchemy as sa
import yaml
from werkzeug.serving import make_server

from kinerja_shared.testing.service import make_test_runtime

from identity.adapters.tables import login_attempt
from identity.service_layer.seed import pastikan_admin_pusat
from test_deploy_config import COMPOSE, K8S, NGINX_CONF, Gateway

ADMIN = {"nip": "198001012005011001", "password": "rahasia-admin-uji"}
LIMIT = 3
CHEAP = {"KINERJA_IDENTITY_ARGON2_TIME_COST": "1", "KINERJA_IDENTITY_ARGON2_MEMORY_COST": "8",
         "KINERJA_IDENTITY_ARGON2_PARALLELISM": "1",
         "KINERJA_IDENTITY_LOGIN_MAX_FAILURES_IP": str(LIMIT)}


@pytest.fixture(scope="module")
def identity(make_pg_database):
    rt = make_test_runtime("identity", make_pg_database("identity_gw"), trusted_proxies=1,
                           extra=dict(CHEAP))
    pastikan_admin_pusat(rt, {"KINERJA_ADMIN_NIP": ADMIN["nip"],
                              "KINERJA_ADMIN_PASSWORD": ADMIN["password"]})
    server = make_server("127.0.0.1", 0, rt.create_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield rt, server.server_port
    server.shutdown()
    thread.join()
    rt.dispose()


@pytest.fixture(scope="module")
def gateway(identity):
    gw = Gateway({"identity": identity[1]})
    try:
        yield gw.start()
    finally:
        gw.stop()


def login(gateway, source: str, body: dict, headers: dict | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", gateway.port, timeout=10,
                                      source_address=(source, 0))
    try:
        conn.request("POST", "/api/identity/auth/login", body=json.dumps(body),
                     headers={"Content-Type": "application/json", **(headers or {})})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def test_the_gateway_hands_identity_each_clients_own_address(identity, gateway):
    runtime, _port = identity
    forged = {"X-Forwarded-For": "203.0.113.99"}
    for i in range(LIMIT):
        wrong = {"nip": f"19991231202012{i}997", "password": "salah"}
        assert login(gateway, "127.0.0.2", wrong, forged) == 401
    assert login(gateway, "127.0.0.2", ADMIN) == 429
    assert login(gateway, "127.0.0.2", ADMIN, {"X-Forwarded-For": "198.51.100.1"}) == 429
    # another client behind the same gateway logs in
    assert login(gateway, "127.0.0.3", ADMIN) == 200
    with runtime.engine.connect() as c:
        keys = set(c.execute(sa.select(login_attempt.c.key)).scalars())
    assert "ip:127.0.0.2" in keys
    assert "ip:127.0.0.1" not in keys and "ip:203.0.113.99" not in keys


def test_compose_and_kubernetes_trust_exactly_the_gateway():
    conf = NGINX_CONF.read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    compose = yaml.safe_load(COMPOSE.read_text())
    assert compose["x-kinerja-env"]["KINERJA_TRUSTED_PROXIES"] == "1"
    configmap = yaml.safe_load((K8S / "base" / "configmap.yaml").read_text())
    assert configmap["data"]["KINERJA_TRUSTED_PROXIES"] == "1"
