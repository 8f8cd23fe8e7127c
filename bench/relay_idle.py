"""What an idle outbox relay costs, and how long a lone commit waits to be published: the
relay polling every 50 ms around the clock (``idle_interval=0.05``, as the relays did before)
next to the idle backoff (doubling up to ``idle_interval``: 0.25 s, the default, and 0.5 s).

    python bench/relay_idle.py [--seconds 20] [--commits 20] [--gap 1.0]

Creates (and drops) its own PostgreSQL database on the server the test suite uses. For each
mode: the relay runs in a process of its own for ``--seconds`` with nothing to publish; the CPU
seconds of that process and of its PostgreSQL backends are read from /proc (Linux). Then
``--commits`` single-event commits, one every ``--gap`` seconds (a quiet office), each timed
from commit to the publisher seeing it (the relay's publisher reports through a pipe).
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import time
import uuid

from sqlalchemy import text

from kinerja_shared.db import UnitOfWork, make_engine, make_session_factory, naming_metadata
from kinerja_shared.events.contracts.identity import UnorDiperbarui
from kinerja_shared.messaging.tables import add_messaging_tables
from kinerja_shared.testing import servers

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _relay(url: str, idle: float, pipe) -> None:
    from kinerja_shared.messaging.relay import OutboxRelay

    class Publisher:
        def publish_batch(self, messages):
            for m in messages:
                pipe.send((m.event_id, time.time()))

    OutboxRelay(make_engine(url), Publisher(), poll_interval=0.05, idle_interval=idle,
                name="bench").run_forever()


def _backends(engine) -> list[int]:
    with engine.connect() as conn:
        return conn.execute(text(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()")).scalars().all()


def measure(url: str, idle: float, seconds: float, commits: int, gap: float) -> dict:
    engine = make_engine(url)
    here, there = multiprocessing.Pipe()
    proc = multiprocessing.Process(target=_relay, args=(url, idle, there), daemon=True)
    proc.start()
    time.sleep(2)  # connected
    backends = _backends(engine)
    cpu0 = _cpu(proc.pid) + sum(_cpu(p) for p in backends)
    time.sleep(seconds)
    idle = (_cpu(proc.pid) + sum(_cpu(p) for p in backends) - cpu0) / seconds
    uow_factory = make_session_factory(engine)
    latencies = []
    for _ in range(commits):
        event = UnorDiperbarui(id=str(uuid.uuid4()), instansi_id=str(uuid.uuid4()),
                               kode="B", nama="Bagian")
        with UnitOfWork(uow_factory) as uow:
            envelope = uow.add_event(event, aggregate_id=event.id)
            uow.commit()
        committed = time.time()
        event_id, seen = here.recv()
        assert event_id == str(envelope.event_id)
        latencies.append((seen - committed) * 1000)
        time.sleep(gap)
    proc.terminate()
    proc.join()
    engine.dispose()
    latencies.sort()
    return {"idle_core": idle, "p50_ms": statistics.median(latencies),
            "p95_ms": latencies[int(len(latencies) * 0.95) - 1]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--commits", type=int, default=20)
    ap.add_argument("--gap", type=float, default=1.0)
    args = ap.parse_args()
    server = servers.postgres_server_url()
    url = servers.create_database(server, "kinerja_bench")
    try:
        metadata = naming_metadata()
        add_messaging_tables(metadata)
        metadata.create_all(make_engine(url))
        print(f"idle relay for {args.seconds:.0f} s, then {args.commits} single-event commits "
              f"{args.gap:.1f} s apart")
        print(f"{'relay looks':<22}{'idle CPU (core)':>16}{'commit->publish p50':>22}{'p95':>10}")
        for name, idle in (("every 50 ms", 0.05), ("backoff to 0.25 s", 0.25),
                           ("backoff to 0.5 s", 0.5)):
            r = measure(url, idle, args.seconds, args.commits, args.gap)
            print(f"{name:<22}{r['idle_core']:>16.4f}{r['p50_ms']:>19.1f} ms{r['p95_ms']:>7.1f} ms")
    finally:
        servers.drop_database(url)


if __name__ == "__main__":
    main()
