"""The web UI's tests run against the embedded suite (every service in one process on SQLite
with the in-memory bus, the web UI at /), served by a real HTTP server on a free port: the same
code as `make run`, through the UI's own in-process API transport."""
from __future__ import annotations

import os
import re
import socket
import threading
import time
from dataclasses import dataclass

import pytest
import requests
from werkzeug.serving import make_server

ADMIN_NIP = "199001012020011001"
ADMIN_PASSWORD = "admin-uji-web-1"
DEMO_PASSWORD = "demo-uji-web-1"
CHEAP = {"KINERJA_IDENTITY_ARGON2_TIME_COST": "1", "KINERJA_IDENTITY_ARGON2_MEMORY_COST": "8",
         "KINERJA_IDENTITY_ARGON2_PARALLELISM": "1",
         "KINERJA_IDENTITY_LOGIN_MAX_FAILURES_IP": "10000"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Suite:
    base: str
    suite: object

    def api(self, method: str, path: str, token: str | None = None, **kw):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.request(method, self.base + path, headers=headers, timeout=30, **kw)

    def token(self, nip: str, password: str = DEMO_PASSWORD) -> str:
        r = self.api("POST", "/api/identity/auth/login", json={"nip": nip, "password": password})
        assert r.status_code == 200, r.text
        return r.json()["access_token"]


def start_suite(tmp_path_factory, name: str, extra: dict | None = None) -> tuple[Suite, object]:
    from kinerja_shared.runtime.embedded import build_suite

    data_dir = tmp_path_factory.mktemp(name)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    env.update(CHEAP, KINERJA_DATA_DIR=str(data_dir), KINERJA_ADMIN_NIP=ADMIN_NIP,
               KINERJA_ADMIN_PASSWORD=ADMIN_PASSWORD, KINERJA_DEMO="1",
               KINERJA_DEMO_PASSWORD=DEMO_PASSWORD, KINERJA_WEB_SECRET_KEY="kunci-uji-web",
               KINERJA_WEB_COOKIE_SECURE="0", **(extra or {}))
    saved = dict(os.environ)
    os.environ.update(env)  # the first-start hooks (admin, demo data) read the process's own
    try:
        suite = build_suite(host="127.0.0.1", port=port, environ=env)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    server = make_server("127.0.0.1", port, suite.app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Suite(f"http://127.0.0.1:{port}", suite), server


@pytest.fixture(scope="session")
def suite(tmp_path_factory):
    s, server = start_suite(tmp_path_factory, "web-suite")
    try:
        yield s
    finally:
        server.shutdown()
        s.suite.stop()


def wait_until(fn, timeout: float = 30, what: str = "condition"):
    end = time.monotonic() + timeout
    while True:
        value = fn()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


@pytest.fixture()
def tunggu():
    return wait_until


class Browser:
    """A requests session that behaves like a browser posting the pages' forms: it keeps the
    cookies and sends each form's CSRF token."""

    def __init__(self, base: str):
        self.base = base
        self.s = requests.Session()

    def get(self, path: str, **kw):
        return self.s.get(self.base + path, timeout=30, **kw)

    def csrf(self, html: str) -> str:
        m = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html)
        assert m, "no csrf token on the page"
        return m.group(1)

    def post(self, path: str, data: dict | None = None, page: str | None = None, **kw):
        html = self.get(page or "/masuk").text
        data = {**(data or {}), "csrf_token": self.csrf(html)}
        return self.s.post(self.base + path, data=data, timeout=30, **kw)

    def masuk(self, nip: str, password: str = DEMO_PASSWORD):
        r = self.post("/masuk", {"nip": nip, "password": password})
        assert r.status_code == 200 and "Selamat datang" in r.text, r.text[:2000]
        return r


@pytest.fixture()
def browser(suite):
    return Browser(suite.base)


@dataclass
class Demo:
    admin_instansi: dict
    kepala_bidang: dict
    staf: dict
    staf_lain: dict
    instansi_id: str
    password: str = DEMO_PASSWORD
    tahun: int = time.gmtime().tm_year


@pytest.fixture(scope="session")
def demo(suite) -> Demo:
    """People of the demo instansi: a staff member of Bidang Mutasi, his Kepala Bidang
    (pejabat penilai), another staff member and the admin_instansi."""
    admin = suite.token(ADMIN_NIP, ADMIN_PASSWORD)
    ins = [i for i in suite.api("GET", "/api/identity/instansi", admin).json()
           if i.get("kode") == "DEMO"][0]
    peg = suite.api("GET", "/api/identity/pegawai", admin,
                    params={"instansi_id": ins["id"], "page_size": 100}).json()
    unor = {u["id"]: u for u in suite.api("GET", "/api/identity/unor", admin, params={
        "instansi_id": ins["id"], "page_size": 100}).json()}
    mutasi = [u for u in unor.values() if u["nama"] == "Bidang Mutasi dan Promosi"][0]
    di_mutasi = [p for p in peg if p["unor_id"] == mutasi["id"]]
    kepala = [p for p in di_mutasi if p["jenis_jabatan"] == "PIMPINAN"][0]
    staf = sorted([p for p in di_mutasi if p["jenis_jabatan"] == "PEGAWAI"],
                  key=lambda p: p["nama"])
    admin_instansi = [p for p in peg if "admin_instansi" in p["roles"]][0]
    # the services learn the demo pegawai through events: wait until skp knows them
    t = suite.token(staf[0]["nip"])
    wait_until(lambda: suite.api("GET", f"/api/skp/skp", t).status_code == 200 and
               suite.api("GET", "/api/skp/peran-saya", t).status_code == 200, what="skp")
    return Demo(admin_instansi, kepala, staf[0], staf[1], ins["id"])


@pytest.fixture(scope="session")
def admin_pusat() -> tuple[str, str]:
    """NIP and password of the suite's first-start admin_pusat."""
    return ADMIN_NIP, ADMIN_PASSWORD
