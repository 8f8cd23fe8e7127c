"""The production deployment files agree with the services that exist.

- docker-compose.yml: per service a web, relay, consumer and one-shot migrate entry with the
  right command, its own database and the RabbitMQ bus; workers for reporting and integration;
  no secret in the file, every required variable in .env.example; web containers run gunicorn
  with the metrics config module and PROMETHEUS_MULTIPROC_DIR on a tmpfs (k8s: an emptyDir).
- deploy/postgres/init-databases.sh: creates one database per service (run for real against
  the test PostgreSQL, with throwaway names).
- deploy/gateway/nginx.conf: routes every service's prefix and never a service's /metrics, and
  everything else to the web UI with the path unchanged;
  checked by `nginx -t` and by a real nginx in front of small local backends (needs nginx:
  listed in system-packages.txt, which `make test` installs when missing).
- deploy/k8s/: generated from deploy/k8s/generate.py and up to date; every manifest parses;
  web Deployments carry readiness/liveness probes.
"""
from __future__ import annotations

import http.client
import importlib.util
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import requests
import yaml

from kinerja_shared.runtime.definition import SERVICE_ORDER, load_definitions

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
NGINX_CONF = ROOT / "deploy" / "gateway" / "nginx.conf"
INIT_SCRIPT = ROOT / "deploy" / "postgres" / "init-databases.sh"
K8S = ROOT / "deploy" / "k8s"
WORKER_SERVICES = ["integration", "reporting"]
NGINX_MISSING = ("nginx is not installed, so the gateway config cannot be checked for real. "
                 "`make test` installs it (scripts/system-deps.sh, system-packages.txt); "
                 "by hand: `apt-get update && apt-get install -y nginx`.")

PREFIX = {name: d.url_prefix for name, d in load_definitions().items()}


def db_key(name: str) -> str:
    return f"KINERJA_{name.upper()}_DATABASE_URL"


# --- docker-compose.yml ----------------------------------------------------------------------

_VAR = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")


def interpolate(value, env: dict[str, str]):
    """Compose's ${VAR}, ${VAR:-default}, ${VAR:?error} and $$, enough for this file."""
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def sub(m: re.Match) -> str:
        if m.group(0) == "$$":
            return "$"
        name, op, arg = m.group(1), m.group(2), m.group(3)
        current = env.get(name)
        missing = current is None or (current == "" and op and op.startswith(":"))
        if op and op.endswith("?") and missing:
            raise KeyError(f"{name}: {arg}")
        if op and op.endswith("-") and missing:
            return arg
        return current or ""

    return _VAR.sub(sub, value)


def env_example() -> dict[str, str]:
    env = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip()
    return env


@pytest.fixture(scope="module")
def compose() -> dict:
    return interpolate(yaml.safe_load(COMPOSE.read_text()), env_example())["services"]


def command(entry: dict) -> list[str]:
    cmd = entry["command"]
    return cmd if isinstance(cmd, list) else cmd.split()


def test_every_service_is_installed():
    assert list(PREFIX) == SERVICE_ORDER


@pytest.mark.parametrize("name", SERVICE_ORDER)
def test_compose_runs_web_relay_consumer_after_migrate(compose, name):
    prefix = PREFIX[name]
    web, migrate = compose[prefix], compose[f"{prefix}-migrate"]
    assert command(web)[0] == "gunicorn"
    assert "0.0.0.0:8000" in command(web)
    assert command(web)[-1] == f'kinerja_shared.runtime.wsgi:create_app("{name}")'
    assert command(compose[f"{prefix}-relay"]) == ["kinerja", "relay", name]
    assert command(compose[f"{prefix}-consumer"]) == ["kinerja", "consume", name]
    assert command(migrate) == ["kinerja", "migrate", name]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["postgres"] == {"condition": "service_healthy"}
    assert "/readyz" in " ".join(web["healthcheck"]["test"])
    for process in (prefix, f"{prefix}-relay", f"{prefix}-consumer"):
        depends = compose[process]["depends_on"]
        assert depends[f"{prefix}-migrate"] == {"condition": "service_completed_successfully"}
        assert depends["rabbitmq"] == {"condition": "service_healthy"}


