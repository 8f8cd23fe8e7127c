"""integration benchmark: a push of predikat to the SIASN sandbox, and a pull of pegawai from
it applied in identity through RabbitMQ, each next to the same client calling the sandbox
directly in the same run.

    python bench/integration_bench.py [--push 65000] [--pull 10000] [--concurrency 4]

- The SIASN sandbox runs as its own process (`kinerja integration sandbox siasn`, SQLite state
  in a temporary folder), rate limit and faults off; integration and identity on PostgreSQL
  databases of the test suite's server (created and dropped here), RabbitMQ on a vhost of its
  own.
- **Push**: `--push` PegawaiSiasnDiterima-free setup: the sandbox is seeded with that many PNS,
  their PNS ids are recorded in integration as a pull leaves them, `--push` PredikatFinal are
  applied through integration's dispatcher (`handle_batch` of 500; events/s reported), then
  one push job (preview skipped) is run by the worker in this process: records/s from the job's
  start to its end (plan, chunks marked in flight, saves, outcomes recorded). Baseline, same
  run: the same `SiasnClient` saving the same bodies with `--concurrency` threads, nothing
  else.
- **Pull**: the sandbox is seeded with `--pull` PNS and `--pull / 20` units; a pull job
  (UNOR_DAN_PEGAWAI) run by the worker, its outbox relayed to RabbitMQ, identity's consumer
  (batches of 100) applying every record: records/s until identity holds them all. Baseline:
  the same client reading the same pages (`pns/instansi/{id}` and `ref-unor`), nothing else.
"""
from __future__ import annotations

import argparse
import os
import platform
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from pathlib import Path

import httpx
import sqlalchemy as sa

from kinerja_shared.auth.principal import Principal
from kinerja_shared.db.paging import PageRequest
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts.penilaian import PredikatFinal
from kinerja_shared.testing import servers
from kinerja_shared.testing.service import make_test_runtime

from integration.adapters.siasn import SiasnClient
from integration.adapters.tables import siasn_pegawai
from integration.config import SiasnSettings
from integration.domain import siasn
from integration.service_layer import antrean, sinkron
from integration.service_layer.pekerja import Pekerja

BIN = Path(sys.executable).parent
PENILAI = {"id": "penilai", "nip": "197001011990031001", "nama": "Kepala Bidang",
           "jabatan": "Kepala Bidang", "golongan": "IV/a", "unor_nama": "Bidang"}


