"""Every installed service, as the platform builds it, on real PostgreSQL: migrations apply,
health/readiness/metrics/OpenAPI answer, and bad input of every kind is problem+json 4xx."""
from __future__ import annotations

import contextlib
import dataclasses

import marshmallow as ma
import pytest
from flask.views import MethodView
from sqlalchemy import text

from kinerja_shared.runtime import current_runtime, load_definitions
from kinerja_shared.testing.service import make_test_runtime
from kinerja_shared.web.http import Blueprint, created

SERVICES = list(load_definitions())


@pytest.fixture(scope="module")
def runtimes(make_pg_database):
    built = {name: make_test_runtime(name, make_pg_database()) for name in SERVICES}
    yield built
    for runtime in built.values():
        runtime.dispose()


def test_all_seven_services_are_installed():
    assert SERVICES == ["identity", "skp", "penilaian", "keberatan", "angka_kredit",
                        "integration", "reporting"]


@pytest.mark.parametrize("service", SERVICES)
def test_migrations_create_outbox_and_inbox_on_postgresql(runtimes, service):
    with runtimes[service].engine.connect() as conn:
        tables = set(conn.execute(text(
            "select tablename from pg_tables where schemaname = 'public'")).scalars())
    assert {"outbox", "inbox", "alembic_version"} <= tables


@pytest.mark.parametrize("service", ["reporting", "integration"])
def test_services_with_jobs_get_the_job_table_and_a_runner(runtimes, service, tmp_path):
    definition = runtimes[service].definition
    assert definition.jobs is not None
    with runtimes[service].engine.connect() as conn:
        assert conn.execute(text("select count(*) from job")).scalar_one() == 0


@pytest.mark.parametrize("service", SERVICES)
def test_health_readiness_metrics_and_openapi(runtimes, service, amqp_url):
    runtime = runtimes[service]
    client = runtime.create_app().test_client()
    assert client.get("/healthz").json == {"status": "ok", "service": service}
    with _settings(runtime, bus="rabbitmq", amqp_url=amqp_url):
        ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json["checks"] == {"database": "ok", "broker": "ok"}
    spec = client.get("/openapi.json").json
    assert spec["openapi"].startswith("3.") and spec["info"]["title"].startswith("Kinerja")
    assert client.get("/docs").status_code == 200
    metrics = client.get("/metrics")
    assert metrics.status_code == 200 and b"# TYPE" in metrics.data


@contextlib.contextmanager
def _settings(runtime, **changes):
    original = runtime.settings
    runtime.settings = dataclasses.replace(original, **changes)
    try:
        yield
    finally:
        runtime.settings = original


def test_readiness_reports_an_unreachable_broker(runtimes):
    runtime = runtimes["skp"]
    with _settings(runtime, bus="rabbitmq", amqp_url="amqp://guest:guest@127.0.0.1:1/%2F"):
        ready = runtime.create_app().test_client().get("/readyz")
    assert ready.status_code == 503
    assert ready.json["checks"]["broker"] == "fail"


class _Body(ma.Schema):
    nama = ma.fields.String(required=True)
    jumlah = ma.fields.Integer(required=True)


def _probe_blueprint() -> Blueprint:
    blp = Blueprint("probe", __name__, url_prefix="/probe", description="Probe.")

    @blp.route("/")
    class Probe(MethodView):
        @blp.arguments(_Body)
        @blp.response(201, _Body)
        def post(self, body):
            return created(body, Probe)

        def get(self):
            with current_runtime().uow() as uow:
                count = uow.session.execute(text("select count(*) from outbox")).scalar_one()
            return {"outbox": count}

    return blp


@pytest.fixture(scope="module")
def probe_client(runtimes):
    runtime = runtimes["penilaian"]
    app = runtime.create_app()
    app.extensions["kinerja_api"].register_blueprint(_probe_blueprint())
    app.config["MAX_CONTENT_LENGTH"] = 1024
    return app.test_client()


def _assert_problem(resp, status):
    assert resp.status_code == status, resp.data
    assert resp.content_type == "application/problem+json"
    body = resp.get_json(force=True)
    assert body["status"] == status and body["type"].startswith("https://") and body["title"]
    return body


def test_valid_body_passes(probe_client):
    resp = probe_client.post("/probe/", json={"nama": "a", "jumlah": 2})
    assert resp.status_code == 201 and resp.json == {"nama": "a", "jumlah": 2}


def test_malformed_json_is_400(probe_client):
    _assert_problem(probe_client.post("/probe/", data="{bad", content_type="application/json"), 400)


def test_wrong_type_is_422_naming_the_field(probe_client):
    body = _assert_problem(probe_client.post("/probe/", json={"nama": "a", "jumlah": "x"}), 422)
    assert body["errors"] == {"jumlah": ["Harus berupa bilangan bulat."]}


def test_unknown_and_missing_fields_are_422(probe_client):
    body = _assert_problem(probe_client.post("/probe/", json={"nama": "a", "lain": 1}), 422)
    assert set(body["errors"]) == {"jumlah", "lain"}


def test_non_object_json_is_422(probe_client):
    _assert_problem(probe_client.post("/probe/", json=[1, 2]), 422)


def test_oversized_body_is_413(probe_client):
    _assert_problem(probe_client.post("/probe/", json={"nama": "x" * 5000, "jumlah": 1}), 413)


def test_unknown_path_is_404_and_wrong_method_405(probe_client):
    _assert_problem(probe_client.get("/tidak-ada"), 404)
    body = _assert_problem(probe_client.delete("/probe/"), 405)
    assert "DELETE" in body["detail"]


def test_request_and_correlation_ids_are_echoed(probe_client):
    resp = probe_client.get("/healthz", headers={"X-Correlation-ID": "abc-123"})
    assert resp.headers["X-Correlation-ID"] == "abc-123" and resp.headers["X-Request-ID"]


def test_killed_postgresql_connections_cost_no_500(probe_client, runtimes):
    """pool_pre_ping: after every backend of the service's database is terminated, the next
    requests succeed on fresh connections."""
    assert probe_client.get("/probe/").status_code == 200
    engine = runtimes["penilaian"].engine
    database = engine.url.database
    with engine.connect() as conn:
        conn.execute(text("select 1"))
    import psycopg

    admin = engine.url.set(database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin.replace("+psycopg", ""), autocommit=True) as conn:
        killed = conn.execute(
            "select count(pg_terminate_backend(pid)) from pg_stat_activity "
            "where datname = %s and pid <> pg_backend_pid()", (database,)).fetchone()[0]
    assert killed >= 1
    statuses = [probe_client.get("/probe/").status_code for _ in range(5)]
    assert statuses == [200] * 5