@pytest.mark.parametrize("name", SERVICE_ORDER)
def test_compose_gives_each_process_its_own_database_and_the_rabbitmq_bus(compose, name):
    prefix = PREFIX[name]
    processes = [prefix, f"{prefix}-relay", f"{prefix}-consumer", f"{prefix}-migrate"]
    if name in WORKER_SERVICES:
        processes.append(f"{prefix}-worker")
    for process in processes:
        env = compose[process]["environment"]
        url = urlsplit(env[db_key(name)])
        assert (url.scheme, url.hostname, url.port, url.path) == (
            "postgresql", "postgres", 5432, f"/{name}"), process
        others = [db_key(n) for n in SERVICE_ORDER if n != name]
        assert not set(others) & set(env), f"{process} sees another service's database"
        assert env["KINERJA_BUS"] == "rabbitmq"
        amqp = urlsplit(env["KINERJA_AMQP_URL"])
        assert (amqp.scheme, amqp.hostname, amqp.port) == ("amqp", "rabbitmq", 5672)
        assert env["KINERJA_JWKS_URL"] == "http://identity:8000/.well-known/jwks.json"
        assert env["KINERJA_JOBS"] == "celery"
        assert env["KINERJA_LOG_FORMAT"] == "json"
        assert ("KINERJA_ADMIN_PASSWORD" in env) == (name == "identity")


@pytest.mark.parametrize("name", WORKER_SERVICES)
def test_compose_runs_celery_workers_for_services_with_jobs(compose, name):
    worker = compose[f"{PREFIX[name]}-worker"]
    assert command(worker)[:3] == ["kinerja", "worker", name]
    assert worker["depends_on"][f"{PREFIX[name]}-migrate"] == {
        "condition": "service_completed_successfully"}


def test_compose_infrastructure(compose):
    rabbit, pg, gateway = compose["rabbitmq"], compose["postgres"], compose["gateway"]
    assert rabbit["image"] == "rabbitmq:3.13-management"
    assert rabbit["healthcheck"]["test"]
    assert pg["image"].startswith("postgres:15")
    assert pg["healthcheck"]["test"]
    assert any(v.startswith("./deploy/postgres/init-databases.sh:/docker-entrypoint-initdb.d/")
               for v in pg["volumes"])
    assert "./deploy/gateway/nginx.conf:/etc/nginx/nginx.conf:ro" in gateway["volumes"]
    assert any(str(p).endswith(":8080") for p in gateway["ports"])
    kinerja = {k for k, v in compose.items() if v.get("image", "").startswith("kinerja")}
    expected = {f"{PREFIX[n]}{suffix}" for n in SERVICE_ORDER
                for suffix in ("", "-relay", "-consumer", "-migrate")}
    expected |= {f"{PREFIX[n]}-worker" for n in WORKER_SERVICES}
    expected |= {"web"}
    # integration's sync worker, and its sandboxes (profile "sandbox")
    expected |= {"integration-pekerja", "siasn-sandbox", "pmm-sandbox"}
    assert kinerja == expected


def test_compose_runs_the_web_ui_behind_the_gateway(compose):
    """Its own gunicorn, no database, the services' containers as its API, a secret key from
    .env, no published port; the gateway starts after it."""
    web = compose["web"]
    assert command(web)[0] == "gunicorn" and command(web)[-1] == "kinerja_web.app:wsgi_app()"
    assert "ports" not in web and "8000" in web["expose"]
    env = web["environment"]
    assert env["KINERJA_WEB_API_URL"] == "http://{service}:8000"
    assert env["KINERJA_WEB_SECRET_KEY"] == "CHANGE_ME"  # from .env.example
    assert not [k for k in env if k.endswith("_DATABASE_URL") or k == "KINERJA_AMQP_URL"]
    assert "web" in compose["gateway"]["depends_on"]


def test_compose_keeps_metrics_inside_its_network(compose):
    """Web containers publish no port (the gateway is the way in, and it hides /metrics);
    the optional token reaches them from .env."""
    for name in SERVICE_ORDER:
        web = compose[PREFIX[name]]
        assert "ports" not in web and "8000" in web["expose"]
        assert web["environment"]["KINERJA_METRICS_TOKEN"] == ""  # empty in .env.example
    assert "KINERJA_METRICS_TOKEN" in env_example()
    raw = yaml.safe_load(COMPOSE.read_text())["services"]
    env = interpolate(raw, {**env_example(), "KINERJA_METRICS_TOKEN": "t0ken"})
    assert env["skp"]["environment"]["KINERJA_METRICS_TOKEN"] == "t0ken"


GUNICORN_CONF = "python:kinerja_shared.runtime.gunicorn_conf"


