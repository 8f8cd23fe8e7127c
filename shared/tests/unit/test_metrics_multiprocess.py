"""Metrics of several processes (gunicorn workers) under PROMETHEUS_MULTIPROC_DIR, and the
gunicorn config module that prepares that directory.

prometheus_client chooses where values live once per process, so whatever runs in
multiprocess mode runs in a fresh interpreter here (forking "workers" of its own); the test
process itself stays in the embedded mode the other tests use. The real thing, gunicorn with
two workers against PostgreSQL: tests-e2e/test_metrics_workers.py."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from types import SimpleNamespace
from typing import Any

import pytest
# imported before a test sets the variable (importing prometheus_client with it set would put
# this process in multiprocess mode); child_exit imports it too
import prometheus_client.multiprocess  # noqa: F401
from prometheus_client import generate_latest

from kinerja_shared.web.metrics import ServiceMetrics

CONF_MODULE = "kinerja_shared.runtime.gunicorn_conf"


def run_python(code: str, env: dict[str, str]) -> Any:
    """Run ``code`` in a fresh interpreter; its last line of output is JSON."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PROMETHEUS_MULTIPROC_DIR", "prometheus_multiproc_dir")}
    return {**env, **extra}


WORKERS_SCRIPT = """
    import json, os
    from flask import Flask
    from prometheus_client.multiprocess import mark_process_dead
    from prometheus_client.parser import text_string_to_metric_families
    from prometheus_client.core import GaugeMetricFamily
    from kinerja_shared.web.metrics import init_metrics

    def make_app():
        app = Flask("uji")
        metrics = init_metrics(app, "skp", token=None)
        app.add_url_rule("/skp/<skp_id>", "skp", lambda skp_id: {"id": skp_id})
        return app, metrics

    children = []
    for count in (3, 5):  # two "workers", each answering some requests, then gone
        pid = os.fork()
        if pid == 0:
            app, metrics = make_app()
            client = app.test_client()
            for i in range(count):
                client.get(f"/skp/{i}")
            metrics.event_published("SkpDisetujui", count)
            os._exit(0)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)
    mark_process_dead(children[0])  # what gunicorn_conf.child_exit does

    app, metrics = make_app()  # the worker that answers the scrape

    class Local:  # computed at scrape time in this process, not from the files
        def collect(self):
            yield GaugeMetricFamily("kinerja_lokal", "Only here.", value=7)
    metrics.registry.register(Local())
    text = app.test_client().get("/metrics").get_data(as_text=True)

    families = {f.name: f for f in text_string_to_metric_families(text)}
    def total(name, **labels):
        return sum(s.value for s in families[name].samples if s.name == name + "_total"
                   and all(s.labels.get(k) == v for k, v in labels.items()))
    types = [line.split()[2] for line in text.splitlines() if line.startswith("# TYPE ")]
    print(json.dumps({
        "requests": total("kinerja_http_requests", endpoint="/skp/<skp_id>"),
        "latency_count": sum(s.value for s in families["kinerja_http_request_duration_seconds"]
                             .samples if s.name.endswith("_count")),
        "published": total("kinerja_events_published", event_type="SkpDisetujui"),
        "info": [(s.labels, s.value) for s in families["kinerja_service_info"].samples],
        "lokal": [s.value for s in families["kinerja_lokal"].samples],
        "types": types,
        "files": sorted(os.listdir(os.environ["PROMETHEUS_MULTIPROC_DIR"])),
        "children": children,
    }))
"""


def test_every_workers_values_are_in_the_scrape_of_any_worker(tmp_path):
    out = run_python(WORKERS_SCRIPT, clean_env(PROMETHEUS_MULTIPROC_DIR=str(tmp_path)))

    assert out["requests"] == 8  # 3 + 5, counted by two processes that are gone
    assert out["latency_count"] == 8
    assert out["published"] == 8
    assert out["info"] == [[{"service": "skp"}, 1.0]]  # one sample, not one per process
    assert out["lokal"] == [7]  # the app registry's own collector, once
    assert len(out["types"]) == len(set(out["types"])), out["types"]  # no family twice
    first, second = out["children"]
    assert f"counter_{first}.db" in out["files"] and f"counter_{second}.db" in out["files"]
    assert f"gauge_livemax_{first}.db" not in out["files"]  # marked dead
    assert f"gauge_livemax_{second}.db" in out["files"]


