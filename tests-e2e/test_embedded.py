"""`make run`'s server: every service in one process on SQLite with the in-memory bus."""
from __future__ import annotations

import os
import sqlite3

import pytest
import requests

from processes import BIN, Stack, free_port, wait_until

ADMIN_NIP = "199001012020011001"
ADMIN_PASSWORD = "rahasia-uji-embedded"
PREFIXES = ["identity", "skp", "penilaian", "keberatan", "angka-kredit", "integration",
            "reporting"]


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("embedded-data")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    env.update(KINERJA_DATA_DIR=str(data_dir), PORT=str(port), KINERJA_ADMIN_NIP=ADMIN_NIP,
               KINERJA_ADMIN_PASSWORD=ADMIN_PASSWORD)
    stack = Stack(env, tmp_path_factory.mktemp("embedded-logs"))
    stack.start("embedded", [str(BIN / "kinerja"), "embedded"])
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _status(base + "/healthz") == 200, timeout=90,
                   what=lambda: "the embedded server\n" + stack.logs())
        stack.urls["base"] = base
        stack.env["DATA_DIR"] = str(data_dir)
        yield stack
    finally:
        stack.stop()


def _status(url: str) -> int | None:
    try:
        return requests.get(url, timeout=2).status_code
    except requests.RequestException:
        return None


def test_every_service_is_mounted_with_docs(embedded):
    base = embedded.urls["base"]
    index = requests.get(base + "/api/", timeout=5).json()
    assert sorted(index["layanan"]) == sorted(PREFIXES)
    for prefix in PREFIXES:
        assert _status(f"{base}/api/{prefix}/healthz") == 200
        assert _status(f"{base}/api/{prefix}/readyz") == 200
        assert _status(f"{base}/api/{prefix}/openapi.json") == 200


def test_sqlite_files_per_service(embedded):
    """One database per service, and the broker's durable queues."""
    names = sorted(p for p in os.listdir(embedded.env["DATA_DIR"]) if p.endswith(".db"))
    assert names == sorted([p.replace("-", "_") + ".db" for p in PREFIXES] + ["broker.db"])


def test_admin_logs_in_and_an_event_reaches_skp_over_the_in_memory_bus(embedded):
    base = embedded.urls["base"]
    login = requests.post(f"{base}/api/identity/auth/login", timeout=10,
                          json={"nip": ADMIN_NIP, "password": ADMIN_PASSWORD})
    assert login.status_code == 200, login.text
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    instansi = requests.post(f"{base}/api/identity/instansi", json={"nama": "Badan Embedded"},
                             headers=headers, timeout=10)
    assert instansi.status_code == 201, instansi.text
    unor = requests.post(f"{base}/api/identity/unor", headers=headers, timeout=10,
                         json={"instansi_id": instansi.json()["id"], "nama": "Bidang Satu Proses"})
    assert unor.status_code == 201, unor.text
    db = os.path.join(embedded.env["DATA_DIR"], "skp.db")

    def arrived():
        with sqlite3.connect(db) as conn:
            return conn.execute("select nama from unor_ref where id = ?",
                                (unor.json()["id"],)).fetchone()

    assert wait_until(arrived, timeout=20, what="UnorDiperbarui in skp.db")[0] == "Bidang Satu Proses"