def test_compose_web_metrics_add_up_every_gunicorn_worker(compose):
    """The gunicorn config module (PROMETHEUS_MULTIPROC_DIR emptied at start, dead workers
    marked) and the directory on a tmpfs of the web container; the other processes keep their
    metrics in-process (tests-e2e/test_metrics_workers.py runs it for real)."""
    for name in SERVICE_ORDER:
        prefix = PREFIX[name]
        web = compose[prefix]
        cmd = command(web)
        assert cmd[cmd.index("-c") + 1] == GUNICORN_CONF
        metrics_dir = web["environment"]["PROMETHEUS_MULTIPROC_DIR"]
        assert [t.partition(":")[0] for t in web["tmpfs"]] == [metrics_dir]
        for other in (f"{prefix}-relay", f"{prefix}-consumer", f"{prefix}-migrate"):
            assert "PROMETHEUS_MULTIPROC_DIR" not in compose[other]["environment"], other


def test_gunicorn_accepts_the_web_arguments_and_outlasts_the_gateway(compose):
    from gunicorn.config import Config

    args = compose["skp"]["environment"]["GUNICORN_CMD_ARGS"]
    k8s_config = find(k8s_documents(), "ConfigMap", "kinerja-config")["data"]
    assert k8s_config["GUNICORN_CMD_ARGS"] == args
    # the pinned gunicorn's own parser: an unknown option exits
    parsed = Config().parser().parse_args(shlex.split(args) + command(compose["skp"])[1:])
    read_timeout = re.search(r"proxy_read_timeout (\d+)s;", NGINX_CONF.read_text()).group(1)
    assert parsed.timeout > int(read_timeout)  # the gateway answers 504 before a worker dies
    assert parsed.control_socket_disable


def test_compose_keeps_secrets_in_the_env_file():
    raw = yaml.safe_load(COMPOSE.read_text())
    # every password is a required variable, never a literal
    for line in COMPOSE.read_text().splitlines():
        if re.search(r"PASS(WORD)?\b.*:", line) and not line.lstrip().startswith("#"):
            assert "${" in line, line
    for url_line in re.findall(r"(?:postgresql|amqp)://[^@\n]+@", COMPOSE.read_text()):
        assert re.search(r":\$\{[A-Z_]+PASSWORD:\?[^}]+\}@", url_line), url_line
    # .env.example provides every required variable, with placeholders only
    env = env_example()
    interpolate(raw, env)  # raises KeyError on a required variable it lacks
    with pytest.raises(KeyError):
        interpolate(raw, {})
    for key, value in env.items():
        if "PASSWORD" in key or key.endswith("_NIP"):
            assert value == "CHANGE_ME", key


def test_init_script_creates_every_service_database():
    default = re.search(r'KINERJA_DATABASES:-([^}"]+)', INIT_SCRIPT.read_text()).group(1)
    assert default.split() == SERVICE_ORDER
    assert os.access(INIT_SCRIPT, os.X_OK)


def test_init_script_runs_against_postgres_and_is_idempotent(pg_server_url):
    import psycopg

    url = urlsplit(pg_server_url)
    names = [f"kinerja_init_{uuid.uuid4().hex[:8]}_{i}" for i in range(2)]
    env = {**os.environ, "PGHOST": url.hostname or "127.0.0.1", "PGPORT": str(url.port or 5432),
           "PGPASSWORD": unquote(url.password or ""), "POSTGRES_USER": unquote(url.username),
           "KINERJA_DATABASES": " ".join(names)}
    conninfo = pg_server_url.replace("postgresql+psycopg://", "postgresql://")
    try:
        for _ in range(2):  # a second run leaves existing databases alone
            run = subprocess.run(["bash", str(INIT_SCRIPT)], env=env, capture_output=True,
                                 text=True, timeout=60)
            assert run.returncode == 0, run.stderr
        assert "exists" in run.stdout
        with psycopg.connect(conninfo, autocommit=True) as conn:
            found = {r[0] for r in conn.execute(
                "SELECT datname FROM pg_database WHERE datname = ANY(%s)", (names,))}
        assert found == set(names)
        bad = subprocess.run(["bash", str(INIT_SCRIPT)], capture_output=True, text=True,
                             env={**env, "KINERJA_DATABASES": "x; DROP DATABASE postgres"})
        assert bad.returncode != 0 and "invalid database name" in bad.stderr
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


# --- the gateway: parsed ---------------------------------------------------------------------

def location_block(conf: str, prefix: str) -> str:
    m = re.search(r"location /api/%s/ \{(.*?)\}" % re.escape(prefix), conf, re.S)
    assert m, f"no location for /api/{prefix}/ in nginx.conf"
    return m.group(1)