def sandbox(tmp: str, creds: dict[str, str]):
    port = servers_free_port()
    env = {**os.environ, **{f"KINERJA_INTEGRATION_SIASN_{k.upper()}": v for k, v in creds.items()},
           "KINERJA_INTEGRATION_DATABASE_URL": f"sqlite:///{tmp}/unused.db"}
    proc = subprocess.Popen([str(BIN / "kinerja"), "integration", "sandbox", "siasn",
                             "--host", "127.0.0.1", "--port", str(port),
                             "--data", f"{tmp}/siasn.db"], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(f"{url}/_sandbox/faults", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("sandbox did not start")


def servers_free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settings(url: str, creds: dict[str, str], concurrency: int) -> SiasnSettings:
    return SiasnSettings(url=url, consumer_key=creds["consumer_key"],
                         consumer_secret=creds["consumer_secret"], client_id=creds["client_id"],
                         username=creds["username"], password=creds["password"], timeout=30,
                         attempts=6, backoff=0.05, backoff_max=1, concurrency=concurrency,
                         page_size=1000)


def run_job(runtime) -> dict:
    worker = Pekerja(runtime, nama="bench")
    while worker.putaran():
        pass


def push(args, url, creds, pg) -> None:
    n = args.push
    http = httpx.Client(base_url=url, timeout=600)
    seeded = http.post("/_sandbox/seed", json={"instansi_id": "SIASN-PUSH", "pegawai": n,
                                               "unor": max(1, n // 100), "seed": 11})
    assert seeded.status_code == 200, seeded.text
    runtime = make_test_runtime("integration", pg("bench_integration_push"))
    runtime.components.configure(siasn=settings(url, creds, args.concurrency), chunk=500,
                                 lease=120.0)
    client = runtime.components.siasn()
    people = [p for page in client.pegawai_instansi("SIASN-PUSH") for p in page]
    now = datetime.now(timezone.utc)
    with runtime.engine.begin() as conn:  # as a pull leaves them: the PNS ids are known
        conn.execute(siasn_pegawai.insert(), [
            {"nip": p["nipBaru"], "instansi_id": "i-bench", "siasn_id": p["id"], "hash": "x",
             "revisi": 1, "aktif": True, "data": None, "diubah_at": now} for p in people])
    bodies = [EventEnvelope.wrap(PredikatFinal(
        penilaian_id=f"pen-{p['nipBaru']}", skp_id=f"skp-{p['nipBaru']}",
        pegawai={"id": p["id"], "nip": p["nipBaru"], "nama": p["nama"]},
        periode={"id": "final", "tahun": 2025, "nama": "Akhir", "awal": date(2025, 1, 1),
                 "akhir": date(2025, 12, 31), "final": True}, tahun=2025,
        rating_hasil_kerja="SESUAI_EKSPEKTASI", rating_perilaku="SESUAI_EKSPEKTASI",
        predikat="BAIK", pejabat_penilai=PENILAI, revisi=1, ditetapkan_at=now),
        aggregate_id=p["nipBaru"], instansi_id="i-bench").to_json() for p in people]
    t0 = time.perf_counter()
    for i in range(0, len(bodies), 500):
        runtime.dispatcher.handle_batch(bodies[i:i + 500])
    t_events = time.perf_counter() - t0
    admin = Principal("bench", instansi_id="i-bench", roles=frozenset({"admin_instansi"}))
    with runtime.uow() as uow:
        job = antrean.antre(uow, instansi_id="i-bench", sistem="SIASN", arah="KIRIM",
                            jenis="PREDIKAT", tahun=2025, oleh=admin)
        uow.commit()
    t0 = time.perf_counter()
    run_job(runtime)
    t_push = time.perf_counter() - t0
    with runtime.uow() as uow:
        row = sinkron.ambil(uow, admin, job["id"], sistem="SIASN", arah="KIRIM",
                            jenis=("PREDIKAT",))
    assert row["status"] == "SELESAI" and row["berhasil"] == n, row
    stored = http.get("/_sandbox/stats").json()["riwayat"]["skp22"]
    assert stored == n, stored
    # baseline: the same client, the same bodies, the same concurrency, nothing else
    direct = [siasn.badan_skp22({"predikat": "BAIK", "rating_hasil_kerja": "SESUAI_EKSPEKTASI",
                                 "rating_perilaku": "SESUAI_EKSPEKTASI", "tahun": 2025,
                                 "pejabat_penilai": PENILAI}, p["id"]) for p in people]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        list(pool.map(lambda b: client.simpan("skp22", b), direct))
    t_direct = time.perf_counter() - t0
    print(f"push: {n} PredikatFinal applied by integration's consumer in {t_events:.1f} s "
          f"({n / t_events:,.0f} events/s)")
    print(f"push: {n} predikat pushed (job) in {t_push:.1f} s = {n / t_push:,.0f} records/s; "
          f"the same client saving directly: {t_direct:.1f} s = {n / t_direct:,.0f} records/s "
          f"(push at {t_direct / t_push:.0%} of direct)")
    runtime.components.close()
    runtime.dispose()
    http.close()


def pull(args, url, creds, pg, vhost) -> None:
    from identity.service_layer.seed import pastikan_admin_pusat
    from kinerja_shared.messaging.rabbitmq import RabbitConsumer, RabbitPublisher

    n, units = args.pull, max(1, args.pull // 20)
    http = httpx.Client(base_url=url, timeout=600)
    seeded = http.post("/_sandbox/seed", json={"instansi_id": "SIASN-PULL", "pegawai": n,
                                               "unor": units, "seed": 12})
    assert seeded.status_code == 200, seeded.text
    publisher = RabbitPublisher(vhost)
    integration = make_test_runtime("integration", pg("bench_integration_pull"),
                                    publisher=publisher)
    integration.components.configure(siasn=settings(url, creds, args.concurrency), lease=120.0)
    identity = make_test_runtime("identity", pg("bench_identity_pull"), bus="rabbitmq",
                                 amqp_url=vhost)
    pastikan_admin_pusat(identity, {"KINERJA_ADMIN_NIP": "199001012020011001",
                                    "KINERJA_ADMIN_PASSWORD": secrets.token_urlsafe(12)})
    identity.declare_topology()
    with identity.engine.begin() as conn:
        conn.execute(sa.text("insert into instansi (id, nama, pengaturan, revisi, created_at, "
                             "updated_at) values ('i-pull', 'Bench', '{}', 1, now(), now())"))
    consumer = RabbitConsumer(vhost, "identity", identity.dispatcher, prefetch=300,
                              batch_size=100)
    consumer.start()
    admin = Principal("bench", instansi_id="i-pull", roles=frozenset({"admin_instansi"}))
    with integration.uow() as uow:
        sinkron.ubah_pengaturan(uow, admin, siasn_instansi_id="SIASN-PULL")
        sinkron.minta_tarik(uow, admin, jenis="UNOR_DAN_PEGAWAI")
        uow.commit()
    stop = threading.Event()
    relay = threading.Thread(target=integration.relay.run_forever, args=(stop,), daemon=True)
    relay.start()
    t0 = time.perf_counter()
    run_job(integration)
    t_job = time.perf_counter() - t0
    with integration.uow() as uow:
        job = sinkron.daftar(uow, admin, sistem="SIASN", arah="TARIK", jenis=sinkron.JENIS_TARIK,
                             filters={}, page=PageRequest()).items[0]
    assert (job["status"], job["tambah"]) == ("SELESAI", n + units), job
    deadline = time.monotonic() + 1800
    while True:
        assert time.monotonic() < deadline, "identity did not get every pegawai"
        with identity.engine.connect() as conn:
            have = conn.execute(sa.text("select count(*) from pegawai where instansi_id = "
                                        "'i-pull'")).scalar()
        if have >= n:
            break
        time.sleep(0.2)
    t_all = time.perf_counter() - t0
    stop.set()
    consumer.stop()
    client = integration.components.siasn()
    t0 = time.perf_counter()
    got = sum(len(p) for p in client.unor_instansi("SIASN-PULL")) + \
        sum(len(p) for p in client.pegawai_instansi("SIASN-PULL"))
    t_direct = time.perf_counter() - t0
    assert got == n + units
    print(f"pull: {n} pegawai + {units} unor: pull job {t_job:.1f} s; applied in identity "
          f"through RabbitMQ after {t_all:.1f} s = {(n + units) / t_all:,.0f} records/s end to "
          f"end; the same client reading the same pages: {t_direct:.1f} s = "
          f"{got / t_direct:,.0f} records/s")
    publisher.close()
    integration.components.close()
    integration.dispose()
    identity.dispose()
    http.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--push", type=int, default=65_000)
    parser.add_argument("--pull", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    print(f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load {os.getloadavg()[0]:.1f} at start")
    creds = {"consumer_key": secrets.token_hex(8), "consumer_secret": secrets.token_hex(16),
             "client_id": "kinerja-bench", "username": "operator",
             "password": secrets.token_hex(16)}
    server = servers.postgres_server_url()
    made: list[str] = []

    def pg(prefix: str) -> str:
        made.append(servers.create_database(server, prefix))
        return made[-1]

    vhost = servers.create_vhost(servers.amqp_server_url(), "kinerja-bench")
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = sandbox(tmp, creds)
        try:
            if args.push:
                push(args, url, creds, pg)
            if args.pull:
                pull(args, url, creds, pg, vhost)
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(10)
            for db in made:
                servers.drop_database(db)
            servers.delete_vhost(vhost)
    print(f"load {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
