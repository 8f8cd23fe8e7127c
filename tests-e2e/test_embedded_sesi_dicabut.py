"""`make run`'s server (one process, SQLite, in-memory bus): "log out everywhere" at identity
revokes the old token at identity at once and at skp once SesiDicabut crossed the in-memory
bus; a new login works at both."""
from __future__ import annotations

import os
import sqlite3

import pytest
import requests

from kinerja_shared.auth.revocation import CACHE_SECONDS

from processes import BIN, Stack, free_port, wait_until

ADMIN_NIP, ADMIN_PASSWORD = "199001012020011001", "rahasia-uji-embedded-sesi"
NIP, PASSWORD = "199105062019032001", "sandi-embedded-1"
REVOKED = "Sesi telah dicabut; silakan masuk lagi."


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("embedded-sesi-data")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    env.update(KINERJA_DATA_DIR=str(data_dir), PORT=str(port), KINERJA_ADMIN_NIP=ADMIN_NIP,
               KINERJA_ADMIN_PASSWORD=ADMIN_PASSWORD)
    stack = Stack(env, tmp_path_factory.mktemp("embedded-sesi-logs"))
    stack.start("embedded", [str(BIN / "kinerja"), "embedded"])
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _status(url + "/healthz") == 200, timeout=90,
                   what=lambda: "the embedded server\n" + stack.logs())
        yield url, str(data_dir)
    finally:
        stack.stop()


def _status(url: str, headers: dict | None = None) -> int | None:
    try:
        return requests.get(url, headers=headers, timeout=5).status_code
    except requests.RequestException:
        return None


def _bearer(base_url: str, nip: str, password: str) -> dict[str, str]:
    r = requests.post(f"{base_url}/api/identity/auth/login", json={"nip": nip, "password": password},
                      timeout=10)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def test_log_out_everywhere_reaches_skp_over_the_in_memory_bus(base):
    url, data_dir = base
    identity = f"{url}/api/identity"
    admin = _bearer(url, ADMIN_NIP, ADMIN_PASSWORD)
    instansi = requests.post(f"{identity}/instansi", json={"nama": "Dinas Embedded Sesi"},
                             headers=admin, timeout=10).json()
    unor = requests.post(f"{identity}/unor", headers=admin, timeout=10,
                         json={"instansi_id": instansi["id"], "nama": "Bidang Embedded"}).json()
    r = requests.post(f"{identity}/pegawai", headers=admin, timeout=10, json={
        "nip": NIP, "nama": "Dewi Embedded", "unor_id": unor["id"], "password": PASSWORD})
    assert r.status_code == 201, r.text
    pegawai_id = r.json()["id"]
    old = _bearer(url, NIP, PASSWORD)
    assert _status(f"{url}/api/skp/peran-saya", old) == 200

    assert requests.post(f"{identity}/auth/keluar-semua", headers=old, timeout=10).status_code == 200
    me = requests.get(f"{identity}/auth/me", headers=old, timeout=10)
    assert me.status_code == 401 and me.json()["detail"] == REVOKED

    def skp_refuses() -> bool:
        r = requests.get(f"{url}/api/skp/peran-saya", headers=old, timeout=10)
        return r.status_code == 401 and r.json()["detail"] == REVOKED

    wait_until(skp_refuses, timeout=CACHE_SECONDS + 20, interval=0.2,
               what="skp refusing the revoked token")
    new = _bearer(url, NIP, PASSWORD)
    assert _status(f"{url}/api/skp/peran-saya", new) == 200
    assert _status(f"{identity}/auth/me", new) == 200
    with sqlite3.connect(os.path.join(data_dir, "skp.db")) as conn:
        rows = conn.execute("select pegawai_id, alasan from sesi_dicabut").fetchall()
    assert rows == [(pegawai_id, "KELUAR_SEMUA")]