@pytest.mark.parametrize("name", SERVICE_ORDER)
def test_gateway_routes_the_service_prefix_to_its_web_container(compose, name):
    prefix = PREFIX[name]
    block = location_block(NGINX_CONF.read_text(), prefix)
    assert re.search(r"set \$kinerja_backend %s:8000;" % re.escape(prefix), block)
    assert f"rewrite ^/api/{prefix}(/.*)$ $1 break;" in block
    assert "proxy_pass http://$kinerja_backend;" in block
    assert f"set $kinerja_prefix /api/{prefix};" in block
    assert "8000" in compose[prefix]["expose"]


def test_gateway_passes_ids_limits_body_and_logs_json():
    conf = NGINX_CONF.read_text()
    assert re.search(r"^\s*listen 8080;", conf, re.M)
    assert "proxy_set_header X-Request-ID $kinerja_request_id;" in conf
    assert "proxy_set_header X-Correlation-ID $kinerja_correlation_id;" in conf
    assert re.search(r"client_max_body_size \d+m;", conf)
    for directive in ("proxy_connect_timeout", "proxy_read_timeout", "client_body_timeout"):
        assert re.search(rf"{directive} \d+s;", conf), directive
    assert "log_format kinerja_json escape=json" in conf
    assert "access_log /dev/stdout kinerja_json;" in conf


# --- the gateway: a real nginx ---------------------------------------------------------------

