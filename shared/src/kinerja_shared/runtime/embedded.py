"""The embedded mode: every installed service in one process, SQLite files, in-memory bus,
in-process jobs, one port (``make run``); the web UI (``kinerja.web`` entry point) at ``/``."""
from __future__ import annotations

import dataclasses
import logging
import os

from flask import Flask, jsonify
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from ..config import ServiceSettings
from ..messaging.memory import InMemoryBroker
from .definition import load_definitions
from .runtime import ServiceRuntime

log = logging.getLogger(__name__)


@dataclasses.dataclass
class EmbeddedSuite:
    app: object
    runtimes: dict[str, ServiceRuntime]
    broker: InMemoryBroker
    base_url: str

    def stop(self) -> None:
        for runtime in self.runtimes.values():
            runtime.dispose()
        self.broker.stop()


def build_suite(*, host: str = "127.0.0.1", port: int = 8080, data_dir: str | None = None,
                environ: dict[str, str] | None = None, start_threads: bool = True) -> EmbeddedSuite:
    env = dict(os.environ if environ is None else environ)
    if data_dir:
        env["KINERJA_DATA_DIR"] = data_dir
    base_url = f"http://{host}:{port}"
    env.setdefault("KINERJA_JWKS_URL", f"{base_url}/api/identity/.well-known/jwks.json")
    # queues kept in <data dir>/broker.db: what was published but not consumed when the
    # process stopped is delivered on the next start
    data = os.path.abspath(env.get("KINERJA_DATA_DIR", "./var"))
    os.makedirs(data, exist_ok=True)
    broker = InMemoryBroker(delivery_limit=int(env.get("KINERJA_DELIVERY_LIMIT", "5")),
                            store=os.path.join(data, "broker.db"))
    definitions = load_definitions()
    runtimes: dict[str, ServiceRuntime] = {}
    for name, definition in definitions.items():
        settings = dataclasses.replace(ServiceSettings.from_env(name, env), bus="memory",
                                       jobs="inprocess")
        runtime = ServiceRuntime(definition, settings, publisher=broker)
        runtime.migrate()
        runtimes[name] = runtime
    # queues first, so that nothing a relay publishes at start-up goes unrouted
    for name, runtime in runtimes.items():
        broker.declare_queue(name, runtime.dispatcher.routing_keys)
    mounts = {}
    for name, runtime in runtimes.items():
        _attach_jobs(runtime)
        mounts[f"/api/{runtime.definition.url_prefix}"] = runtime.create_app()
        if start_threads:
            broker.start_consumer(name, runtime.dispatcher)
            runtime.relay.start()
        if runtime.definition.on_start is not None:
            runtime.definition.on_start(runtime)
        # a service's own part of the embedded mode (integration: its SIASN and PMM sandboxes
        # and its sync worker): extra["embedded"](runtime, base_url, data_dir) starts what it
        # needs when threads run and answers the WSGI apps to mount, by path
        embedded_hook = runtime.definition.extra.get("embedded")
        if embedded_hook is not None and start_threads:
            mounts.update(embedded_hook(runtime, base_url,
                                        env.get("KINERJA_DATA_DIR", "./var")))
    root = _root_app(runtimes, base_url)
    web = _web_app(DispatcherMiddleware(_no_service, mounts), env)
    if web is None:
        return EmbeddedSuite(DispatcherMiddleware(root, mounts), runtimes, broker, base_url)
    # the web UI at /, the services under /api/<service>, their index at /api/
    app = DispatcherMiddleware(web, {**mounts, "/api": root})
    return EmbeddedSuite(app, runtimes, broker, base_url)


def _no_service(environ, start_response):
    start_response("404 Not Found", [("Content-Type", "application/problem+json")])
    return [b'{"status": 404, "title": "Tidak ditemukan", "detail": "Layanan tidak ada."}']


def _web_app(services_app, env: dict[str, str]):
    """The web UI when installed (entry point group ``kinerja.web``): it calls the services
    mounted in ``services_app`` in process, with the user's token, as it calls them over HTTP
    in production."""
    from importlib.metadata import entry_points

    found = list(entry_points(group="kinerja.web"))
    if not found:
        return None
    return found[0].load()(services_app, env)


def _attach_jobs(runtime: ServiceRuntime) -> None:
    registry = runtime.definition.jobs
    if registry is None:
        return
    from ..jobs import InProcessJobRunner

    runtime.job_runner = InProcessJobRunner(runtime.session_factory, registry)
    runtime.job_runner.resume_unfinished()  # jobs a previous run left waiting or running


def _root_app(runtimes: dict[str, ServiceRuntime], base_url: str) -> Flask:
    app = Flask("kinerja.embedded")

    @app.get("/")
    def index():
        return jsonify(
            nama="Kinerja",
            mode="embedded",
            layanan={
                rt.definition.url_prefix: {
                    "api": f"{base_url}/api/{rt.definition.url_prefix}",
                    "docs": f"{base_url}/api/{rt.definition.url_prefix}/docs",
                    "openapi": f"{base_url}/api/{rt.definition.url_prefix}/openapi.json",
                }
                for rt in runtimes.values()
            },
        )

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    return app


def serve(*, host: str = "127.0.0.1", port: int = 8080, data_dir: str | None = None) -> None:
    from werkzeug.serving import make_server

    from ..web.logging_setup import setup_logging

    setup_logging("embedded", os.environ.get("KINERJA_LOG_FORMAT", "text"))
    logging.getLogger("alembic").setLevel(logging.WARNING)
    suite = build_suite(host=host, port=port, data_dir=data_dir)
    server = make_server(host, port, suite.app, threaded=True)
    print(f"Kinerja (embedded) berjalan di {suite.base_url}/ (antarmuka web; API di /api/)")
    for runtime in suite.runtimes.values():
        prefix = runtime.definition.url_prefix
        print(f"  {prefix:<13} {suite.base_url}/api/{prefix}/docs")
    print("Masuk di halaman web, atau POST /api/identity/auth/login, dengan NIP KINERJA_ADMIN_NIP "
          f"({os.environ.get('KINERJA_ADMIN_NIP', '199001012020011001')}) dan kata sandi "
          "KINERJA_ADMIN_PASSWORD (lihat docs/services/identity.md).", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        suite.stop()
