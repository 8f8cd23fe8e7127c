"""Fixtures of identity's tests: a migrated runtime on real PostgreSQL (one database per test
module), its Flask app, and helpers that build a fresh instansi per test (data isolation)."""
from __future__ import annotations

import itertools
import uuid

import pytest

from kinerja_shared.testing.service import make_test_runtime

from identity.service_layer.seed import pastikan_admin_pusat

ADMIN_NIP = "198001012005011001"
ADMIN_PASSWORD = "rahasia-admin-uji"
PASSWORD = "sandi-uji-123"
CHEAP = {  # argon2 at minimum cost: tests log in a lot
    "KINERJA_IDENTITY_ARGON2_TIME_COST": "1",
    "KINERJA_IDENTITY_ARGON2_MEMORY_COST": "8",
    "KINERJA_IDENTITY_ARGON2_PARALLELISM": "1",
    "KINERJA_IDENTITY_LOGIN_MAX_FAILURES_IP": "1000",
}
_seq = itertools.count(1)


def nip_baru() -> str:
    """A valid NIP, unique within the test process: the counter picks sequence, TMT month/year."""
    n = next(_seq)
    seq, bulan, tahun = n % 1000, 1 + (n // 1000) % 12, 2000 + (n // 12000) % 25
    return f"198{n % 10}0{1 + n % 9}1{n % 10}{tahun}{bulan:02d}{1 + n % 2}{seq:03d}"


@pytest.fixture(scope="module")
def runtime(make_pg_database):
    rt = make_test_runtime("identity", make_pg_database("identity_t"), extra=dict(CHEAP))
    pastikan_admin_pusat(rt, {"KINERJA_ADMIN_NIP": ADMIN_NIP, "KINERJA_ADMIN_PASSWORD": ADMIN_PASSWORD})
    yield rt
    rt.dispose()


@pytest.fixture(scope="module")
def app(runtime):
    return runtime.create_app()


@pytest.fixture()
def client(app):
    return app.test_client()


class Api:
    admin_nip = ADMIN_NIP
    admin_password = ADMIN_PASSWORD
    password = PASSWORD

    def __init__(self, client):
        self.client = client
        self._tokens: dict[str, str] = {}

    def login(self, nip: str, password: str = PASSWORD) -> dict:
        if nip not in self._tokens:
            r = self.client.post("/auth/login", json={"nip": nip, "password": password})
            assert r.status_code == 200, r.get_json()
            self._tokens[nip] = r.get_json()["access_token"]
        return {"Authorization": f"Bearer {self._tokens[nip]}"}

    @property
    def admin(self) -> dict:
        return self.login(ADMIN_NIP, ADMIN_PASSWORD)

    def ok(self, method: str, url: str, headers: dict, status: int = 200, **kw):
        r = getattr(self.client, method)(url, headers=headers, **kw)
        assert r.status_code == status, (r.status_code, r.get_json())
        return r.get_json(silent=True)


@pytest.fixture()
def api(client):
    return Api(client)


class Instansi:
    """A fresh instansi with a small tree and users: an admin_instansi, a pimpinan, staff."""

    def __init__(self, api: Api):
        self.api = api
        self.id = api.ok("post", "/instansi", api.admin, 201,
                         json={"nama": f"Dinas Uji {uuid.uuid4().hex[:6]}"})["id"]
        self.badan = self.unor("Dinas")
        self.bidang = self.unor("Bidang Umum", self.badan)
        self.admin_row = self.pegawai("Admin Instansi", self.badan, roles=["admin_instansi"])
        self.kepala = self.pegawai("Kepala Dinas", self.badan, pimpinan=True)
        self.kabid = self.pegawai("Kepala Bidang", self.bidang, pimpinan=True)
        self.staf = self.pegawai("Staf Bidang", self.bidang)

    def unor(self, nama: str, atasan: str | None = None, **kw) -> str:
        body = {"instansi_id": self.id, "nama": nama, "unor_atasan_id": atasan, **kw}
        return self.api.ok("post", "/unor", self.api.admin, 201, json=body)["id"]

    def pegawai(self, nama: str, unor_id: str, *, pimpinan: bool = False, **kw) -> dict:
        body = {"nip": nip_baru(), "nama": nama, "unor_id": unor_id, "password": PASSWORD,
                "jenis_jabatan": "PIMPINAN" if pimpinan else "PEGAWAI", **kw}
        return self.api.ok("post", "/pegawai", self.api.admin, 201, json=body)

    def headers(self, row: dict) -> dict:
        return self.api.login(row["nip"])

    @property
    def admin(self) -> dict:
        return self.headers(self.admin_row)


@pytest.fixture()
def instansi(api):
    return Instansi(api)


@pytest.fixture()
def make_instansi(api):
    return lambda: Instansi(api)


@pytest.fixture()
def make_nip():
    return nip_baru