def test_values_are_shared_even_if_prometheus_client_was_imported_before_the_variable(tmp_path):
    out = run_python("""
        import json, os
        import prometheus_client  # imported first: it decided on in-process values
        from prometheus_client import values
        before = values.ValueClass._multiprocess
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = os.environ["DIR"]
        from kinerja_shared.web.metrics import ServiceMetrics
        metrics = ServiceMetrics("skp")
        metrics.event_published("SkpDisetujui", 2)
        print(json.dumps({"before": before, "files": sorted(os.listdir(os.environ["DIR"])),
                          "text": metrics.exposition().decode()}))
    """, clean_env(DIR=str(tmp_path)))

    assert out["before"] is False
    assert "counter_" in " ".join(out["files"])
    assert 'kinerja_events_published_total{event_type="SkpDisetujui"} 2.0' in out["text"]


def test_a_missing_directory_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "tidak-ada"))
    with pytest.raises(RuntimeError, match="PROMETHEUS_MULTIPROC_DIR=.*is not a directory"):
        ServiceMetrics("skp")


def test_without_the_variable_values_stay_in_the_apps_registry():
    metrics = ServiceMetrics("skp")
    metrics.counter("skp_dibuat_total", "SKP dibuat.").inc()

    assert metrics.multiprocess_dir is None
    assert metrics.exposition() == generate_latest(metrics.registry)
    assert b"kinerja_skp_dibuat_total 1.0" in metrics.exposition()


def test_gauges_take_a_multiprocess_mode():
    metrics = ServiceMetrics("skp")
    busy = metrics.gauge("sedang_diproses", "Requests in progress.")
    assert busy._multiprocess_mode == "livesum"
    assert metrics.gauge("sedang_diproses", "Requests in progress.") is busy
    with pytest.raises(ValueError):
        metrics.gauge("sedang_diproses", "Requests in progress.", multiprocess_mode="max")
    assert metrics.gauge("terakhir", "Last run.", multiprocess_mode="mostrecent")


# -- kinerja_shared.runtime.gunicorn_conf ----------------------------------------------------

def load_conf():
    """A fresh copy of the config module (it reads the environment when imported)."""
    spec = importlib.util.spec_from_file_location(
        "gunicorn_conf_under_test", importlib.util.find_spec(CONF_MODULE).origin)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SERVER = SimpleNamespace(log=SimpleNamespace(info=lambda *args: None))


def test_on_starting_creates_and_empties_the_directory(tmp_path, monkeypatch):
    path = tmp_path / "metrics"
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(path))
    conf = load_conf()

    conf.on_starting(SERVER)
    assert path.is_dir() and not any(path.iterdir())

    (path / "counter_123.db").write_bytes(b"old")
    (path / "sisa").mkdir()
    (path / "sisa" / "x.db").write_bytes(b"old")
    conf.on_starting(SERVER)
    assert path.is_dir() and not any(path.iterdir())
    conf.on_exit(SERVER)
    assert path.is_dir()  # given by the environment: not ours to remove


def test_child_exit_drops_the_dead_workers_live_gauges_only(tmp_path, monkeypatch):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    conf = load_conf()
    for name in ("counter_41.db", "histogram_41.db", "gauge_livemax_41.db",
                 "gauge_livesum_41.db", "gauge_max_41.db", "gauge_livemax_42.db"):
        (tmp_path / name).write_bytes(b"")

    conf.child_exit(SERVER, SimpleNamespace(pid=41))

    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "counter_41.db", "gauge_livemax_42.db", "gauge_max_41.db", "histogram_41.db"]


def test_without_the_variable_the_server_gets_a_private_directory(tmp_path):
    out = run_python(f"""
        import json, os, types
        import {CONF_MODULE} as conf
        server = types.SimpleNamespace(log=types.SimpleNamespace(info=lambda *a: None))
        made = os.environ["PROMETHEUS_MULTIPROC_DIR"]  # set at import, for the workers
        conf.on_starting(server)
        existed = os.path.isdir(made)
        conf.on_exit(server)
        print(json.dumps({{"dir": made, "existed": existed, "after": os.path.exists(made)}}))
    """, clean_env(TMPDIR=str(tmp_path)))

    assert os.path.dirname(out["dir"]) == str(tmp_path)
    assert os.path.basename(out["dir"]).startswith("kinerja-metrics-")
    assert out["existed"] and not out["after"]  # removed when the server exits


def test_the_module_sets_no_gunicorn_setting_but_its_hooks(tmp_path):
    """Gunicorn applies every module-level name that is a setting's name."""
    from gunicorn.config import Config

    names = run_python(f"""
        import json
        import {CONF_MODULE} as conf
        print(json.dumps(sorted(vars(conf))))
    """, clean_env(PROMETHEUS_MULTIPROC_DIR=str(tmp_path)))
    assert set(names) & set(Config().settings) == {"on_starting", "child_exit", "on_exit"}
