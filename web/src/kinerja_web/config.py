"""Settings of the web UI, read once from the environment (docs/services/web.md)."""
from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from typing import Mapping

log = logging.getLogger("kinerja.web")


@dataclass(frozen=True)
class WebSettings:
    # signs the CSRF tokens; every process serving the UI needs the same one (several gunicorn
    # workers, several replicas), so production sets it; unset: a random key per process
    secret_key: str
    # where the services' public APIs are (the gateway: <url>/api/<service>/...); None in the
    # embedded mode, where the UI calls the mounted services in process
    api_url: str | None = None
    # Secure flag of the cookies; 0 only for plain http on a developer's machine
    cookie_secure: bool = True
    # seconds before an access token's expiry at which the UI refreshes it first
    refresh_margin: int = 60
    api_timeout: float = 30.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "WebSettings":
        env = os.environ if env is None else env
        key = env.get("KINERJA_WEB_SECRET_KEY") or ""
        if not key:
            log.warning("KINERJA_WEB_SECRET_KEY is not set: a random key for this process "
                        "(set one when several processes serve the UI)")
            key = secrets.token_urlsafe(32)
        return cls(
            secret_key=key,
            api_url=(env.get("KINERJA_WEB_API_URL") or "").rstrip("/") or None,
            cookie_secure=env.get("KINERJA_WEB_COOKIE_SECURE", "1") not in ("0", "false", ""),
            refresh_margin=int(env.get("KINERJA_WEB_REFRESH_MARGIN") or cls.refresh_margin),
            api_timeout=float(env.get("KINERJA_WEB_API_TIMEOUT") or cls.api_timeout),
        )
