"""skp benchmark: create and approve SKPs through the API at the size of a large instansi.

    python bench/skp_approve.py [--skp 10000] [--rhk 5] [--indikator 2] [--sample 500]
    python bench/skp_approve.py --seed-only [--skp 10000]   # the seed phase alone

Creates (and drops) its own PostgreSQL database on the server the test suite uses
(``kinerja_shared.testing.servers``: KINERJA_TEST_DATABASE_URL or the local default), migrated
by the real skp runtime (``make_test_runtime``). The API is the real skp Flask app driven through
its **Flask test client** (in-process: no HTTP server, no network; everything else -- JWT
verification, flask-smorest validation, the service layer, PostgreSQL -- is the real path).

1. Seed: one instansi of ``--skp`` pegawai and their pejabat penilai (dinas -> 20 bidang ->
   ``--skp / 50`` seksi; each seksi a kepala seksi and 50 staff), fed as identity events through
   skp's own dispatcher (``handle_batch``, 500 events per transaction: the consumer's path).
2. For every staff member: POST /skp, ``--rhk`` x POST /skp/{id}/rhk, ``--indikator`` x POST
   .../indikator per RHK, POST /skp/{id}/ajukan (as the owner), POST /skp/{id}/setujui (as the
   kepala seksi). Throughput in SKPs/s and requests/s, time per request kind.
3. What POST /skp's structure costs: ``identitas.struktur`` (the whole instansi, what POST /skp
   loaded before) and ``identitas.struktur_sekitar`` (one pegawai's unor chain, what it loads
   now) alone, at this size.
4. GET /skp/{id} p50/p95 over a random sample, next to the same read as a hand-written psycopg
   query (one statement, RHK/indikator/perilaku aggregated as JSON) in the same run.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import statistics
import sys
import time
from collections import defaultdict

import psycopg

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts.identity import (InstansiDiperbarui, PegawaiDiperbarui,
                                                      UnorDiperbarui)
from kinerja_shared.testing import servers
from kinerja_shared.testing.service import make_test_runtime

INSTANSI = "i-bench"
STAF_PER_SEKSI = 50
BIDANG = 20
TAHUN = {"periode_awal": "2026-01-01", "periode_akhir": "2026-12-31"}


def pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100)[p - 1] if len(values) > 1 else values[0]


def nip(i: int) -> str:
    return f"19900101{i:010d}"


def world(n_staf: int):
    """Identity events of one instansi: kadis, 20 kabid, a kasi per seksi, 50 staff per seksi."""
    seksi = max(1, -(-n_staf // STAF_PER_SEKSI))
    events = [(InstansiDiperbarui(id=INSTANSI, nama="Pemprov Bench", revisi=1), INSTANSI),
              (UnorDiperbarui(id="u-dinas", instansi_id=INSTANSI, nama="Dinas", mandiri=True,
                              eselon="22", revisi=1), "u-dinas")]
    people = [("kadis", "u-dinas", "PIMPINAN", "JPT")]
    for b in range(BIDANG):
        events.append((UnorDiperbarui(id=f"u-b{b}", instansi_id=INSTANSI, nama=f"Bidang {b}",
                                      unor_atasan_id="u-dinas", eselon="31", revisi=1), f"u-b{b}"))
        people.append((f"kabid{b}", f"u-b{b}", "PIMPINAN", "ADMINISTRATOR"))
    staf, kasi = [], {}
    for k in range(seksi):
        uid = f"u-s{k}"
        events.append((UnorDiperbarui(id=uid, instansi_id=INSTANSI, nama=f"Seksi {k}",
                                      unor_atasan_id=f"u-b{k % BIDANG}", eselon="41", revisi=1),
                       uid))
        people.append((f"kasi{k}", uid, "PIMPINAN", "PENGAWAS"))
        for j in range(STAF_PER_SEKSI):
            if len(staf) < n_staf:
                pid = f"p{len(staf)}"
                staf.append(pid)
                kasi[pid] = f"kasi{k}"
                people.append((pid, uid, "PEGAWAI", "FUNGSIONAL"))
    for i, (pid, unor, jenis, kategori) in enumerate(people):
        events.append((PegawaiDiperbarui(
            id=pid, instansi_id=INSTANSI, nip=nip(i), nama=f"Pegawai {pid}", unor_id=unor,
            jenis_jabatan=jenis, kategori_jabatan=kategori, jabatan=f"Jabatan {pid}",
            golongan="III/c", revisi=1), pid))
    return events, staf, kasi, len(people)


def seed(runtime, events) -> float:
    bodies = [EventEnvelope.wrap(p, aggregate_id=a, instansi_id=INSTANSI).to_json()
              for p, a in events]
    started = time.perf_counter()
    for i in range(0, len(bodies), 500):
        results = runtime.dispatcher.handle_batch(bodies[i:i + 500])
        bad = [r for r in results if isinstance(r, Exception)]
        if bad:
            raise RuntimeError(f"seeding failed: {bad[0]!r}")
    return time.perf_counter() - started


def check_seed(runtime, n_pegawai: int) -> None:
    """The read model holds what was fed (so a fast seed is not a broken one)."""
    from sqlalchemy import func, select

    from skp.adapters.tables import pegawai_ref, unor_ref

    with runtime.engine.connect() as conn:
        pegawai = conn.execute(select(func.count()).select_from(pegawai_ref)).scalar_one()
        unor = conn.execute(select(func.count()).select_from(unor_ref)).scalar_one()
    if pegawai != n_pegawai or unor < 2:
        raise RuntimeError(f"seed incomplete: {pegawai} pegawai, {unor} unor")


class Client:
    """The test client with one cached token per pegawai; records time per request kind."""

    def __init__(self, app, minter: TokenMinter) -> None:
        self.client, self.minter = app.test_client(), minter
        self.tokens: dict[str, dict] = {}
        self.times: dict[str, list[float]] = defaultdict(list)

    def headers(self, who: str) -> dict:
        if who not in self.tokens:
            self.tokens[who] = self.minter.headers(who, nama=who, instansi_id=INSTANSI,
                                                   expires_in=24 * 3600)
        return self.tokens[who]

    def call(self, kind: str, method: str, who: str, path: str, json=None, expect=(200, 201)):
        headers = self.headers(who)
        started = time.perf_counter()
        r = getattr(self.client, method)(path, json=json, headers=headers)
        self.times[kind].append(time.perf_counter() - started)
        if r.status_code not in expect:
            raise RuntimeError(f"{method.upper()} {path} as {who}: {r.status_code} {r.json}")
        return r


def made_id(r) -> str:
    """The id of what a create made: the last segment of its ``Location``."""
    return r.headers["Location"].rsplit("/", 1)[1]


def one_skp(c: Client, pid: str, penilai: str, n_rhk: int, n_ind: int) -> str:
    sid = made_id(c.call("POST /skp", "post", pid, "/skp", TAHUN))
    for r in range(n_rhk):
        rhk = {"jenis": "UTAMA", "uraian": f"Rencana hasil kerja {r + 1} dari {pid}"}
        rid = made_id(c.call("POST /skp/{id}/rhk", "post", pid, f"/skp/{sid}/rhk", rhk))
        for k in range(n_ind):
            c.call("POST .../indikator", "post", pid, f"/skp/{sid}/rhk/{rid}/indikator",
                   {"uraian": f"Indikator {k + 1}", "aspek": ("KUANTITAS", "KUALITAS")[k % 2],
                    "target": 10 + k, "satuan": "laporan"})
    c.call("POST /skp/{id}/ajukan", "post", pid, f"/skp/{sid}/ajukan")
    done = c.call("POST /skp/{id}/setujui", "post", penilai, f"/skp/{sid}/setujui").json
    if done["status"] != "DISETUJUI":
        raise RuntimeError(done)
    return sid


RAW_SKP = """
SELECT s.*,
  (SELECT coalesce(json_agg(json_build_object(
      'id', r.id, 'urutan', r.urutan, 'jenis', r.jenis, 'uraian', r.uraian,
      'rhk_atasan_id', r.rhk_atasan_id, 'referensi', r.referensi,
      'indikator', (SELECT coalesce(json_agg(json_build_object(
            'id', i.id, 'uraian', i.uraian, 'aspek', i.aspek, 'target', i.target,
            'target_maks', i.target_maks, 'satuan', i.satuan, 'perspektif', i.perspektif,
            'manual', i.manual) ORDER BY i.urutan), '[]')
          FROM indikator i WHERE i.rhk_id = r.id)) ORDER BY r.urutan), '[]')
   FROM rhk r WHERE r.skp_id = s.id) AS rhk,
  (SELECT json_agg(json_build_object('aspek', p.aspek, 'penilai', p.penilai,
      'penilai_pegawai_id', p.penilai_pegawai_id, 'ekspektasi_khusus', p.ekspektasi_khusus))
   FROM perilaku p WHERE p.skp_id = s.id) AS perilaku
