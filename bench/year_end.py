"""The year end of a province, in production mode on this machine, optionally under faults.

    python bench/year_end.py --pegawai 65000              # DKI size (~2,000 unor, ~50 induk)
    python bench/year_end.py --pegawai 3000 --chaos       # SIGKILLs, RabbitMQ and PG restarts
    python bench/year_end.py --pegawai 300 --json out.json

Starts its own PostgreSQL cluster and RabbitMQ node (temporary folders, own ports; the
machine's shared servers are never touched), the SIASN sandbox as a process, and every
service as production runs it (docs/DEPLOYMENT.md): gunicorn web, relay, consumer, the
reporting Celery worker, integration's pekerja, the gateway (nginx with the shipped config).
Then builds the world (SIASN pull; approved SKPs seeded below the API, said in the output)
and runs the year end through the gateway and the events (bench/yearend/run.py lists the
stages). Prints each stage's wall time and throughput next to the raw baseline of the
services' own benchmarks (docs/BENCHMARKS.md), a checksum of the end state (predikat, angka
kredit, SIASN records: counts and SHA-256 keyed by NIP), dead letters, and what the faults
cost (client retries, consumer/relay retries and reconnects from the process logs).

``--load``: after the year end, the morning peak (bench/locustfile.py) against the gateway,
users doubled every ``--load-seconds`` from ``--load-start`` until p95 passes 1 s, with the CPU
each process used (bench/yearend/load.py).

``--chaos``: from the year end proper on (after the world is built), every 20-40 s a random
relay, consumer, gunicorn worker, Celery worker or the pekerja is SIGKILLed and restarted
(gunicorn's and Celery's masters restart their children; this script's supervisor restarts
whole processes, as ``restart: unless-stopped`` would); RabbitMQ is restarted once (stage 7)
and PostgreSQL stopped immediately (crash recovery) and restarted once (stage 8). The
checksum must equal a clean run's at the same ``--pegawai`` and ``--seed``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from yearend import world  # noqa: E402
from yearend.cluster import Cluster, make_workdir  # noqa: E402
from yearend.run import YearEnd, checksum, dead_letters  # noqa: E402

LOG_PATTERNS = {
    "consumer reconnects": r"connection lost .*reconnecting",
    "consumer transient retries (database away)": r"transient failure",
    "handler failures retried": r"failed \(attempt \d+ of \d+\)",
    "dead-lettered": r"dead-lettering",
    "relay publish retries": r"publish failed, retrying",
    "batches re-applied one by one": r"handling one by one",
    "jobs swept and enqueued again": r"enqueued again",
}


def log_counts(workdir: Path) -> dict[str, int]:
    out = {k: 0 for k in LOG_PATTERNS}
    for f in (workdir / "logs").glob("*.log"):
        text = f.read_text(errors="replace")
        for k, pat in LOG_PATTERNS.items():
            out[k] += len(re.findall(pat, text))
    return out


def chaos_loop(cluster: Cluster, ye: YearEnd, rng: random.Random, stop: threading.Event,
               kills: list[str], interval: tuple[float, float] = (20, 40)) -> None:
    """A SIGKILL every 20-40 s (``interval``); at the first tick once stage 7 (bulk rating) has begun,
    RabbitMQ is restarted instead, and at the first tick once stage 8 (tetapkan) has begun
    and RabbitMQ is back, PostgreSQL."""
    restarted = set()
    while not stop.wait(rng.uniform(*interval)):
        started = ye.ctx.get("stage_started", "0")
        number = int(started.split()[0]) if started.split()[0].isdigit() else 0
        if number >= 7 and "mq" not in restarted:
            restarted.add("mq")
            cluster.restart_rabbitmq()
            kills.append("RabbitMQ restarted")
        elif number >= 8 and "pg" not in restarted:
            restarted.add("pg")
            cluster.restart_postgres()
            kills.append("PostgreSQL restarted")
        else:
            kills.append(cluster.chaos_kill(rng))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pegawai", type=int, default=65_000)
    ap.add_argument("--unor", type=int, default=None, help="default: pegawai x 2,000 / 65,000")
    ap.add_argument("--induk", type=int, default=None, help="default: unor x 50 / 2,000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chaos", action="store_true")
    ap.add_argument("--chaos-seed", type=int, default=7)
    ap.add_argument("--chaos-interval", default="20,40",
                    help="seconds between faults, lowest,highest (default 20,40)")
    ap.add_argument("--web-workers", type=int, default=2)
    ap.add_argument("--report-concurrency", type=int, default=2)
    ap.add_argument("--load", action="store_true",
                    help="after the year end: the morning peak (Locust) at rising concurrency")
    ap.add_argument("--load-start", type=int, default=10)
    ap.add_argument("--load-seconds", type=int, default=60)
    ap.add_argument("--load-max", type=int, default=1280)
    ap.add_argument("--json", dest="json_out", help="write the figures and checksum here")
    ap.add_argument("--keep", action="store_true", help="leave the suite running (Ctrl-C stops)")
    args = ap.parse_args()

    scale = world.Scale.of(args.pegawai, args.unor, args.induk)
    print(f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load {os.getloadavg()[0]:.1f} at start; scale {scale}; seed {args.seed}; "
          f"{'CHAOS' if args.chaos else 'clean'}")
    result = run(scale, seed=args.seed, chaos=args.chaos, chaos_seed=args.chaos_seed,
                 chaos_interval=tuple(float(x) for x in args.chaos_interval.split(",")),
                 web_workers=args.web_workers, report_concurrency=args.report_concurrency,
                 keep=args.keep, load=(args.load_start, args.load_seconds, args.load_max)
                 if args.load else None)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2, default=str))
    return 0


def run(scale: world.Scale, *, seed: int = 1, chaos: bool = False, chaos_seed: int = 7,
        chaos_interval: tuple[float, float] = (20, 40),
        web_workers: int = 2, report_concurrency: int = 2, keep: bool = False,
        load: tuple[int, int, int] | None = None, log=print) -> dict:
    workdir = make_workdir()
    cluster = Cluster(workdir, web_workers=web_workers, report_concurrency=report_concurrency)
    t_start = time.monotonic()
    stop = threading.Event()
    kills: list[str] = []
    try:
        cluster.start_postgres()
        cluster.start_rabbitmq()
        units, people, vacant = world.siasn_records(scale, seed)
        world.write_sandbox(workdir / "siasn.db", units, people)
        creds = {"consumer_key": "yearend-key", "consumer_secret": "yearend-secret",
                 "client_id": "kinerja-yearend", "username": "operator",
                 "password": "yearend-operator"}
        cluster.start_sandbox(workdir / "siasn.db", creds)
        cluster.start_suite()
        cluster.supervise()
        t_up = time.monotonic() - t_start
        log(f"suite up in {t_up:.0f} s: {len(cluster.procs)} processes; SIASN holds "
            f"{len(people):,} PNS, {len(units):,} unor ({len(vacant)} vacant), "
            f"{sum(1 for p in people if p['jenisJabatanId'] == '2'):,} JF")
        ye = YearEnd(cluster, scale, seed, log=log)
        ye.ctx["siasn"] = (units, people, vacant)
        chaos_thread = None
        original_stage = ye.stage

        def stage(name, *a, **kw):
            wrap = original_stage(name, *a, **kw)

            def inner(fn):
                ye.ctx["stage_started"] = name
                nonlocal chaos_thread
                if chaos and chaos_thread is None and name.startswith("5"):
                    log(f"    chaos begins: a fault every {chaos_interval[0]:g}-"
                        f"{chaos_interval[1]:g} s from here on")
                    chaos_thread = threading.Thread(
                        target=chaos_loop, args=(cluster, ye, random.Random(chaos_seed), stop,
                                                 kills, chaos_interval), daemon=True)
                    chaos_thread.start()
                return wrap(fn)
            return inner
        ye.stage = stage
        t0 = time.monotonic()
        ye.run()
        year_end_s = time.monotonic() - t0
        stop.set()
        if chaos_thread:
            chaos_thread.join(60)
            ye.settle_queues()
        summary = checksum(ye)
        dead = dead_letters(ye)
        logs = log_counts(workdir)
        restarts = {p.name: p.restarts for p in cluster.procs if p.restarts}
        report(ye, summary, dead, logs, restarts, kills, year_end_s, scale, chaos, log)
        result = {"scale": scale.__dict__, "seed": seed, "chaos": chaos,
                  "stages": [s.__dict__ for s in ye.stages], "year_end_seconds": year_end_s,
                  "checksum": summary, "dead_letters": dead, "log_counts": logs,
                  "client_retries": dict(ye.api.retries), "restarts": restarts,
                  "faults": kills, "events": cluster.events,
                  "load_end": os.getloadavg(), "missing": ye.ctx.get("missing", [])}
        if load:
            from yearend.load import morning_peak
            log(f"morning peak: Locust users against the gateway, x2 every "
                f"{load[1]} s from {load[0]} until p95 > 1 s")
            result["morning_peak"] = morning_peak(ye, start=load[0], seconds=load[1],
                                                  max_users=load[2], log=log)
        if keep:
            log(f"gateway {cluster.urls['gateway']}; Ctrl-C stops")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
        return result
    except Exception as exc:
        log(f"FAILED: {exc!r}\nerrors in the process logs:\n{cluster.logs_tail()}")
        raise
    finally:
        stop.set()
        cluster.shutdown()
        if os.environ.get("KINERJA_YEAREND_KEEP_LOGS"):
            log(f"logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def report(ye, summary, dead, logs, restarts, kills, year_end_s, scale, chaos, log) -> None:
    log("")
    log(f"Year end, {scale.pegawai:,} pegawai, {scale.unor:,} unor, {scale.induk} unor induk"
        f" ({'chaos' if chaos else 'clean'}); approved SKPs were seeded below the API "
        "(stage 4), everything else went through the gateway and the events.")
    log("| stage | wall | items | throughput | raw baseline | ratio | CPU s, top 3 |")
    log("|---|---|---|---|---|---|---|")
    for s in ye.stages:
        rate = s.items / s.seconds if s.seconds and s.items else 0
        ratio = ""
        if s.baseline_rate and rate:
            ratio = f"{s.baseline_rate / rate:.1f}x slower" if rate <= s.baseline_rate else \
                f"{rate / s.baseline_rate:.1f}x faster"
        top = ", ".join(f"{k} {v:.0f}" for k, v in list(s.cpu.items())[:3])
        log(f"| {s.name} | {s.seconds:.1f} s | {s.items:,} {s.unit} | "
            f"{rate:,.1f}/s | {s.baseline} | {ratio} | {top} |")
    world_s = sum(s.seconds for s in ye.stages if s.name.split()[0] in ("1", "2", "3", "4"))
    log(f"world (stages 1-4): {world_s / 60:.1f} min; year end proper (stages 5-14): "
        f"{(year_end_s - world_s) / 60:.1f} min; both: {year_end_s / 60:.1f} min")
    log(f"checksum: {json.dumps(summary, sort_keys=True)}")
    log(f"dead letters: {dead or 'none'}")
    log(f"from the process logs: {logs}")
    log(f"client retries (gateway answers/connection errors retried): {dict(ye.api.retries)}")
    log(f"processes restarted by the supervisor: {restarts}")
    if kills:
        log(f"faults ({len(kills)}): " + "; ".join(kills))
    if ye.ctx.get("missing"):
        log(f"not run (not offered by the suite yet): {ye.ctx['missing']}")
    log(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    sys.exit(main())
