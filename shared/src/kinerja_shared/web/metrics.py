"""Prometheus metrics: per-request counters and latency, ``/metrics``, and counters for code.

Every ``ServiceMetrics`` owns its ``CollectorRegistry``, so creating many apps in one process
(tests, the embedded runner) never collides on metric names. Entry points without Flask
(consumer, relay, workers) build a ``ServiceMetrics`` of their own and expose it as they see
fit (``prometheus_client.start_http_server(port, registry=metrics.registry)``).

    metrics = init_metrics(app, "skp")
    get_metrics().event_published("SkpDisetujui")
    get_metrics().event_consumed("PegawaiDiperbarui", "processed")
    get_metrics().counter("skp_dibuat_total", "SKP dibuat").inc()

Several gunicorn workers (production): each worker is a process with its own metric objects,
and a scrape reaches just one of them. With ``PROMETHEUS_MULTIPROC_DIR`` set, prometheus_client's
multiprocess mode is used: every process writes its values to files of its own in that
directory (``counter_<pid>.db``, ...), and ``/metrics``, whichever worker answers, reports the
values of every worker, those of workers that have exited included (counters and histograms
are summed; gauges are combined by their ``multiprocess_mode``, ``livesum`` unless told).
The directory must be empty when the server starts and dead workers' live gauges must be
dropped; ``gunicorn -c python:kinerja_shared.runtime.gunicorn_conf`` does both, and sets the
variable when it is missing. Without the variable (the embedded runner, tests, relay, consumer
and workers) values stay in the process, in the app's registry.

``/metrics`` is for Prometheus inside the network (scraping each web container on its port):
the gateway answers 404 for ``/api/<service>/metrics``. With ``KINERJA_METRICS_TOKEN`` set it
also requires ``Authorization: Bearer <token>`` (Prometheus: ``authorization.credentials``).
"""
from __future__ import annotations

import hmac
import os
import threading
import time
from typing import Any, Sequence

from flask import Flask, Response, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    values,
)
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from .problems import Problem, problem_response

EXTENSION_KEY = "kinerja_metrics"
NAMESPACE = "kinerja"
UNMATCHED = "<unmatched>"  # 404s keep one label value, not one per probed path
# any other method a client invents is counted as OTHER (label values stay a bounded set)
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_FROM_SETTINGS = object()
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
_value_class_lock = threading.Lock()


def multiprocess_dir() -> str | None:
    """The directory of prometheus_client's multiprocess mode, or None (values in-process)."""
    return os.environ.get(MULTIPROC_ENV) or None


def _use_value_class(multiprocess: bool) -> None:
    """prometheus_client decides how metric values are stored (in the process, or in files of
    the multiprocess directory) once, when it is first imported, from the environment of that
    moment. Follow the environment of now instead: if anything imported prometheus_client
    before the gunicorn config set the variable, the workers' metrics would otherwise stay
    in-process while ``/metrics`` reads the (empty) directory."""
    with _value_class_lock:
        if bool(getattr(values.ValueClass, "_multiprocess", False)) != multiprocess:
            values.ValueClass = values.MultiProcessValue() if multiprocess else values.MutexValue


class ServiceMetrics:
    """One service's metrics, in a registry of its own.

    Whether values are shared between processes (``PROMETHEUS_MULTIPROC_DIR``) is decided
    when it is made; one ``ServiceMetrics`` per process then (one app per gunicorn worker):
    two in one process with the same metric names would write the same file entries."""

    def __init__(self, service_name: str, *, registry: CollectorRegistry | None = None) -> None:
        self.service_name = service_name
        self.registry = registry or CollectorRegistry(auto_describe=True)
        self.multiprocess_dir = multiprocess_dir()
        if self.multiprocess_dir is not None and not os.path.isdir(self.multiprocess_dir):
            raise RuntimeError(
                f"{MULTIPROC_ENV}={self.multiprocess_dir} is not a directory: create it (empty) "
                "before the server starts; gunicorn -c python:kinerja_shared.runtime.gunicorn_conf "
                "does")
        _use_value_class(self.multiprocess_dir is not None)
        self._lock = threading.Lock()
        self._metrics: dict[str, Any] = {}
        # the same 1 in every worker: one sample, and a dead worker's file is dropped
        info = self.gauge("service_info", "The service these metrics belong to.", ("service",),
                          multiprocess_mode="livemax")
        info.labels(service=service_name).set(1)
        self.http_requests_total = self.counter(
            "http_requests_total", "HTTP requests answered.", ("method", "endpoint", "status")
        )
        self.http_request_duration_seconds = self.histogram(
            "http_request_duration_seconds", "Time to answer an HTTP request.",
            ("method", "endpoint"), buckets=LATENCY_BUCKETS,
        )
        self.events_published_total = self.counter(
            "events_published_total", "Events handed to the broker.", ("event_type",)
        )
        self.events_consumed_total = self.counter(
            "events_consumed_total", "Events consumed, by outcome.", ("event_type", "outcome")
        )

    # -- get-or-create, so two call sites naming the same metric share it -----------------

    def _get_or_create(self, cls: type, name: str, documentation: str,
                       labelnames: Sequence[str], **kwargs: Any) -> Any:
        with self._lock:
            existing = self._metrics.get(name)
            if existing is not None:
                if (not isinstance(existing, cls)
                        or tuple(existing._labelnames) != tuple(labelnames)
                        or getattr(existing, "_multiprocess_mode", None)
                        != kwargs.get("multiprocess_mode")):
                    raise ValueError(f"metric {name} already exists with another type, labels "
                                     "or multiprocess mode")
                return existing
            metric = cls(name, documentation, labelnames=tuple(labelnames), namespace=NAMESPACE,
                         registry=self.registry, **kwargs)
            self._metrics[name] = metric
            return metric

    def counter(self, name: str, documentation: str, labelnames: Sequence[str] = ()) -> Counter:
        """A counter in this service's registry (named ``kinerja_<name>``)."""
        return self._get_or_create(Counter, name, documentation, labelnames)

    def histogram(self, name: str, documentation: str, labelnames: Sequence[str] = (),
                  buckets: Sequence[float] = Histogram.DEFAULT_BUCKETS) -> Histogram:
        return self._get_or_create(Histogram, name, documentation, labelnames, buckets=buckets)

    def gauge(self, name: str, documentation: str, labelnames: Sequence[str] = (), *,
              multiprocess_mode: str = "livesum") -> Gauge:
        """A gauge. ``multiprocess_mode``: how the workers' values combine under
        ``PROMETHEUS_MULTIPROC_DIR`` (prometheus_client's modes): ``livesum`` (default, e.g.
        requests in progress), ``livemax``/``livemin``, ``liveall`` (one sample per worker,
        label ``pid``), ``mostrecent``; the ``live`` ones forget workers that have exited."""
        return self._get_or_create(Gauge, name, documentation, labelnames,
                                   multiprocess_mode=multiprocess_mode)

    # -- the counts other code keeps ------------------------------------------------------

    def event_published(self, event_type: str, count: int = 1) -> None:
        self.events_published_total.labels(event_type=event_type).inc(count)

    def event_consumed(self, event_type: str, outcome: str) -> None:
        """``outcome``: a small fixed set, e.g. processed, duplicate, rejected, failed."""
        self.events_consumed_total.labels(event_type=event_type, outcome=outcome).inc()

    # -- exposition -----------------------------------------------------------------------

    def exposition(self) -> bytes:
        """Text format for a scrape; every worker's values under multiprocess mode."""
        if self.multiprocess_dir is None:
            return generate_latest(self.registry)
        return generate_latest(_Combined(self.multiprocess_dir, self.registry))


