"""Settings every service reads from the environment, once (README lists each variable)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping

DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"  # local-only default


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _hops(value: str | None) -> int:
    hops = int(value) if value not in (None, "") else 0
    if hops < 0:
        raise ValueError(f"KINERJA_TRUSTED_PROXIES must be 0 or more, not {value!r}")
    return hops


@dataclass(frozen=True)
class ServiceSettings:
    service: str
    database_url: str
    bus: str = "memory"  # memory | rabbitmq
    amqp_url: str = DEFAULT_AMQP_URL
    exchange: str = "kinerja.events"
    delivery_limit: int = 5
    prefetch: int = 200
    consumer_batch_size: int = 100
    relay_batch_size: int = 500
    relay_poll_interval: float = 0.05
    relay_idle_interval: float = 0.25  # an idle relay's longest wait (relay.OutboxRelay)
    outbox_retention: float = 0.0  # seconds published outbox rows are kept (0: deleted at once)
    jwks_url: str | None = None
    jwt_issuer: str = "kinerja-identity"
    jwt_audience: str = "kinerja"
    jobs: str = "inprocess"  # inprocess | celery
    job_sweep_after: float = 300.0  # seconds a queued job waits before a worker re-enqueues it
    job_sweep_interval: float = 60.0  # seconds between a Celery worker's sweeps (0: none)
    log_format: str = "text"  # text | json
    max_body_bytes: int = 10 * 1024 * 1024
    metrics_token: str | None = field(default=None, repr=False)  # bearer token for /metrics
    trusted_proxies: int = 0  # proxy hops whose X-Forwarded-For/-Proto/-Host/-Prefix are believed
    # tests: every answer is checked against the HTTP conventions (web.conventions)
    check_http_conventions: bool = False
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, service: str, environ: Mapping[str, str] | None = None) -> "ServiceSettings":
        env = os.environ if environ is None else environ
        key = service.upper().replace("-", "_")
        data_dir = env.get("KINERJA_DATA_DIR", "./var")
        default_db = f"sqlite:///{os.path.abspath(data_dir)}/{service.replace('-', '_')}.db"
        return cls(
            service=service,
            database_url=env.get(f"KINERJA_{key}_DATABASE_URL") or default_db,
            bus=env.get("KINERJA_BUS", "memory"),
            amqp_url=env.get("KINERJA_AMQP_URL", DEFAULT_AMQP_URL),
            exchange=env.get("KINERJA_EXCHANGE", "kinerja.events"),
            delivery_limit=int(env.get("KINERJA_DELIVERY_LIMIT", "5")),
            prefetch=int(env.get("KINERJA_PREFETCH", "200")),
            consumer_batch_size=int(env.get("KINERJA_CONSUMER_BATCH_SIZE", "100")),
            relay_batch_size=int(env.get("KINERJA_RELAY_BATCH_SIZE", "500")),
            relay_poll_interval=float(env.get("KINERJA_RELAY_POLL_INTERVAL", "0.05")),
            relay_idle_interval=float(env.get("KINERJA_RELAY_IDLE_INTERVAL", "0.25")),
            outbox_retention=float(env.get("KINERJA_OUTBOX_RETENTION", "0")),
            jwks_url=env.get("KINERJA_JWKS_URL") or None,
            jwt_issuer=env.get("KINERJA_JWT_ISSUER", "kinerja-identity"),
            jwt_audience=env.get("KINERJA_JWT_AUDIENCE", "kinerja"),
            jobs=env.get("KINERJA_JOBS", "inprocess"),
            job_sweep_after=float(env.get("KINERJA_JOB_SWEEP_AFTER", "300")),
            job_sweep_interval=float(env.get("KINERJA_JOB_SWEEP_INTERVAL", "60")),
            log_format=env.get("KINERJA_LOG_FORMAT", "text"),
            max_body_bytes=int(env.get("KINERJA_MAX_BODY_BYTES", str(10 * 1024 * 1024))),
            metrics_token=env.get("KINERJA_METRICS_TOKEN") or None,
            trusted_proxies=_hops(env.get("KINERJA_TRUSTED_PROXIES")),
            check_http_conventions=_bool(env.get("KINERJA_CHECK_HTTP_CONVENTIONS")),
            extra={k: v for k, v in env.items() if k.startswith(f"KINERJA_{key}_")},
        )
