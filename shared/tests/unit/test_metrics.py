"""Prometheus metrics per app: request counters by URL rule, /metrics, counters for code."""
from __future__ import annotations

import pytest
from flask import Flask
from prometheus_client.parser import text_string_to_metric_families

from kinerja_shared.web.metrics import ServiceMetrics, get_metrics, init_metrics


def make_app(service="skp"):
    app = Flask(__name__)
    init_metrics(app, service)

    @app.get("/skp/<skp_id>")
    def skp(skp_id):
        return {"id": skp_id}

    @app.get("/rusak")
    def rusak():
        raise RuntimeError("boom")

    return app


def samples(client, name):
    text = client.get("/metrics").get_data(as_text=True)
    return [
        s for family in text_string_to_metric_families(text) for s in family.samples
        if s.name == name
    ]


def requests_counted(client, **labels):
    return sum(s.value for s in samples(client, "kinerja_http_requests_total")
               if all(s.labels.get(k) == v for k, v in labels.items()))


def test_metrics_endpoint_counts_requests_by_rule_not_path():
    client = make_app().test_client()
    client.get("/skp/a")
    client.get("/skp/b")

    resp = client.get("/metrics")

    assert resp.status_code == 200
    assert resp.content_type.startswith("text/plain")
    assert requests_counted(client, method="GET", endpoint="/skp/<skp_id>", status="200") == 2
    assert not any("/skp/a" in s.labels.get("endpoint", "")
                   for s in samples(client, "kinerja_http_requests_total"))


def test_latency_is_observed_per_rule():
    client = make_app().test_client()
    client.get("/skp/a")

    counts = [s for s in samples(client, "kinerja_http_request_duration_seconds_count")
              if s.labels["endpoint"] == "/skp/<skp_id>"]

    assert [s.value for s in counts] == [1]


def test_unknown_paths_and_methods_share_bounded_labels():
    client = make_app().test_client()
    client.get("/tidak/ada/1")
    client.get("/tidak/ada/2")
    client.open("/skp/a", method="BREW")

    assert requests_counted(client, endpoint="<unmatched>", status="404") == 2
    assert requests_counted(client, method="OTHER") == 1


def test_server_errors_are_counted():
    app = make_app()
    client = app.test_client()
    client.get("/rusak")

    assert requests_counted(client, endpoint="/rusak", status="500") == 1


def test_many_apps_in_one_process_keep_separate_registries():
    first, second = make_app().test_client(), make_app("identity").test_client()
    first.get("/skp/a")

    assert requests_counted(first, endpoint="/skp/<skp_id>") == 1
    assert requests_counted(second, endpoint="/skp/<skp_id>") == 0
    info = samples(second, "kinerja_service_info")
    assert [s.labels["service"] for s in info] == ["identity"]


def test_init_metrics_twice_on_one_app_is_harmless():
    app = make_app()
    assert init_metrics(app, "skp") is get_metrics(app)


def test_event_counters_are_exposed():
    app = make_app()
    metrics = get_metrics(app)
    metrics.event_published("SkpDisetujui", 3)
    metrics.event_consumed("PegawaiDiperbarui", "processed")
    metrics.event_consumed("PegawaiDiperbarui", "duplicate")

    client = app.test_client()
    published = samples(client, "kinerja_events_published_total")
    consumed = {s.labels["outcome"]: s.value for s in samples(client, "kinerja_events_consumed_total")}

    assert [(s.labels["event_type"], s.value) for s in published] == [("SkpDisetujui", 3)]
    assert consumed == {"processed": 1, "duplicate": 1}


def test_counter_is_get_or_create_and_guards_against_clashes():
    metrics = ServiceMetrics("skp")
    made = metrics.counter("skp_dibuat_total", "SKP dibuat.")

    assert metrics.counter("skp_dibuat_total", "SKP dibuat.") is made
    with pytest.raises(ValueError):
        metrics.counter("skp_dibuat_total", "SKP dibuat.", ("jenis",))
    with pytest.raises(ValueError):
        metrics.gauge("skp_dibuat_total", "SKP dibuat.")


def test_get_metrics_without_init_says_so():
    with pytest.raises(RuntimeError):
        get_metrics(Flask(__name__))


# -- who may scrape ------------------------------------------------------------------------

def test_without_a_token_metrics_are_open():
    assert make_app().test_client().get("/metrics").status_code == 200


def test_with_a_token_metrics_need_it_as_a_bearer_token():
    app = Flask(__name__)
    init_metrics(app, "skp", token="rahasia-metrik")
    client = app.test_client()

    for headers in ({}, {"Authorization": "Bearer salah"}, {"Authorization": "rahasia-metrik"},
                    {"Authorization": "Basic rahasia-metrik"}):
        resp = client.get("/metrics", headers=headers)
        assert resp.status_code == 401, headers
        assert resp.content_type == "application/problem+json"
        assert resp.headers["WWW-Authenticate"] == 'Bearer realm="metrics"'
        assert resp.get_json()["status"] == 401
        assert b"kinerja_http_requests_total" not in resp.data

    resp = client.get("/metrics", headers={"Authorization": "Bearer rahasia-metrik"})
    assert resp.status_code == 200
    assert b"kinerja_service_info" in resp.data
    assert client.get("/metrics", headers={"Authorization": "bearer rahasia-metrik"}).status_code == 200


def test_a_service_app_takes_the_token_from_kinerja_metrics_token(tmp_path):
    from pathlib import Path

    from sqlalchemy import MetaData

    from kinerja_shared.config import ServiceSettings
    from kinerja_shared.runtime.definition import ServiceDefinition
    from kinerja_shared.runtime.runtime import ServiceRuntime

    definition = ServiceDefinition(name="uji", url_prefix="uji", title="Uji", description="",
                                   metadata=MetaData(), migrations_dir=Path(tmp_path))
    settings = ServiceSettings.from_env("uji", {"KINERJA_DATA_DIR": str(tmp_path),
                                                "KINERJA_METRICS_TOKEN": "dari-lingkungan"})
    assert "dari-lingkungan" not in repr(settings)  # settings get logged; the token must not
    runtime = ServiceRuntime(definition, settings)
    try:
        client = runtime.create_app().test_client()
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={
            "Authorization": "Bearer dari-lingkungan"}).status_code == 200
        assert client.get("/healthz").status_code == 200  # only /metrics is guarded
    finally:
        runtime.dispose()