def nginx_binary() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if not found:
        pytest.fail(NGINX_MISSING, pytrace=False)
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Backend(BaseHTTPRequestHandler):
    """Answers with what it received, as JSON; ``service`` is set per server."""
    service = "?"
    protocol_version = "HTTP/1.1"

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        data = json.dumps({"service": self.service, "method": self.command, "path": self.path,
                           "headers": dict(self.headers), "body_length": len(body)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

    def log_message(self, *args):  # quiet
        pass


def start_backend(service: str) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), type(f"Backend_{service}", (Backend,),
                                                             {"service": service}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def local_config(conf: str, workdir: Path, port: int, backends: dict[str, int]) -> str:
    """The production file with only its addresses and log/temp paths changed."""
    def replace_once(text: str, old: str, new: str) -> str:
        assert text.count(old) == 1, f"expected one {old!r} in nginx.conf"
        return text.replace(old, new)

    conf = replace_once(conf, "listen 8080;", f"listen 127.0.0.1:{port};")
    conf = replace_once(conf, "error_log /dev/stderr warn;", f"error_log {workdir}/error.log info;")
    conf = replace_once(conf, "access_log /dev/stdout kinerja_json;",
                        f"access_log {workdir}/access.log kinerja_json;")
    temp = "".join(f"    {kind}_temp_path {workdir}/{kind};\n"
                   for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = replace_once(conf, "\nhttp {\n", f"\nhttp {{\n{temp}")
    for prefix, backend_port in backends.items():
        conf = replace_once(conf, f"set $kinerja_backend {prefix}:8000;",
                            f"set $kinerja_backend 127.0.0.1:{backend_port};")
    return conf


class Gateway:
    def __init__(self, backends: dict[str, int]):
        self.nginx = nginx_binary()
        # workers may drop to "nobody": the directory must be reachable for them
        self.workdir = Path(tempfile.mkdtemp(prefix="kinerja-gateway-"))
        self.workdir.chmod(0o755)
        self.port = free_port()
        self.conf = self.workdir / "nginx.conf"
        self.conf.write_text(local_config(NGINX_CONF.read_text(), self.workdir, self.port,
                                         backends))
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def args(self, *extra: str) -> list[str]:
        return [self.nginx, "-e", str(self.workdir / "error.log"), "-p", str(self.workdir),
                "-c", str(self.conf), *extra]

    def start(self) -> "Gateway":
        check = subprocess.run(self.args("-t", "-g", f"pid {self.workdir}/nginx.pid;"),
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.proc = subprocess.Popen(
            self.args("-g", f"daemon off; pid {self.workdir}/nginx.pid;"),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"nginx exited: {self.proc.stdout.read().decode()}"
                            f"{(self.workdir / 'error.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        pytest.fail("nginx did not start listening")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def access_log(self) -> list[dict]:
        lines = (self.workdir / "access.log").read_text().splitlines()
        return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def gateway():
    servers = {PREFIX[name]: start_backend(name) for name in SERVICE_ORDER}
    servers["web"] = start_backend("web")
    gw = Gateway({p: s.server_address[1] for p, s in servers.items()})
    try:
        yield gw.start()
    finally:
        gw.stop()
        for server in servers.values():
            server.shutdown()
            server.server_close()


def test_nginx_accepts_the_shipped_config_as_it_is():
    workdir = Path(tempfile.mkdtemp(prefix="kinerja-nginx-t-"))
    try:
        run = subprocess.run([nginx_binary(), "-t", "-e", "stderr", "-p", str(workdir),
                              "-c", str(NGINX_CONF), "-g", f"pid {workdir}/nginx.pid;"],
                             capture_output=True, text=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    assert run.returncode == 0, run.stderr
    assert "test is successful" in run.stderr


@pytest.mark.parametrize("name", SERVICE_ORDER)
def test_gateway_strips_the_prefix_and_reaches_the_service(gateway, name):
    r = requests.get(f"{gateway.base}/api/{PREFIX[name]}/v1/things/7?x=1&y=a%20b", timeout=5)
    assert r.status_code == 200
    seen = r.json()
    assert seen["service"] == name
    assert seen["path"] == "/v1/things/7?x=1&y=a%20b"
    assert seen["headers"]["X-Forwarded-Prefix"] == f"/api/{PREFIX[name]}"


def test_gateway_routes_skp_x_to_the_skp_backend_as_x(gateway):
    seen = requests.get(f"{gateway.base}/api/skp/x", timeout=5).json()
    assert (seen["service"], seen["path"]) == ("skp", "/x")
    seen = requests.get(f"{gateway.base}/api/angka-kredit/", timeout=5).json()
    assert (seen["service"], seen["path"]) == ("angka_kredit", "/")


def test_gateway_passes_request_and_correlation_ids(gateway):
    seen = requests.get(f"{gateway.base}/api/penilaian/healthz", timeout=5,
                        headers={"X-Request-ID": "req-1", "X-Correlation-ID": "corr-9"}).json()
    assert seen["headers"]["X-Request-ID"] == "req-1"
    assert seen["headers"]["X-Correlation-ID"] == "corr-9"
    # none given: a fresh request id, which is also the correlation id
    seen = requests.get(f"{gateway.base}/api/penilaian/healthz", timeout=5).json()
    rid = seen["headers"]["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", rid)
    assert seen["headers"]["X-Correlation-ID"] == rid
    # junk is replaced, not passed on
    seen = requests.get(f"{gateway.base}/api/penilaian/healthz", timeout=5,
                        headers={"X-Request-ID": "x" * 300}).json()
    assert re.fullmatch(r"[0-9a-f]{32}", seen["headers"]["X-Request-ID"])


def test_gateway_writes_json_access_logs(gateway):
    requests.get(f"{gateway.base}/api/keberatan/log-me", timeout=5,
                 headers={"X-Request-ID": "log-1"})
    deadline = time.monotonic() + 5  # nginx logs after it has answered
    while not (entries := [e for e in gateway.access_log() if e["request_id"] == "log-1"]):
        assert time.monotonic() < deadline, "no access log line for the request"
        time.sleep(0.05)
    entry = entries[-1]
    assert entry["uri"] == "/api/keberatan/log-me"
    assert entry["status"] == 200
    assert entry["correlation_id"] == "log-1"
    assert entry["upstream_addr"].startswith("127.0.0.1:")


def test_gateway_accepts_bodies_up_to_the_limit_and_refuses_bigger_ones(gateway):
    seen = requests.post(f"{gateway.base}/api/penilaian/bukti", data=b"x" * (2 * 1024 * 1024),
                         timeout=10).json()
    assert seen["body_length"] == 2 * 1024 * 1024
    with socket.create_connection(("127.0.0.1", gateway.port), timeout=5) as s:
        s.sendall(b"POST /api/penilaian/bukti HTTP/1.1\r\nHost: kinerja\r\n"
                  b"Content-Type: application/octet-stream\r\n"
                  b"Content-Length: 20971520\r\nConnection: close\r\n\r\n")
        # nginx answers at once, then lingers for the body: read just the answer
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += s.recv(65536)
        head, _, body = answer.partition(b"\r\n\r\n")
        length = int(re.search(rb"Content-Length: (\d+)", head).group(1))
        while len(body) < length:
            body += s.recv(65536)
    assert head.startswith(b"HTTP/1.1 413")
    assert b"Content-Type: application/problem+json" in head
    assert json.loads(body)["status"] == 413


def test_gateway_sends_every_other_path_to_the_web_ui_unchanged(gateway):
    for path in ("/", "/masuk?lanjut=/skp", "/skp/abc/rhk", "/static/app.css", "/apix"):
        r = requests.get(f"{gateway.base}{path}", timeout=5,
                         headers={"X-Forwarded-For": "203.0.113.9"})
        assert r.status_code == 200, path
        seen = r.json()
        assert seen["service"] == "web" and seen["path"] == path
        assert seen["headers"]["X-Forwarded-For"].startswith("203.0.113.9")
    r = requests.post(f"{gateway.base}/skp", data={"a": "b"}, timeout=5)
    assert r.json()["service"] == "web" and r.json()["method"] == "POST"


def test_gateway_answers_problem_json_for_unknown_paths(gateway):
    r = requests.get(f"{gateway.base}/api/tidak-ada/x", timeout=5)
    assert r.status_code == 404
    assert r.headers["Content-Type"] == "application/problem+json"
    assert r.json()["type"].endswith("/not-found")
    assert requests.get(f"{gateway.base}/healthz", timeout=5).json()["status"] == "ok"
    r = requests.get(f"{gateway.base}/api/skp", timeout=5, allow_redirects=False)
    assert r.status_code == 301 and r.headers["Location"] == "/api/skp/"


def raw_request(gateway, method: str, path: str, headers: dict | None = None):
    """Send ``path`` exactly as written (requests would resolve "." and ".." itself)."""
    conn = http.client.HTTPConnection("127.0.0.1", gateway.port, timeout=5)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.getheader("Content-Type"), resp.read()
    finally:
        conn.close()


@pytest.mark.parametrize("name", SERVICE_ORDER)
def test_gateway_does_not_expose_a_services_metrics(gateway, name):
    r = requests.get(f"{gateway.base}/api/{PREFIX[name]}/metrics", timeout=5)
    assert r.status_code == 404
    assert r.headers["Content-Type"] == "application/problem+json"
    assert r.json()["type"].endswith("/not-found") and "service" not in r.json()


@pytest.mark.parametrize("path", [
    "/api/skp/metrics/", "/api/skp//metrics", "/api/skp/./metrics", "/api/skp/x/../metrics",
    "/api/skp/%6Detrics", "/api/skp/%6d%65trics", "/api/skp/METRICS", "/api/skp/metrics?x=1",
    "//api/skp/metrics", "/api/skp/metrics%2F", "/api/tidak-ada/metrics",
])
def test_no_spelling_of_a_metrics_path_reaches_a_service(gateway, path):
    for method in ("GET", "HEAD", "POST"):
        status, content_type, body = raw_request(gateway, method, path)
        assert status == 404, (method, path)
        assert content_type == "application/problem+json"
        if method != "HEAD":
            assert b'"service"' not in body, (method, path)


def test_gateway_still_routes_paths_that_merely_mention_metrics(gateway):
    for path, seen_path in (("/api/reporting/v1/metrics", "/v1/metrics"),
                            ("/api/skp/metrics-saya", "/metrics-saya")):
        seen = requests.get(f"{gateway.base}{path}", timeout=5).json()
        assert seen["path"] == seen_path


def test_gateway_answers_problem_json_when_a_service_is_down():
    servers = {PREFIX[name]: start_backend(name) for name in SERVICE_ORDER}
    backends = {p: s.server_address[1] for p, s in servers.items()}
    backends["reporting"] = free_port()  # nothing listens there
    gw = Gateway(backends).start()
    try:
        r = requests.get(f"{gw.base}/api/reporting/v1/laporan", timeout=10)
        assert r.status_code == 502
        assert r.headers["Content-Type"] == "application/problem+json"
        assert r.json()["status"] == 502
        assert requests.get(f"{gw.base}/api/skp/x", timeout=5).json()["service"] == "skp"
    finally:
        gw.stop()
        for server in servers.values():
            server.shutdown()
            server.server_close()


# --- Kubernetes ------------------------------------------------------------------------------

def load_generator():
    spec = importlib.util.spec_from_file_location("kinerja_k8s_generate", K8S / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def k8s_documents() -> list[dict]:
    docs = []
    for path in sorted(K8S.rglob("*.yaml")):
        docs += [d for d in yaml.safe_load_all(path.read_text()) if d]
    return docs


def find(docs: list[dict], kind: str, name: str) -> dict:
    matches = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(matches) == 1, f"{kind}/{name}: {len(matches)} found"
    return matches[0]


def main_container(doc: dict) -> dict:
    return doc["spec"]["template"]["spec"]["containers"][0]


def test_k8s_manifests_are_generated_and_up_to_date(tmp_path):
    generator = load_generator()
    assert [(s.name, s.prefix) for s in generator.SERVICES] == list(PREFIX.items())
    assert sorted(s.name for s in generator.SERVICES if s.worker) == WORKER_SERVICES
    generator.main(tmp_path)
    fresh = {p.relative_to(tmp_path) for p in tmp_path.rglob("*.yaml")}
    committed = {p.relative_to(K8S) for p in K8S.rglob("*.yaml")}
    assert committed == fresh
    stale = [str(p) for p in fresh if (tmp_path / p).read_text() != (K8S / p).read_text()]
    assert not stale, f"run `python deploy/k8s/generate.py`: {stale} are out of date"


def test_k8s_kustomizations_list_existing_files():
    for kustomization in K8S.rglob("kustomization.yaml"):
        for resource in yaml.safe_load(kustomization.read_text())["resources"]:
            assert (kustomization.parent / resource).is_file(), (kustomization, resource)


@pytest.mark.parametrize("name", SERVICE_ORDER)
def test_k8s_runs_each_service_with_probes_relay_consumer_and_migration(name):
    docs, prefix = k8s_documents(), PREFIX[name]
    web = main_container(find(docs, "Deployment", prefix))
    assert web["command"][-1] == f'kinerja_shared.runtime.wsgi:create_app("{name}")'
    assert web["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert web["livenessProbe"]["httpGet"]["path"] == "/healthz"
    service = find(docs, "Service", prefix)
    assert service["spec"]["ports"][0]["port"] == 8000
    assert service["spec"]["selector"] == find(docs, "Deployment", prefix)["spec"]["selector"][
        "matchLabels"]
    relay = main_container(find(docs, "Deployment", f"{prefix}-relay"))
    consumer = main_container(find(docs, "Deployment", f"{prefix}-consumer"))
    job = find(docs, "Job", f"{prefix}-migrate")
    assert relay["command"] == ["kinerja", "relay", name]
    assert consumer["command"] == ["kinerja", "consume", name]
    assert main_container(job)["command"] == ["kinerja", "migrate", name]
    route = find(docs, "HTTPRoute", prefix)["spec"]["rules"][-1]
    assert route["matches"][0]["path"] == {"type": "PathPrefix", "value": f"/api/{prefix}"}
    assert route["backendRefs"] == [{"name": prefix, "port": 8000}]
    for container in (web, relay, consumer, main_container(job)):
        secret_keys = {e["valueFrom"]["secretKeyRef"]["key"] for e in container["env"]
                       if "valueFrom" in e}
        assert db_key(name) in secret_keys and "KINERJA_AMQP_URL" in secret_keys
        assert not {db_key(n) for n in SERVICE_ORDER if n != name} & secret_keys


@pytest.mark.parametrize("name", SERVICE_ORDER)
def test_k8s_keeps_metrics_inside_the_cluster(name):
    docs, prefix = k8s_documents(), PREFIX[name]
    hidden = find(docs, "HTTPRoute", prefix)["spec"]["rules"][0]
    assert [m["path"] for m in hidden["matches"]] == [
        {"type": "Exact", "value": f"/api/{prefix}/metrics"},
        {"type": "Exact", "value": f"/api/{prefix}/metrics/"}]
    rewrite = hidden["filters"][0]["urlRewrite"]["path"]
    assert rewrite["type"] == "ReplaceFullPath"
    assert rewrite["replaceFullPath"] != "/metrics"  # a path the service answers 404 for
    web = find(docs, "Deployment", prefix)
    annotations = web["spec"]["template"]["metadata"]["annotations"]
    assert annotations == {"prometheus.io/scrape": "true", "prometheus.io/port": "8000",
                           "prometheus.io/path": "/metrics"}
    token = [e for e in main_container(web)["env"] if e["name"] == "KINERJA_METRICS_TOKEN"]
    assert token[0]["valueFrom"]["secretKeyRef"] == {
        "name": "kinerja-secrets", "key": "KINERJA_METRICS_TOKEN", "optional": True}


@pytest.mark.parametrize("name", SERVICE_ORDER)
def test_k8s_web_metrics_add_up_every_gunicorn_worker(name):
    """As in compose: the config module, PROMETHEUS_MULTIPROC_DIR on an emptyDir (the root
    filesystem is read-only)."""
    docs, prefix = k8s_documents(), PREFIX[name]
    pod = find(docs, "Deployment", prefix)["spec"]["template"]["spec"]
    web = pod["containers"][0]
    assert web["command"][web["command"].index("-c") + 1] == GUNICORN_CONF
    assert web["securityContext"]["readOnlyRootFilesystem"] is True
    metrics_dir = next(e["value"] for e in web["env"] if e["name"] == "PROMETHEUS_MULTIPROC_DIR")
    mount = next(m for m in web["volumeMounts"] if m["mountPath"] == metrics_dir)
    volume = next(v for v in pod["volumes"] if v["name"] == mount["name"])
    assert "emptyDir" in volume
    for other in (f"{prefix}-relay", f"{prefix}-consumer"):
        env = main_container(find(docs, "Deployment", other))["env"]
        assert "PROMETHEUS_MULTIPROC_DIR" not in {e["name"] for e in env}, other


def test_k8s_scales_reporting_workers_on_queue_length():
    docs = k8s_documents()
    for name in WORKER_SERVICES:
        worker = main_container(find(docs, "Deployment", f"{PREFIX[name]}-worker"))
        assert worker["command"][:3] == ["kinerja", "worker", name]
    scaled = find(docs, "ScaledObject", "reporting-worker")["spec"]
    assert scaled["scaleTargetRef"]["name"] == "reporting-worker"
    trigger = scaled["triggers"][0]
    assert trigger["type"] == "rabbitmq"
    assert trigger["metadata"]["queueName"] == "reporting.jobs"
    assert trigger["metadata"]["mode"] == "QueueLength"


def test_k8s_config_and_secret_template():
    docs = k8s_documents()
    config = find(docs, "ConfigMap", "kinerja-config")["data"]
    assert config["KINERJA_BUS"] == "rabbitmq" and config["KINERJA_JOBS"] == "celery"
    secret = find(docs, "Secret", "kinerja-secrets")["stringData"]
    assert set(secret) == {db_key(n) for n in SERVICE_ORDER} | {
        "KINERJA_AMQP_URL", "KINERJA_ADMIN_NIP", "KINERJA_ADMIN_PASSWORD",
        "KINERJA_METRICS_TOKEN", "KINERJA_REPORTING_S3_BUCKET",
        "KINERJA_REPORTING_S3_ENDPOINT_URL", "KINERJA_REPORTING_PUBLIC_URL",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "KINERJA_WEB_SECRET_KEY"}
    assert all("CHANGE_ME" in value for value in secret.values())


def test_reporting_web_and_workers_share_their_files(compose):
    """compose: the reporting-files volume in web and every worker replica (one host; or S3 by
    KINERJA_REPORTING_STORAGE=s3); Kubernetes: S3-compatible storage, bucket and credentials
    from the Secret, for the web pods and the scaled workers alike."""
    for name in ("reporting", "reporting-worker"):
        assert "reporting-files:/var/lib/kinerja/reporting" in compose[name]["volumes"]
        assert compose[name]["environment"]["KINERJA_REPORTING_STORAGE_DIR"] == \
            "/var/lib/kinerja/reporting"
    docs = k8s_documents()
    for deployment in ("reporting", "reporting-worker"):
        env = {e["name"]: e for e in main_container(find(docs, "Deployment", deployment))["env"]}
        assert env["KINERJA_REPORTING_STORAGE"]["value"] == "s3"
        for key in ("KINERJA_REPORTING_S3_BUCKET", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            assert env[key]["valueFrom"]["secretKeyRef"]["name"] == "kinerja-secrets"


def test_k8s_runs_the_web_ui_at_the_root_route():
    docs = k8s_documents()
    web = main_container(find(docs, "Deployment", "web"))
    assert web["command"][-1] == "kinerja_web.app:wsgi_app()"
    assert web["readinessProbe"]["httpGet"]["path"] == "/healthz"
    env = {e["name"]: e for e in web["env"]}
    assert env["KINERJA_WEB_API_URL"]["value"] == "http://{service}:8000"
    assert env["KINERJA_WEB_SECRET_KEY"]["valueFrom"]["secretKeyRef"]["key"] == \
        "KINERJA_WEB_SECRET_KEY"
    assert not [k for k in env if k.endswith("_DATABASE_URL") or k == "KINERJA_AMQP_URL"]
    assert web["securityContext"]["readOnlyRootFilesystem"] is True
    rule = find(docs, "HTTPRoute", "web")["spec"]["rules"][0]
    assert rule["matches"][0]["path"] == {"type": "PathPrefix", "value": "/"}
    assert rule["backendRefs"] == [{"name": "web", "port": 8000}]
    assert "filters" not in rule  # the path reaches the UI unchanged
