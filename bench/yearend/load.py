"""The morning peak: Locust users (bench/locustfile.py) against the gateway at rising
concurrency until p95 passes 1 s, with the CPU each part of the suite used in each step (so the
part that saturates first is named by measurement, not guessed)."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from .cluster import BIN, ROOT, SERVICES, Cluster

TICK = os.sysconf("SC_CLK_TCK")


def _ppid_map() -> dict[int, int]:
    out = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
                out[int(d.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                pass
    return out


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def tree_cpu(roots: dict[str, list[int]]) -> dict[str, float]:
    """CPU seconds so far of each named group of process trees (living processes)."""
    parents = _ppid_map()
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    out = {}
    for name, pids in roots.items():
        total, stack, seen = 0.0, list(pids), set()
        while stack:
            pid = stack.pop()
            if pid in seen:
                continue
            seen.add(pid)
            total += _cpu(pid)
            stack += children.get(pid, [])
        out[name] = total
    return out


def groups(cluster: Cluster, locust_pid: int | None = None) -> dict[str, list[int]]:
    g: dict[str, list[int]] = {}
    for p in cluster.procs:
        if p.alive():
            g.setdefault(p.name, []).append(p.popen.pid)
    pm = Path(cluster.pg_dir / "data" / "postmaster.pid")
    if pm.exists():
        g["postgresql"] = [int(pm.read_text().split()[0])]
    g["rabbitmq"] = [cluster.mq_proc.pid]
    if locust_pid:
        g["locust (the load generator)"] = [locust_pid]
    return g


def prepare_accounts(ye, n: int) -> Path:
    """``n`` pegawai of the world with a password (admin resets through the API), the pejabat
    penilai among them first in proportion."""
    from .run import PASSWORD
    rows = ye.ctx["final"]
    penilai = sorted({r[3] for r in rows})
    staff = [r[1] for r in rows if r[1] not in set(penilai)]
    k = max(1, round(n * len(penilai) / max(1, len(rows))))
    chosen = [(nip, True) for nip in penilai[:k]] + [(nip, False) for nip in staff[:n - k]]
    adm, iid = ye.adm(), ye.ctx["instansi_id"]
    peg = dict(ye.sql("identity", "SELECT nip, id FROM pegawai WHERE instansi_id = %s", (iid,)))

    def reset(item):
        nip, _ = item
        if nip not in ye.api.password:
            ye.api.call("POST", f"/api/identity/pegawai/{peg[nip]}/password", token=adm,
                        json={"password_baru": PASSWORD})
    ye.parallel(reset, chosen)
    path = ye.cluster.workdir / "accounts.json"
    path.write_text(json.dumps([{"nip": nip, "password": PASSWORD, "penilai": p}
                                for nip, p in chosen]))
    return path


def step(cluster: Cluster, accounts: Path, users: int, seconds: int, out: Path) -> dict:
    prefix = out / f"u{users}"
    env = {**os.environ, "KINERJA_LOAD_ACCOUNTS": str(accounts)}
    argv = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
            "--host", cluster.urls["gateway"], "-u", str(users),
            "-r", str(max(1, users // 10)), "--run-time", f"{seconds}s", "--csv", str(prefix),
            "--only-summary", "--loglevel", "WARNING"]
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                            stderr=open(out / f"u{users}.err", "wb"))
    t0 = time.monotonic()
    samples = {}  # CPU of the second half of the step (ramped up), as cores used
    while proc.poll() is None:
        time.sleep(0.5)
        el = time.monotonic() - t0
        if "a" not in samples and el > seconds * 0.5:
            samples["a"] = (el, tree_cpu(groups(cluster, proc.pid)))
        if "b" not in samples and el > seconds * 0.95:
            samples["b"] = (el, tree_cpu(groups(cluster, proc.pid)))
    with open(f"{prefix}_stats.csv") as f:
        rows = list(csv.DictReader(f))
    agg = [r for r in rows if r["Name"] == "Aggregated"][0]
    per = {r["Name"]: {"n": int(r["Request Count"]), "fail": int(r["Failure Count"]),
                       "p50": float(r["50%"] or 0), "p95": float(r["95%"] or 0)}
           for r in rows if r["Name"] != "Aggregated"}
    cores = {}
    if "a" in samples and "b" in samples:
        (ta, a), (tb, b) = samples["a"], samples["b"]
        cores = {k: round((b[k] - a[k]) / (tb - ta), 2) for k in a if k in b}
    return {"users": users, "rps": float(agg["Requests/s"]), "p50": float(agg["50%"]),
            "p95": float(agg["95%"]), "requests": int(agg["Request Count"]),
            "failures": int(agg["Failure Count"]), "per_route": per,
            "cores": dict(sorted(cores.items(), key=lambda kv: -kv[1]))}


def morning_peak(ye, *, start: int = 10, factor: float = 2.0, seconds: int = 60,
                 max_users: int = 2000, log=print) -> list[dict]:
    cluster = ye.cluster
    out = cluster.workdir / "load"
    out.mkdir(exist_ok=True)
    # users beyond the accounts log in to the same accounts again (a second device)
    accounts = prepare_accounts(ye, min(max_users, 300, len(ye.ctx["final"])))
    # the morning peak is the next morning: by then autovacuum has dealt with the year end's
    # updates (hundreds of thousands of rows). Right after it, autovacuum and stale planner
    # statistics took 0.6 of a core of PostgreSQL at 20 users (65,000 run); do it now, timed.
    t0 = time.monotonic()
    for s in SERVICES:
        with psycopg.connect(cluster.db_url(s), autocommit=True) as conn:
            conn.execute("VACUUM (ANALYZE)")
    log(f"    VACUUM (ANALYZE) of every database first (the night after the year end): "
        f"{time.monotonic() - t0:.0f} s")
    results, users = [], start
    while users <= max_users:
        r = step(cluster, accounts, users, seconds, out)
        results.append(r)
        top = ", ".join(f"{k} {v}" for k, v in list(r["cores"].items())[:5])
        log(f"    {users} users: {r['rps']:.1f} req/s, p50 {r['p50']:.0f} ms, p95 "
            f"{r['p95']:.0f} ms, {r['failures']} failures; cores: {top}")
        if r["p95"] > 1000:
            break
        users = int(users * factor)
    return results


if __name__ == "__main__":
    sys.exit("run through bench/year_end.py --load")