class _Combined(Collector):
    """What a scrape shows under multiprocess mode: the metric files of every process in the
    directory, merged, and whatever else the app's registry holds that is not in those files
    (a collector registered there computes its values at scrape time, in this process).

    Files are merged with ``MultiProcessCollector.merge`` rather than ``collect``, leaving out
    empty ones: a worker being started creates its file before it writes the header, and
    reading it then would fail the scrape."""

    def __init__(self, path: str, registry: CollectorRegistry) -> None:
        self._path = path
        self._registry = registry

    def collect(self):
        shared = list(MultiProcessCollector.merge(_metric_files(self._path), accumulate=True))
        yield from shared
        names = {family.name for family in shared}
        for family in self._registry.collect():
            # the app's own metrics are in the files (once anything was counted)
            if family.name not in names:
                yield family


def _metric_files(path: str) -> list[str]:
    found = []
    with os.scandir(path) as entries:
        for entry in entries:
            if not entry.name.endswith(".db"):
                continue
            try:
                if entry.stat().st_size > 0:
                    found.append(entry.path)
            except FileNotFoundError:  # a dead worker's live gauges, just removed
                continue
    return sorted(found)


def init_metrics(app: Flask, service_name: str, *, path: str = "/metrics",
                 metrics: ServiceMetrics | None = None,
                 token: str | None | object = _FROM_SETTINGS) -> ServiceMetrics:
    """Count and time every request of ``app`` (label: the URL rule, not the raw path) and
    serve ``path``. Calling it again on the same app returns the metrics already there.

    ``token``: the bearer token ``path`` requires (None: open). By default the service's
    ``KINERJA_METRICS_TOKEN``, from the settings of the runtime the app was made by."""
    if EXTENSION_KEY in app.extensions:
        return app.extensions[EXTENSION_KEY]
    if token is _FROM_SETTINGS:
        settings = getattr(app.extensions.get("kinerja"), "settings", None)
        token = getattr(settings, "metrics_token", None)
    metrics = metrics or ServiceMetrics(service_name)
    app.extensions[EXTENSION_KEY] = metrics

    @app.before_request
    def _start_timer() -> None:
        g.kinerja_metrics_started = time.perf_counter()

    @app.after_request
    def _record(response: Response) -> Response:
        endpoint = request.url_rule.rule if request.url_rule is not None else UNMATCHED
        method = request.method if request.method in KNOWN_METHODS else "OTHER"
        metrics.http_requests_total.labels(
            method=method, endpoint=endpoint, status=str(response.status_code)
        ).inc()
        started = g.pop("kinerja_metrics_started", None)
        if started is not None:
            metrics.http_request_duration_seconds.labels(
                method=method, endpoint=endpoint
            ).observe(time.perf_counter() - started)
        return response

    def metrics_view() -> Response:
        if token and not _bearer_matches(request.headers.get("Authorization"), token):
            return problem_response(Problem(
                401, "Metrik hanya untuk pemantauan internal; sertakan token yang benar.",
                headers={"WWW-Authenticate": 'Bearer realm="metrics"'}))
        return Response(metrics.exposition(), mimetype=None, content_type=CONTENT_TYPE_LATEST)

    app.add_url_rule(path, endpoint="kinerja_metrics", view_func=metrics_view, methods=["GET"])
    return metrics


def _bearer_matches(header: str | None, token: str) -> bool:
    scheme, _, given = (header or "").strip().partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(),
                                                              token.encode())


def get_metrics(app: Flask | None = None) -> ServiceMetrics:
    """The current app's ``ServiceMetrics`` (``init_metrics`` must have run)."""
    app = app or current_app
    try:
        return app.extensions[EXTENSION_KEY]
    except KeyError:
        raise RuntimeError("init_metrics(app, service_name) was not called for this app") from None
