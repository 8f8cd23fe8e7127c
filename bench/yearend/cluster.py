"""The production-mode suite on this machine, under a supervisor of its own.

Its own PostgreSQL cluster (``initdb`` into a temporary folder, its own port) and its own
RabbitMQ node (own ``RABBITMQ_NODENAME``, ports and mnesia folder), so it may kill and
restart them without touching the machine's shared servers. Then, per service, the processes
of docs/DEPLOYMENT.md: ``kinerja migrate``, gunicorn web, ``kinerja relay``, ``kinerja
consume``; the reporting Celery worker, integration's ``pekerja``, the SIASN sandbox as a
process, and the gateway (the shipped ``deploy/gateway/nginx.conf`` with only its addresses
and log paths changed). Every process runs in its own session; the supervisor thread restarts
any that exits, as Docker's ``restart: unless-stopped`` would.
"""
from __future__ import annotations

import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("identity", "skp", "penilaian", "keberatan", "angka_kredit", "integration",
            "reporting")
PREFIX = {s: s.replace("_", "-") for s in SERVICES}


def _pg_bindir() -> Path:
    """The server binaries (initdb, pg_ctl) are not on PATH on Debian: ask pg_config."""
    try:
        return Path(subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                                   check=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        return Path(shutil.which("initdb") or "initdb").parent


def _rabbit_bindir() -> Path:
    """The scripts themselves, not the wrapper on PATH (which switches to the rabbitmq user
    and drops our RABBITMQ_* settings): they live next to the wrapper the PATH link points to."""
    found = shutil.which("rabbitmq-server")
    return Path(os.path.realpath(found)).parent if found else Path(".")


PG_BIN = _pg_bindir()
RABBIT_BIN = _rabbit_bindir()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, *, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = condition()
        except Exception:  # noqa: BLE001 - a server still starting
            result = None
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError(f"timed out waiting for {what}")


def _pg_bin(name: str) -> str:
    found = PG_BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def _as_postgres(argv: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


@dataclass
class Proc:
    name: str
    kind: str  # web, relay, consumer, worker, pekerja, sandbox, gateway
    argv: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen | None = None
    restarts: int = 0

    def start(self) -> None:
        out = open(self.log, "ab")
        self.popen = subprocess.Popen(self.argv, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                      start_new_session=True, cwd=str(ROOT))
        out.close()

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def children(self) -> list[int]:
        """Direct children (gunicorn's workers, Celery's pool processes)."""
        if not self.alive():
            return []
        try:
            text = Path(f"/proc/{self.popen.pid}/task/{self.popen.pid}/children").read_text()
        except OSError:
            return []
        return [int(x) for x in text.split()]

    def stop(self, sig=signal.SIGTERM, wait: float = 15) -> None:
        if not self.alive():
            return
        try:
            os.killpg(self.popen.pid, sig)
        except ProcessLookupError:
            return
        try:
            self.popen.wait(wait)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(10)


@dataclass
class Cluster:
    workdir: Path
    web_workers: int = 2
    report_concurrency: int = 2
    admin_nip: str = "199001012020011001"
    admin_password: str = "rahasia-akhir-tahun"
    procs: list[Proc] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    urls: dict[str, str] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _paused: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # ---- servers -------------------------------------------------------------------------
    def start_postgres(self) -> None:
        self.pg_dir = self.workdir / "pg"
        self.pg_dir.mkdir(parents=True)
        self.pg_port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.pg_dir, "postgres", "postgres")
            self.workdir.chmod(0o755)
        subprocess.run(_as_postgres([_pg_bin("initdb"), "-D", str(self.pg_dir / "data"), "-U",
                                     "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"]),
                       check=True, capture_output=True)
        self._pg_start()
        for s in SERVICES:
            subprocess.run([_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.pg_port),
                            "-U", "postgres", s], check=True, capture_output=True)

    def _pg_start(self) -> None:
        log = self.pg_dir / "postgres.log"
        subprocess.run(_as_postgres([
            _pg_bin("pg_ctl"), "-D", str(self.pg_dir / "data"), "-l", str(log), "-w", "start",
            "-o", f"-p {self.pg_port} -c listen_addresses=127.0.0.1 -k {self.pg_dir} "
                  "-c max_connections=400 -c shared_buffers=512MB -c max_wal_size=4GB "
                  "-c synchronous_commit=on"]), check=True, capture_output=True)

    def restart_postgres(self) -> None:
        """An immediate stop (what a crash leaves: recovery from the WAL), then a start."""
        self.events.append(f"{time.strftime('%H:%M:%S')} PostgreSQL stopped (immediate) and restarted")
        subprocess.run(_as_postgres([_pg_bin("pg_ctl"), "-D", str(self.pg_dir / "data"), "-m",
                                     "immediate", "-w", "stop"]), capture_output=True)
        time.sleep(2)
        self._pg_start()

    def stop_postgres(self) -> None:
        subprocess.run(_as_postgres([_pg_bin("pg_ctl"), "-D", str(self.pg_dir / "data"), "-m",
                                     "fast", "-w", "stop"]), capture_output=True)

    def db_url(self, service: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.pg_port}/{service}"

    def start_rabbitmq(self) -> None:
        self.mq_dir = self.workdir / "rabbitmq"
        self.mq_dir.mkdir()
        self.mq_port, self.mq_dist = free_port(), free_port()
        self.mq_node = f"kinerja-yearend-{os.getpid()}@localhost"
        (self.mq_dir / "rabbitmq.conf").write_text(
            f"listeners.tcp.default = 127.0.0.1:{self.mq_port}\nloopback_users = none\n"
            "consumer_timeout = 10800000\n")
        (self.mq_dir / "enabled_plugins").write_text("[].\n")
        self.mq_env = {**os.environ, "RABBITMQ_NODENAME": self.mq_node,
                       "RABBITMQ_NODE_PORT": str(self.mq_port),
                       "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
                       "RABBITMQ_DIST_PORT": str(self.mq_dist),
                       "RABBITMQ_MNESIA_BASE": str(self.mq_dir / "mnesia"),
                       "RABBITMQ_LOG_BASE": str(self.mq_dir / "log"),
                       "RABBITMQ_CONFIG_FILE": str(self.mq_dir / "rabbitmq"),
                       "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.mq_dir / "enabled_plugins"),
                       "RABBITMQ_PID_FILE": str(self.mq_dir / "rabbitmq.pid")}
        self._mq_start()

    def _mq_start(self) -> None:
        out = open(self.mq_dir / "server.out", "ab")
        self.mq_proc = subprocess.Popen([str(RABBIT_BIN / "rabbitmq-server")], env=self.mq_env,
                                        stdout=out, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        out.close()
        def up():  # an AMQP connection (rabbitmqctl itself takes seconds on a busy machine)
            import pika
            conn = pika.BlockingConnection(pika.URLParameters(self.amqp_url + "?connection_attempts=1"
                                                              "&socket_timeout=5"))
            conn.close()
            return True
        wait_until(up, timeout=300, interval=1, what="RabbitMQ node")

    def restart_rabbitmq(self) -> None:
        self.events.append(f"{time.strftime('%H:%M:%S')} RabbitMQ stopped and restarted")
        self.stop_rabbitmq()
        self._mq_start()

    def stop_rabbitmq(self) -> None:
        try:
            subprocess.run([str(RABBIT_BIN / "rabbitmqctl"), "-n", self.mq_node, "-q", "stop"],
                           env=self.mq_env, capture_output=True, timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(self.mq_proc.pid, signal.SIGTERM)
        try:
            self.mq_proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(self.mq_proc.pid, signal.SIGKILL)
            self.mq_proc.wait(10)

    def rabbitmqctl(self, *args: str) -> str:
        return subprocess.run([str(RABBIT_BIN / "rabbitmqctl"), "-n", self.mq_node, "-q", *args],
                              env=self.mq_env, capture_output=True, text=True, timeout=60).stdout

    @property
    def amqp_url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.mq_port}/%2F"

    # ---- Kinerja processes ---------------------------------------------------------------
    def base_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
        env.update({"KINERJA_BUS": "rabbitmq", "KINERJA_AMQP_URL": self.amqp_url,
                    "KINERJA_JOBS": "celery", "KINERJA_LOG_FORMAT": "json",
                    "KINERJA_TRUSTED_PROXIES": "1",
                    "GUNICORN_CMD_ARGS": "--timeout 90 --graceful-timeout 30 --keep-alive 5 "
                                         "--forwarded-allow-ips=* --no-control-socket"})
        return env

    def service_env(self, service: str) -> dict[str, str]:
        env = self.base_env()
        env[f"KINERJA_{service.upper()}_DATABASE_URL"] = self.db_url(service)
        if "identity" in self.urls:
            env["KINERJA_JWKS_URL"] = self.urls["identity"] + "/.well-known/jwks.json"
        if service == "identity":
            env["KINERJA_ADMIN_NIP"] = self.admin_nip
            env["KINERJA_ADMIN_PASSWORD"] = self.admin_password
        if service == "integration":
            env.update(self.siasn_env)
        if service == "reporting":
            env["KINERJA_REPORTING_STORAGE"] = "local"
            env["KINERJA_REPORTING_STORAGE_DIR"] = str(self.workdir / "reporting-files")
            env["KINERJA_REPORTING_PUBLIC_URL"] = "http://127.0.0.1/api/reporting"
        return env

    def kinerja(self, service: str, *args: str, timeout: float = 600) -> str:
        r = subprocess.run([str(BIN / "kinerja"), *args], env=self.service_env(service),
                           capture_output=True, text=True, timeout=timeout, cwd=str(ROOT))
        if r.returncode != 0:
            raise RuntimeError(f"kinerja {' '.join(args)} failed:\n{r.stdout[-3000:]}\n"
                               f"{r.stderr[-3000:]}")
        return r.stdout

    def add(self, name: str, kind: str, argv: list[str], env: dict[str, str]) -> Proc:
        p = Proc(name, kind, argv, env, self.workdir / "logs" / f"{name}.log")
        p.start()
        with self._lock:
            self.procs.append(p)
        return p

    def start_sandbox(self, data_file: Path, creds: dict[str, str]) -> str:
        (self.workdir / "logs").mkdir(exist_ok=True)
        port = free_port()
        env = {**self.base_env(),
               **{f"KINERJA_INTEGRATION_SIASN_{k.upper()}": v for k, v in creds.items()},
               "KINERJA_INTEGRATION_DATABASE_URL": f"sqlite:///{self.workdir}/unused.db"}
        self.add("siasn-sandbox", "sandbox", [str(BIN / "kinerja"), "integration", "sandbox",
                                              "siasn", "--host", "127.0.0.1", "--port", str(port),
                                              "--data", str(data_file)], env)
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: requests.get(url + "/_sandbox/faults", timeout=2).ok, timeout=60,
                   what="SIASN sandbox")
        self.urls["siasn"] = url
        self.siasn_env = {f"KINERJA_INTEGRATION_SIASN_{k.upper()}": v for k, v in creds.items()}
        self.siasn_env["KINERJA_INTEGRATION_SIASN_URL"] = url
        self.siasn_env["KINERJA_INTEGRATION_POLL_INTERVAL"] = "0.5"
        return url

    def start_suite(self) -> None:
        (self.workdir / "logs").mkdir(exist_ok=True)
        (self.workdir / "reporting-files").mkdir(exist_ok=True)
        for s in SERVICES:
            self.kinerja(s, "migrate", s)
        ports = {s: free_port() for s in SERVICES}
        self.urls["identity"] = f"http://127.0.0.1:{ports['identity']}"
        for s in SERVICES:
            metrics = self.workdir / "metrics" / s
            metrics.mkdir(parents=True, exist_ok=True)
            env = {**self.service_env(s), "PROMETHEUS_MULTIPROC_DIR": str(metrics)}
            self.add(f"{s}-web", "web", [
                str(BIN / "gunicorn"), "-c", "python:kinerja_shared.runtime.gunicorn_conf",
                "--bind", f"127.0.0.1:{ports[s]}", "--workers", str(self.web_workers),
                f'kinerja_shared.runtime.wsgi:create_app("{s}")'], env)
            self.urls[s] = f"http://127.0.0.1:{ports[s]}"
            if s == "identity":  # the others fetch its JWKS
                wait_until(lambda: requests.get(self.urls[s] + "/readyz", timeout=2).ok,
                           timeout=120, what="identity web")
        for s in SERVICES:
            wait_until(lambda s=s: requests.get(self.urls[s] + "/readyz", timeout=2).ok,
                       timeout=180, what=f"{s} web")
            self.add(f"{s}-relay", "relay", [str(BIN / "kinerja"), "relay", s],
                     self.service_env(s))
            self.add(f"{s}-consumer", "consumer", [str(BIN / "kinerja"), "consume", s],
                     self.service_env(s))
        self.add("reporting-worker", "worker", [
            str(BIN / "kinerja"), "worker", "reporting", "--concurrency",
            str(self.report_concurrency)], self.service_env("reporting"))
        self.add("integration-pekerja", "pekerja", [str(BIN / "kinerja"), "integration",
                                                    "pekerja"], self.service_env("integration"))
        gateway, ui = free_port(), free_port()
        # the web UI (docker-compose's `web`): its own gunicorn, calling the services through
        # the gateway (KINERJA_WEB_API_URL without {service}); the gateway sends it every path
        # that is not /api/...
        self.add("web-ui", "web", [
            str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{ui}", "--workers",
            str(self.web_workers), "--timeout", "90", "--forwarded-allow-ips=*",
            "kinerja_web.app:wsgi_app()"], {
                **self.base_env(), "KINERJA_WEB_API_URL": f"http://127.0.0.1:{gateway}",
                "KINERJA_WEB_SECRET_KEY": secrets.token_urlsafe(32),
                "KINERJA_WEB_COOKIE_SECURE": "0"})
        self.urls["web-ui"] = f"http://127.0.0.1:{ui}"
        self.start_gateway(ports, port=gateway, ui_port=ui)
        wait_until(lambda: requests.get(self.urls["gateway"] + "/masuk", timeout=5).ok,
                   timeout=120, what="web UI through the gateway")

    def start_gateway(self, ports: dict[str, int], *, port: int, ui_port: int) -> None:
        gw = self.workdir / "gateway"
        gw.mkdir()
        gw.chmod(0o755)
        conf = (ROOT / "deploy" / "gateway" / "nginx.conf").read_text()

        def once(text: str, old: str, new: str) -> str:
            assert text.count(old) == 1, old
            return text.replace(old, new)

        conf = once(conf, "listen 8080;", f"listen 127.0.0.1:{port};")
        conf = once(conf, "error_log /dev/stderr warn;", f"error_log {gw}/error.log warn;")
        conf = once(conf, "access_log /dev/stdout kinerja_json;", "access_log off;")
        temp = "".join(f"    {k}_temp_path {gw}/{k};\n"
                       for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf = once(conf, "\nhttp {\n", f"\nhttp {{\n{temp}")
        conf = once(conf, "worker_processes auto;", "worker_processes 1;")
        for s, p in ports.items():
            conf = once(conf, f"set $kinerja_backend {PREFIX[s]}:8000;",
                        f"set $kinerja_backend 127.0.0.1:{p};")
        conf = once(conf, "set $kinerja_backend web:8000;",
                    f"set $kinerja_backend 127.0.0.1:{ui_port};")
        (gw / "nginx.conf").write_text(conf)
        nginx = shutil.which("nginx") or shutil.which("nginx", path=os.pathsep.join(
            ("/usr/sbin", "/sbin"))) or "nginx"
        self.add("gateway", "gateway", [nginx, "-e", str(gw / "error.log"), "-p", str(gw), "-c",
                                        str(gw / "nginx.conf"), "-g",
                                        f"daemon off; pid {gw}/nginx.pid;"], dict(os.environ))
        self.urls["gateway"] = f"http://127.0.0.1:{port}"
        wait_until(lambda: requests.get(self.urls["gateway"] + "/healthz", timeout=2).ok,
                   timeout=30, what="gateway")

    # ---- supervision ---------------------------------------------------------------------
    def supervise(self) -> threading.Thread:
        def loop():
            while not self._stop.is_set():
                with self._lock:
                    procs = list(self.procs)
                for p in procs:
                    if p.name in self._paused or p.alive():
                        continue
                    p.restarts += 1
                    time.sleep(1)  # Docker's restart delay, roughly
                    p.start()
                self._stop.wait(0.5)
        t = threading.Thread(target=loop, daemon=True, name="supervisor")
        t.start()
        return t

    def chaos_kill(self, rng: random.Random) -> str:
        """SIGKILL one random relay, consumer, web worker or Celery worker (pool process or the
        whole worker); the supervisor (or gunicorn's master, or Celery's) restarts it."""
        choices = [p for p in self.procs if p.kind in ("relay", "consumer", "web", "worker",
                                                       "pekerja")]
        p = rng.choice(choices)
        if p.kind == "web" or (p.kind == "worker" and rng.random() < 0.5):
            kids = p.children()
            if kids:
                pid = rng.choice(kids)
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                what = f"SIGKILL {p.name} child {pid}"
                self.events.append(f"{time.strftime('%H:%M:%S')} {what}")
                return what
        if p.alive():
            os.killpg(p.popen.pid, signal.SIGKILL)
        what = f"SIGKILL {p.name}"
        self.events.append(f"{time.strftime('%H:%M:%S')} {what}")
        return what

    def shutdown(self) -> None:
        self._stop.set()
        for p in self.procs:  # all at once, then wait for each
            if p.alive():
                try:
                    os.killpg(p.popen.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for p in reversed(self.procs):
            p.stop()
        try:
            self.stop_rabbitmq()
        except Exception:  # noqa: BLE001
            pass
        try:
            self.stop_postgres()
        except Exception:  # noqa: BLE001
            pass

    def logs_tail(self, n: int = 8) -> str:
        """The last ``n`` ERROR lines of each process log."""
        out = []
        for p in sorted((self.workdir / "logs").glob("*.log")):
            bad = [line[:600] for line in p.read_text(errors="replace").splitlines()
                   if '"ERROR"' in line or "Traceback" in line]
            if bad:
                out.append(f"--- {p.name}\n" + "\n".join(bad[-n:]))
        return "\n".join(out)


def make_workdir() -> Path:
    d = Path(tempfile.mkdtemp(prefix="kinerja-yearend-"))
    d.chmod(0o755)
    return d
