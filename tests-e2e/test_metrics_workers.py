"""/metrics under gunicorn with several workers, as production runs it: skp as a separate
gunicorn process with two workers and ``-c python:kinerja_shared.runtime.gunicorn_conf``,
against a real PostgreSQL database and RabbitMQ.

Each worker is a process with its own metric values; a scrape reaches one of them. The test
makes sure requests were answered by more than one worker (reading each worker's own metric
files, so it does not rely on luck) and that every scrape, whichever worker answers it, reports
the total. Then one worker is killed with SIGKILL: gunicorn starts another, the dead worker's
requests stay counted, its live gauge (``kinerja_service_info``) is dropped, and /metrics keeps
answering."""
from __future__ import annotations

import os
import signal
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from prometheus_client.mmap_dict import MmapedDict, mmap_key
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

from processes import BIN, Stack, free_port, wait_until

WORKERS = 2
ENDPOINT = "/healthz"  # cheap; nothing else calls it here (readiness is waited for on /metrics)
STALE = 1000  # a count left over from an earlier run, which on_starting must throw away


@pytest.fixture(scope="module")
def server(make_pg_database, make_amqp_vhost, tmp_path_factory):
    metrics_dir = tmp_path_factory.mktemp("prometheus") / "multiproc"
    metrics_dir.mkdir()
    _leave_stale_values(metrics_dir)
    env = {
        **os.environ,
        "KINERJA_BUS": "rabbitmq",
        "KINERJA_AMQP_URL": make_amqp_vhost(),
        "KINERJA_SKP_DATABASE_URL": make_pg_database(),
        "KINERJA_LOG_FORMAT": "json",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    env.pop("KINERJA_METRICS_TOKEN", None)
    stack = Stack(env, tmp_path_factory.mktemp("metrics-logs"))
    stack.run("migrate", "skp")
    port = free_port()
    try:
        master = stack.start("skp-web", [
            str(BIN / "gunicorn"), "-c", "python:kinerja_shared.runtime.gunicorn_conf",
            "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--timeout", "60",
            "--no-control-socket",
            'kinerja_shared.runtime.wsgi:create_app("skp")'])
        url = f"http://127.0.0.1:{port}"
        srv = Server(url, master.pid, metrics_dir, stack)
        wait_until(lambda: len(srv.live_gauge_pids()) == WORKERS and _ok(url + "/metrics"),
                   timeout=60, what=lambda: "skp web with its workers\n" + stack.logs())
        yield srv
    finally:
        stack.stop()


class Server:
    def __init__(self, url: str, master: int, metrics_dir: Path, stack: Stack) -> None:
        self.url, self.master, self.dir, self.stack = url, master, metrics_dir, stack

    def hit(self, count: int) -> None:
        """``count`` GETs of ENDPOINT, eight at a time (so both workers take some)."""
        def one(_):
            with requests.get(self.url + ENDPOINT, timeout=10) as resp:
                assert resp.status_code == 200, resp.text
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(one, range(count)))

    def scrape(self) -> dict:
        resp = requests.get(self.url + "/metrics", timeout=10)
        assert resp.status_code == 200, resp.text
        return _parse(resp.text)

    def workers(self) -> set[int]:
        """The master's child processes, from /proc."""
        children = set()
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines()
                              if ":\t" in line)
            except (OSError, ValueError):
                continue  # gone meanwhile
            if int(fields.get("PPid", "0").strip()) == self.master:
                children.add(int(status.parent.name))
        return children

    def live_gauge_pids(self) -> set[int]:
        """Processes whose service_info (a livemax gauge) file is in the directory."""
        return {int(p.stem.rsplit("_", 1)[1]) for p in self.dir.glob("gauge_livemax_*.db")}

    def per_worker(self, endpoint: str) -> Counter:
        """Requests to ``endpoint`` each process counted, from its own files alone: what a
        scrape would report if it saw only the worker that answered it."""
        pids = {p.stem.rsplit("_", 1)[1] for p in self.dir.glob("counter_*.db")}
        counts = Counter()
        for pid in pids:
            files = [str(p) for p in self.dir.glob(f"*_{pid}.db") if p.stat().st_size]
            families = MultiProcessCollector.merge(files, accumulate=True)
            counts[int(pid)] = _requests({f.name: f for f in families}, endpoint)
        return +counts  # only those that counted any


