"""`make run` serves integration with its SIASN and PMM sandboxes under /sandbox/...: a pull
from the sandbox reaches identity over the in-memory bus (units with their heads), through the
one embedded server, the sync worker running on its thread."""
from __future__ import annotations

import os

import pytest
import requests

from processes import BIN, Stack, free_port, wait_until

ADMIN_NIP, ADMIN_PASSWORD = "199001012020011001", "rahasia-uji-embedded-integrasi"
NIP_ADMIN_INSTANSI, PASSWORD = "198505052010011005", "sandi-admin-instansi"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("embedded-integration")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    env.update(KINERJA_DATA_DIR=str(data_dir), PORT=str(port), KINERJA_ADMIN_NIP=ADMIN_NIP,
               KINERJA_ADMIN_PASSWORD=ADMIN_PASSWORD, KINERJA_INTEGRATION_POLL_INTERVAL="0.2")
    stack = Stack(env, tmp_path_factory.mktemp("embedded-integration-logs"))
    stack.start("embedded", [str(BIN / "kinerja"), "embedded"])
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _ok(url + "/healthz"), timeout=90,
                   what=lambda: "the embedded server\n" + stack.logs())
        assert os.path.isfile(data_dir / "sandbox" / "siasn.db")
        yield url
    finally:
        stack.stop()


def _ok(url):
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def _login(base, nip, password):
    r = requests.post(f"{base}/api/identity/auth/login", json={"nip": nip, "password": password},
                      timeout=10)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def test_a_pull_and_a_push_through_the_embedded_sandboxes(base):
    pusat = _login(base, ADMIN_NIP, ADMIN_PASSWORD)
    instansi = requests.post(f"{base}/api/identity/instansi", json={"nama": "Badan Integrasi"},
                             headers=pusat, timeout=10).json()
    unor = requests.post(f"{base}/api/identity/unor", headers=pusat, timeout=10, json={
        "instansi_id": instansi["id"], "nama": "Sekretariat"}).json()
    r = requests.post(f"{base}/api/identity/pegawai", headers=pusat, timeout=10, json={
        "nip": NIP_ADMIN_INSTANSI, "nama": "Admin Instansi", "unor_id": unor["id"],
        "password": PASSWORD, "roles": ["admin_instansi"]})
    assert r.status_code == 201, r.text
    admin = _login(base, NIP_ADMIN_INSTANSI, PASSWORD)
    seeded = requests.post(f"{base}/sandbox/siasn/_sandbox/seed", timeout=30, json={
        "instansi_id": "SIASN-EMB", "pegawai": 60, "unor": 5}).json()
    assert seeded == {"pegawai": 60, "unor": 5}
    assert requests.put(f"{base}/api/integration/pengaturan", headers=admin, timeout=10,
                        json={"siasn_instansi_id": "SIASN-EMB"}).status_code == 200
    job = requests.post(f"{base}/api/integration/siasn/sinkron", headers=admin, timeout=10,
                        json={"jenis": "UNOR_DAN_PEGAWAI"})
    assert job.status_code == 202, job.text
    location = base + job.headers["Location"]
    done = wait_until(lambda: (j := requests.get(location, headers=admin, timeout=10).json())
                      ["status"] in ("SELESAI", "GAGAL") and j, timeout=60, what="the pull")
    assert done["status"] == "SELESAI" and done["jumlah"]["tambah"] == 65, done

    def in_identity():
        r = requests.get(f"{base}/api/identity/pegawai?instansi_id={instansi['id']}"
                         "&page_size=500", headers=admin, timeout=10)
        return len(r.json()) == 61 and r.json()
    people = wait_until(in_identity, timeout=60, what="the pulled pegawai in identity")
    heads = [p for p in people if p["jenis_jabatan"] == "PIMPINAN"]
    assert len(heads) == 5
    # nothing final to push yet: the preview says so
    preview = requests.post(f"{base}/api/integration/siasn/sinkron-predikat", headers=admin,
                            timeout=30, json={"tahun": 2025, "pratinjau": True})
    assert preview.status_code == 200 and preview.json()["jumlah"] == 0