FROM skp s WHERE s.id = %s
"""


def bench_reads(c: Client, db_url: str, sample: list[tuple[str, str]]) -> dict:
    api, raw = [], []
    for sid, pid in sample:  # warm both paths on a few first
        c.client.get(f"/skp/{sid}", headers=c.headers(pid))
    with psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        for sid, pid in sample:
            started = time.perf_counter()
            r = c.client.get(f"/skp/{sid}", headers=c.headers(pid))
            api.append(time.perf_counter() - started)
            assert r.status_code == 200 and len(r.json["rhk"]) > 0
            started = time.perf_counter()
            row = conn.execute(RAW_SKP, (sid,)).fetchone()
            raw.append(time.perf_counter() - started)
            assert row is not None and len(row[-2]) == len(r.json["rhk"])
    return {"api": api, "raw": raw}


def bench_struktur(runtime, repeat: int = 20) -> dict:
    """What POST /skp spends on the instansi's structure (identitas.struktur), alone."""
    from skp.adapters import identitas

    times, sekitar = [], []
    with runtime.uow() as uow:
        for _ in range(repeat):
            started = time.perf_counter()
            s = identitas.struktur(uow.session, INSTANSI)
            times.append(time.perf_counter() - started)
        for i in range(repeat * 10):
            started = time.perf_counter()
            identitas.struktur_sekitar(uow.session, INSTANSI, [f"p{i}"])
            sekitar.append(time.perf_counter() - started)
    return {"times": times, "sekitar": sekitar, "orang": len(s.orang), "unor": len(s.unor)}


