"""Settings of the integration service, read once from the environment (``KINERJA_INTEGRATION_*``,
docs/services/integration.md). Base URLs and credentials of SIASN and PMM are configuration:
production points at the real systems; the embedded mode at the sandboxes. Credentials are
never logged (``repr=False``) and never leave this object except in the calls that need them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Mapping

PREFIX = "KINERJA_INTEGRATION_"
SSO_PATH = "/auth/realms/public-siasn/protocol/openid-connect/token"


@dataclass(frozen=True)
class SiasnSettings:
    url: str | None = None  # base of /apisiasn/1.0 and /referensi_siasn/1
    token_url: str | None = None  # API gateway (WSO2) /oauth2/token
    sso_url: str | None = None  # Keycloak realm public-siasn token endpoint
    consumer_key: str | None = field(default=None, repr=False)
    consumer_secret: str | None = field(default=None, repr=False)
    client_id: str | None = None
    username: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    connect_timeout: float = 5.0
    attempts: int = 6  # tries of one call (5xx, timeouts, 429) before the record fails
    backoff: float = 0.5  # first wait between tries, doubling (jittered), at most backoff_max
    backoff_max: float = 30.0
    concurrency: int = 4  # saves in flight at once during a push
    page_size: int = 500
    lookup_first: bool = False  # look a record up in SIASN before its first save (overwrite)

    @property
    def configured(self) -> bool:
        return bool(self.url and self.consumer_key and self.consumer_secret and self.username)

    def resolved(self) -> "SiasnSettings":
        base = (self.url or "").rstrip("/")
        return replace(self, url=base, token_url=self.token_url or f"{base}/oauth2/token",
                       sso_url=self.sso_url or f"{base}{SSO_PATH}")


@dataclass(frozen=True)
class PmmSettings:
    url: str | None = None
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    attempts: int = 4

    @property
    def configured(self) -> bool:
        return bool(self.url and self.client_id and self.client_secret)


@dataclass(frozen=True)
class IntegrationSettings:
    siasn: SiasnSettings = SiasnSettings()
    pmm: PmmSettings = PmmSettings()
    timezone: str = "Asia/Jakarta"  # the day of "once a day"
    lease: float = 60.0  # seconds a worker holds a job without a heartbeat
    poll_interval: float = 1.0  # seconds between a worker's looks at the queue
    chunk: int = 200  # records of a push marked in flight and recorded together
    webhook_timeout: float = 10.0
    webhook_attempts: int = 8  # tries of one delivery, backing off 2^n * webhook_backoff
    webhook_backoff: float = 5.0
    client_token_ttl: int = 3600  # seconds a service account's access token lives
    sandbox: bool = False  # embedded mode: serve the sandboxes and point at them

    @classmethod
    def from_env(cls, extra: Mapping[str, str] | None = None) -> "IntegrationSettings":
        env = {**os.environ, **(extra or {})}

        def get(name: str, default=None):
            value = env.get(PREFIX + name)
            return default if value in (None, "") else value

        def num(name: str, default: float) -> float:
            return float(get(name, default))

        siasn = SiasnSettings(
            url=get("SIASN_URL"), token_url=get("SIASN_TOKEN_URL"), sso_url=get("SIASN_SSO_URL"),
            consumer_key=get("SIASN_CONSUMER_KEY"), consumer_secret=get("SIASN_CONSUMER_SECRET"),
            client_id=get("SIASN_CLIENT_ID"), username=get("SIASN_USERNAME"),
            password=get("SIASN_PASSWORD"), timeout=num("SIASN_TIMEOUT", 30.0),
            connect_timeout=num("SIASN_CONNECT_TIMEOUT", 5.0),
            attempts=int(num("SIASN_ATTEMPTS", 6)), backoff=num("SIASN_BACKOFF", 0.5),
            backoff_max=num("SIASN_BACKOFF_MAX", 30.0),
            concurrency=int(num("SIASN_CONCURRENCY", 4)),
            page_size=int(num("SIASN_PAGE_SIZE", 500)),
            lookup_first=get("SIASN_LOOKUP_FIRST", "0").lower() in ("1", "true", "yes"),
        )
        pmm = PmmSettings(url=get("PMM_URL"), client_id=get("PMM_CLIENT_ID"),
                          client_secret=get("PMM_CLIENT_SECRET"),
                          timeout=num("PMM_TIMEOUT", 30.0), attempts=int(num("PMM_ATTEMPTS", 4)))
        return cls(
            siasn=siasn, pmm=pmm, timezone=get("TIMEZONE", "Asia/Jakarta"),
            lease=num("LEASE", 60.0), poll_interval=num("POLL_INTERVAL", 1.0),
            chunk=int(num("CHUNK", 200)), webhook_timeout=num("WEBHOOK_TIMEOUT", 10.0),
            webhook_attempts=int(num("WEBHOOK_ATTEMPTS", 8)),
            webhook_backoff=num("WEBHOOK_BACKOFF", 5.0),
            client_token_ttl=int(num("CLIENT_TOKEN_TTL", 3600)),
            sandbox=get("SANDBOX", "0").lower() in ("1", "true", "yes"),
        )
