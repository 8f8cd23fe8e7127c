"""The push process is SIGKILLed mid-run and restarted, while the SIASN sandbox answers 10 %
5xx, 429s, loses answers after doing the save, and expires its tokens: every predikat ends in
the sandbox exactly once with the right values, compared record by record.

Production shape: integration's database on PostgreSQL, the push run by `kinerja integration
pekerja` as its own process (twice: killed, then a new one takes the job over when the lease
runs out), the sandbox a real HTTP server."""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.testing.service import make_test_runtime
from processes import BIN, wait_until

sys.path.insert(0, str(Path(__file__).parents[1] / "services" / "integration" / "tests"))
from integrasi_uji import Api, Sandbox, bandingkan, kirim_event, predikat_final  # noqa: E402

from integration.adapters.tables import rekaman, sinkron  # noqa: E402
from integration.sandbox.server import serve_in_thread  # noqa: E402
from integration.sandbox.siasn import SiasnCredentials, create_app, seed  # noqa: E402

JUMLAH = 400


@pytest.fixture
def setup(make_pg_database, tmp_path):
    creds = SiasnCredentials(secrets.token_hex(8), secrets.token_hex(16), "kinerja-e2e",
                             "operator", secrets.token_hex(16))
    box = Sandbox(serve_in_thread(create_app(creds, path=str(tmp_path / "siasn.db"))), creds)
    seed(box.state, "SIASN-1", pegawai=JUMLAH, unor=20)
    db = make_pg_database("kinerja_integration_e2e")
    minter = TokenMinter()
    runtime = make_test_runtime("integration", db, key_source=minter.key_source)
    env = {**os.environ, "KINERJA_INTEGRATION_DATABASE_URL": db,
           "KINERJA_INTEGRATION_SIASN_URL": box.url,
           "KINERJA_INTEGRATION_SIASN_CONSUMER_KEY": creds.consumer_key,
           "KINERJA_INTEGRATION_SIASN_CONSUMER_SECRET": creds.consumer_secret,
           "KINERJA_INTEGRATION_SIASN_CLIENT_ID": creds.client_id,
           "KINERJA_INTEGRATION_SIASN_USERNAME": creds.username,
           "KINERJA_INTEGRATION_SIASN_PASSWORD": creds.password,
           "KINERJA_INTEGRATION_SIASN_BACKOFF": "0.01", "KINERJA_INTEGRATION_SIASN_BACKOFF_MAX": "0.1",
           "KINERJA_INTEGRATION_SIASN_ATTEMPTS": "10", "KINERJA_INTEGRATION_SIASN_TIMEOUT": "2",
           "KINERJA_INTEGRATION_SIASN_CONCURRENCY": "4", "KINERJA_INTEGRATION_LEASE": "3",
           "KINERJA_INTEGRATION_CHUNK": "10", "KINERJA_INTEGRATION_POLL_INTERVAL": "0.1"}
    procs: list[subprocess.Popen] = []

    def start_worker(name: str) -> subprocess.Popen:
        log = open(tmp_path / f"{name}.log", "wb")
        proc = subprocess.Popen([str(BIN / "kinerja"), "integration", "pekerja"], env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        procs.append(proc)
        return proc

    try:
        yield box, runtime, Api(runtime.create_app().test_client(), minter), start_worker, tmp_path
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)
        runtime.dispose()
        box.close()


def _saves(box) -> int:
    return box.http.get("/_sandbox/counts").json().get("save_skp22", 0)


def test_a_sigkilled_push_process_restarted_leaves_every_record_in_siasn_exactly_once(setup):
    box, runtime, api, start_worker, logs = setup
    people = box.pegawai()
    for p in people:
        kirim_event(runtime, predikat_final(p), f"pen-{p['nipBaru']}")
    box.faults(error_rate=0.10, rate_limited_rate=0.05, retry_after=0, lost_answer_rate=0.05,
               slow_rate=0.2, slow_seconds=0.05, seed=3, scope=["read", "save", "token"])
    r = api.post("admin", "/siasn/sinkron-predikat", json={"tahun": 2025})
    assert r.status_code == 202, r.get_json()
    job_id = r.get_json()["id"]
    stop = threading.Event()
    expirer = threading.Thread(target=_expire_tokens, args=(box.url, stop), daemon=True)
    expirer.start()
    try:
        first = start_worker("pekerja-1")
        wait_until(lambda: _saves(box) >= JUMLAH // 4, timeout=120,
                   what=lambda: (logs / "pekerja-1.log").read_text(errors="replace")[-3000:])
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        with runtime.engine.connect() as conn:
            job = conn.execute(sa.select(sinkron).where(sinkron.c.id == job_id)).mappings().one()
            in_flight = conn.execute(sa.select(sa.func.count()).select_from(rekaman).where(
                rekaman.c.ragu.is_(True))).scalar()
        assert job["status"] == "BERJALAN" and job["percobaan"] == 1
        assert 0 < _saves(box) < JUMLAH
        start_worker("pekerja-2")

        def done():
            with runtime.engine.connect() as conn:
                return conn.execute(sa.select(sinkron).where(sinkron.c.id == job_id)
                                    ).mappings().one()["status"] in ("SELESAI", "GAGAL")
        wait_until(done, timeout=240, interval=0.5,
                   what=lambda: (logs / "pekerja-2.log").read_text(errors="replace")[-3000:])
    finally:
        stop.set()
    job = api.get("admin", f"/siasn/sinkron-predikat/{job_id}").get_json()
    assert job["status"] == "SELESAI", job
    if job["jumlah"]["gagal"]:  # a record that met only faults on every try
        box.faults()
        retry = api.post("admin", f"/siasn/sinkron-predikat/{job_id}/ulangi-gagal").get_json()
        wait_until(lambda: api.get("admin", f"/siasn/sinkron-predikat/{retry['id']}")
                   .get_json()["status"] == "SELESAI", timeout=60)
    by_id = bandingkan(runtime, box)
    assert len(by_id) == JUMLAH
    print(f"in flight at the kill: {in_flight}; sandbox counts:",
          box.http.get("/_sandbox/counts").json())


def _expire_tokens(url: str, stop: threading.Event) -> None:
    with httpx.Client(base_url=url, timeout=5) as http:
        while not stop.wait(0.5):
            http.post("/_sandbox/expire-tokens")