def writer(db_url: str, todo: list[tuple[str, str]], n_rhk: int, n_ind: int, name: str,
           start, results) -> None:
    """One client process: its own runtime (no migration) and test client; waits for ``start``."""
    minter = TokenMinter()
    runtime = make_test_runtime("skp", db_url, key_source=minter.key_source, migrate=False)
    c = Client(runtime.create_app(), minter)
    for pid, penilai in todo:  # mint tokens up front: signing is not what we measure
        c.headers(pid)
        c.headers(penilai)
    results.put(("ready", name, None))
    start.wait()
    ids, last = [], time.perf_counter()
    for n, (pid, penilai) in enumerate(todo, 1):
        ids.append((one_skp(c, pid, penilai, n_rhk, n_ind), pid))
        if n % 500 == 0:
            now = time.perf_counter()
            print(f"  {name}: {n} SKPs, last 500 at {500 / (now - last):.1f} SKPs/s",
                  file=sys.stderr, flush=True)
            last = now
    results.put(("done", name, (ids, dict(c.times), time.perf_counter())))
    runtime.dispose()


def write_phase(db_url: str, todo, args):
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=writer, args=(db_url, todo[w::args.workers], args.rhk,
                                              args.indikator, f"w{w}", start, results))
             for w in range(args.workers)]
    for p in procs:
        p.start()
    for _ in procs:
        kind, name, _ = results.get(timeout=600)
        assert kind == "ready", (kind, name)
    started = time.perf_counter()
    start.set()
    ids, times, finished = [], defaultdict(list), started
    for _ in procs:
        kind, name, (w_ids, w_times, w_end) = results.get(timeout=6 * 3600)
        ids += w_ids
        for k, v in w_times.items():
            times[k] += v
        finished = max(finished, w_end)  # perf_counter is system-wide (CLOCK_MONOTONIC)
    for p in procs:
        p.join(60)
    return ids, times, finished - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skp", type=int, default=10_000)
    parser.add_argument("--pegawai", type=int, default=None,
                        help="staff in the instansi (default: --skp); SKPs for the first --skp")
    parser.add_argument("--workers", type=int, default=1,
                        help="client processes, each with its own app and test client (like "
                             "web workers), splitting the SKPs between them")
    parser.add_argument("--rhk", type=int, default=5)
    parser.add_argument("--indikator", type=int, default=2)
    parser.add_argument("--sample", type=int, default=500, help="GET /skp/{id} sample size")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--seed-only", action="store_true",
                        help="only the seed phase (identity events through the dispatcher)")
    args = parser.parse_args()

    load_before = os.getloadavg()
    db_url = servers.create_database(servers.postgres_server_url(), "kinerja_bench_skp")
    minter = TokenMinter()
    runtime = make_test_runtime("skp", db_url, key_source=minter.key_source)
    try:
        events, staf, kasi, n_pegawai = world(args.pegawai or args.skp)
        seed_s = seed(runtime, events)
        if args.seed_only:
            check_seed(runtime, n_pegawai)
            print(f"\nskp seed: {len(events):,} identity events through the dispatcher "
                  f"(handle_batch 500) in {seed_s:.1f} s: **{len(events) / seed_s:,.0f} "
                  f"events/s**; {os.cpu_count()} CPUs, load average before "
                  f"{load_before[0]:.2f} / after {os.getloadavg()[0]:.2f}")
            return
        c = Client(runtime.create_app(), minter)
        todo = [(pid, kasi[pid]) for pid in staf[:args.skp]]
        ids, times, write_s = write_phase(db_url, todo, args)
        c.times = times
        requests = sum(len(v) for v in c.times.values())

        struktur = bench_struktur(runtime)
        rng = random.Random(7)
        reads = bench_reads(c, db_url, rng.sample(ids, min(args.sample, len(ids))))
    finally:
        runtime.dispose()
        if not args.keep:
            servers.drop_database(db_url)
    load_after = os.getloadavg()

    print(f"\nskp: {len(ids):,} SKPs ({args.rhk} RHK x {args.indikator} indikator each) in one "
          f"instansi of {n_pegawai:,} pegawai; Flask test client of the real app on PostgreSQL; "
          f"{os.cpu_count()} CPUs, {platform.python_implementation()} "
          f"{platform.python_version()}; {args.workers} client process(es); load average before {load_before[0]:.2f} / after "
          f"{load_after[0]:.2f}\n")
    print("| measurement | result |")
    print("|---|---|")
    print(f"| seed: {len(events):,} identity events through the dispatcher (handle_batch 500) "
          f"| {seed_s:.1f} s ({len(events) / seed_s:,.0f} events/s) |")
    print(f"| create -> RHK -> indikator -> ajukan -> setujui, {requests:,} requests "
          f"| **{len(ids) / write_s:,.1f} SKPs/s**, {requests / write_s:,.0f} requests/s "
          f"({write_s:,.0f} s) |")
    busy = sum(sum(t) for t in c.times.values())  # all workers' time inside requests
    for kind, t in c.times.items():
        print(f"| {kind}: p50 / p95, share of the time spent in requests | "
              f"{pct(t, 50) * 1000:.1f} / {pct(t, 95) * 1000:.1f} ms, {sum(t) / busy:.0%} |")
    st = struktur["times"]
    print(f"| `identitas.struktur` alone ({struktur['orang']:,} pegawai, {struktur['unor']} unor)"
          f": p50 | {pct(st, 50) * 1000:.1f} ms |")
    print(f"| `identitas.struktur_sekitar` alone (one pegawai's unor chain, what POST /skp loads): "
          f"p50 | {pct(struktur['sekitar'], 50) * 1000:.2f} ms |")
    api, raw = reads["api"], reads["raw"]
    print(f"| GET /skp/{{id}} (API), {len(api)} random SKPs: p50 / p95 | "
          f"{pct(api, 50) * 1000:.2f} / {pct(api, 95) * 1000:.2f} ms |")
    print(f"| same read, raw psycopg (one statement, JSON aggregated): p50 / p95 | "
          f"{pct(raw, 50) * 1000:.2f} / {pct(raw, 95) * 1000:.2f} ms |")


if __name__ == "__main__":
    main()
