"""Readiness of the broker (the database check lives on the runtime)."""
from __future__ import annotations

import logging
import threading
import time

log = logging.getLogger(__name__)
_cache: dict[str, tuple[float, bool]] = {}
_lock = threading.Lock()
CACHE_SECONDS = 5.0


def broker_ok(runtime) -> bool:
    settings = runtime.settings
    if settings.bus != "rabbitmq":
        return True  # the in-memory broker lives in this process
    key = settings.amqp_url
    with _lock:
        cached = _cache.get(key)
        if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
            return cached[1]
    ok = _probe(settings.amqp_url)
    with _lock:
        _cache[key] = (time.monotonic(), ok)
    return ok


def _probe(url: str) -> bool:
    import pika

    params = pika.URLParameters(url)
    params.socket_timeout = 2
    params.blocked_connection_timeout = 2
    params.connection_attempts = 1
    try:
        pika.BlockingConnection(params).close()
        return True
    except Exception:  # noqa: BLE001
        log.warning("broker not reachable", exc_info=True)
        return False