def _parse(text: str) -> dict:
    return {family.name: family for family in text_string_to_metric_families(text)}


def _requests(families: dict, endpoint: str) -> float:
    family = families.get("kinerja_http_requests")
    if family is None:
        return 0
    return sum(s.value for s in family.samples
               if s.name == "kinerja_http_requests_total" and s.labels["endpoint"] == endpoint)


def _service_info(families: dict) -> list[tuple[dict, float]]:
    return [(s.labels, s.value) for s in families["kinerja_service_info"].samples]


def _ok(url: str) -> bool:
    try:
        return requests.get(url, timeout=1).status_code == 200
    except requests.RequestException:
        return False


def _leave_stale_values(metrics_dir: Path) -> None:
    """Files as a crashed earlier server would leave them: a counter and a live gauge."""
    stale = MmapedDict(str(metrics_dir / "counter_999999.db"))
    stale.write_value(mmap_key("kinerja_http_requests", "kinerja_http_requests_total",
                               ("method", "endpoint", "status"), ("GET", ENDPOINT, "200"),
                               "HTTP requests answered."), STALE, 0)
    stale.close()
    (metrics_dir / "old-run").mkdir()
    (metrics_dir / "old-run" / "x.db").write_bytes(b"")


def _scrape_until_each_worker_answered(server: Server, expected: float) -> Counter:
    """Scrape (four at a time) until scrapes were answered by two different workers; every
    scrape must report ``expected`` requests to ENDPOINT and one service_info sample."""
    def one(_):
        families = server.scrape()
        assert _requests(families, ENDPOINT) == expected
        assert _service_info(families) == [({"service": "skp"}, 1.0)]

    # /metrics requests are counted like any other: who answered the scrapes
    before = server.per_worker("/metrics")
    for _ in range(50):
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(one, range(8)))
        answered = server.per_worker("/metrics")
        answered.subtract(before)
        answered = +answered
        if len(answered) >= 2:
            return answered
    raise AssertionError(f"400 scrapes, all answered by one worker: {dict(answered)}")


def test_every_scrape_reports_the_requests_of_all_workers(server):
    assert server.live_gauge_pids() == server.workers()  # one per worker; the stale run's gone
    assert not (server.dir / "old-run").exists()
    sent = 0
    for _ in range(50):  # until both workers answered some (usually the first round)
        server.hit(40)
        sent += 40
        if len(server.per_worker(ENDPOINT)) >= 2:
            break
    by_worker = server.per_worker(ENDPOINT)
    assert len(by_worker) == WORKERS, by_worker
    assert sum(by_worker.values()) == sent
    assert all(count < sent for count in by_worker.values())  # no worker alone saw them all

    answered_by = _scrape_until_each_worker_answered(server, sent)
    assert set(answered_by) <= server.workers()


def test_a_killed_worker_is_replaced_and_its_requests_stay_counted(server):
    server.hit(40)
    total = _requests(server.scrape(), ENDPOINT)
    workers = server.workers()
    victim = max(server.per_worker(ENDPOINT), key=server.per_worker(ENDPOINT).get)
    assert victim in workers

    os.kill(victim, signal.SIGKILL)

    def replaced():
        now = server.workers()
        return (len(now) == WORKERS and victim not in now
                and server.live_gauge_pids() == now)  # child_exit dropped the dead one's gauge
    wait_until(replaced, timeout=60, what=lambda: "a new worker\n" + server.stack.logs())
    assert server.per_worker(ENDPOINT)[victim] > 0  # its counter file stays

    _scrape_until_each_worker_answered(server, total)
    server.hit(40)
    _scrape_until_each_worker_answered(server, total + 40)
    assert server.stack.procs[-1][1].poll() is None  # the master is still running
