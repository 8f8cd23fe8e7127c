"""Production shape on one machine: identity and skp as separate gunicorn processes, each with
its own PostgreSQL database, identity's outbox relay and skp's consumer as their own processes,
RabbitMQ between them. An event crosses from one service to the other."""
from __future__ import annotations

import pytest
import requests
from sqlalchemy import create_engine, text

from processes import Stack, wait_until

ADMIN_NIP = "199001012020011001"
ADMIN_PASSWORD = "rahasia-uji-e2e"


@pytest.fixture(scope="module")
def stack(make_pg_database, make_amqp_vhost, tmp_path_factory):
    amqp = make_amqp_vhost()
    env = {
        **__import__("os").environ,
        "KINERJA_BUS": "rabbitmq",
        "KINERJA_AMQP_URL": amqp,
        "KINERJA_IDENTITY_DATABASE_URL": make_pg_database(),
        "KINERJA_SKP_DATABASE_URL": make_pg_database(),
        "KINERJA_ADMIN_NIP": ADMIN_NIP,
        "KINERJA_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "KINERJA_LOG_FORMAT": "json",
    }
    s = Stack(env, tmp_path_factory.mktemp("stack-logs"))
    s.run("migrate", "identity", "skp")
    try:
        identity = s.web("identity")
        s.env["KINERJA_JWKS_URL"] = f"{identity}/.well-known/jwks.json"
        s.web("skp")
        s.relay("identity")
        s.consumer("skp")
        yield s
    finally:
        s.stop()


def _login(url: str) -> dict[str, str]:
    resp = requests.post(f"{url}/auth/login", json={"nip": ADMIN_NIP, "password": ADMIN_PASSWORD},
                         timeout=10)
    assert resp.status_code == 200, resp.text
    return {"Authorization": f"Bearer {resp.json()['access_token']}"}


def test_an_event_crosses_from_identity_to_skp_through_rabbitmq(stack):
    identity = stack.urls["identity"]
    headers = _login(identity)
    instansi = requests.post(f"{identity}/instansi", json={"nama": "Badan Uji E2E"},
                             headers=headers, timeout=10)
    assert instansi.status_code == 201, instansi.text
    unor = requests.post(f"{identity}/unor", headers=headers, timeout=10, json={
        "instansi_id": instansi.json()["id"], "nama": "Bidang Proses Terpisah", "jenis": "Bidang"})
    assert unor.status_code == 201, unor.text
    unor_id = unor.json()["id"]

    skp_db = create_engine(stack.env["KINERJA_SKP_DATABASE_URL"].replace(
        "postgresql://", "postgresql+psycopg://"))
    try:
        row = wait_until(lambda: _unor_row(skp_db, unor_id), timeout=30,
                         what=lambda: "UnorDiperbarui in skp's read model\n" + stack.logs())
    finally:
        skp_db.dispose()
    assert row.nama == "Bidang Proses Terpisah"


def test_both_processes_are_ready(stack):
    for url in stack.urls.values():
        ready = requests.get(f"{url}/readyz", timeout=10)
        assert ready.status_code == 200, ready.text
        assert ready.json()["checks"] == {"database": "ok", "broker": "ok"}


def _unor_row(engine, unor_id):
    with engine.connect() as conn:
        return conn.execute(text("select nama from unor_ref where id = :id"),
                            {"id": unor_id}).one_or_none()
