"""Settings of the identity service, read once from the environment (docs/services/identity.md)."""
from __future__ import annotations

import inspect
import math
import os
from dataclasses import dataclass
from typing import Mapping

from kinerja_shared.auth.verify import JwksClient

from .adapters.keystore import CACHE_SECONDS as KEYSTORE_CACHE_SECONDS


def _jwks_client_default(name: str) -> float:
    return inspect.signature(JwksClient.__init__).parameters[name].default


# How long a rotated key is published in the JWKS before it signs. The other services verify
# with JwksClient (kinerja_shared.auth.verify), built by the runtime with its defaults, read
# here: it reloads the key set on a lookup once the set is JWKS_CACHE_SECONDS (300 s) old, and
# also for a kid it does not know, but it never fetches twice within JWKS_MIN_REFETCH (30 s).
#
# - The hard minimum, MINIMUM_PUBLISH_DELAY = JWKS_MIN_REFETCH + KEYSTORE_CACHE_SECONDS (35 s):
#   a client that fetched just before the new key appeared (from a replica of identity that
#   still served the old set, up to KEYSTORE_CACHE_SECONDS after the rotation) may fetch again
#   for the unknown kid only JWKS_MIN_REFETCH after that; a token of the new key arriving
#   sooner gets 401. That is what an immediate rotation costs (`rotate --now`).
# - The default also waits out the regular reload: JWKS_CACHE_SECONDS + JWKS_MIN_REFETCH (a
#   failed attempt postpones a reload by that much) + KEYSTORE_CACHE_SECONDS = 335 s, rounded
#   up to a whole minute (the rest is room for clock skew: each identity replica switches by
#   its own clock): 360 s. By then every client that verified a token in the half minute
#   before the switch (and could reach identity) has reloaded the key set since the rotation
#   and holds the new key before a token names it; an idle client's set is stale, so its next
#   lookup reloads anyway. No client needs the unknown-kid refetch at the switch, so a
#   rotation adds no JWKS fetches and no moment at which every replica of every service
#   fetches at once.
# Rotation is scheduled and rare; six minutes of waiting cost nothing. Change the JwksClient
# defaults and this default follows; a shorter setting than the minimum is logged as a warning.
JWKS_CACHE_SECONDS = _jwks_client_default("cache_seconds")
JWKS_MIN_REFETCH = _jwks_client_default("min_refetch_interval")
MINIMUM_PUBLISH_DELAY = JWKS_MIN_REFETCH + KEYSTORE_CACHE_SECONDS
DEFAULT_PUBLISH_DELAY = int(
    math.ceil((JWKS_CACHE_SECONDS + JWKS_MIN_REFETCH + KEYSTORE_CACHE_SECONDS) / 60) * 60)


@dataclass(frozen=True)
class IdentitySettings:
    token_ttl: int = 3600  # seconds an access token lives
    # seconds a login session lasts (its rotating refresh tokens): a working day
    refresh_ttl: int = 43200
    # seconds after its rotation in which a refresh token presented again (two requests of one
    # browser at once) gets a new pair of the same session instead of revoking it
    refresh_grace: int = 10
    # argon2id cost: OWASP's recommendation (t=2, m=19 MiB, p=1); docs/BENCHMARKS.md
    argon2_time_cost: int = 2
    argon2_memory_cost: int = 19456  # KiB
    argon2_parallelism: int = 1
    # login throttling: after max failures within window, 429 for lockout seconds
    login_max_failures: int = 5
    login_max_failures_ip: int = 50
    login_window: int = 900
    login_lockout: int = 900
    # seconds a rotated key is published before it signs (see DEFAULT_PUBLISH_DELAY above)
    key_publish_delay: int = DEFAULT_PUBLISH_DELAY

    @classmethod
    def from_env(cls, extra: Mapping[str, str] | None = None) -> "IdentitySettings":
        env = {**os.environ, **(extra or {})}

        def num(name: str, default: int) -> int:
            value = env.get(f"KINERJA_IDENTITY_{name}")
            return int(value) if value not in (None, "") else default

        return cls(
            token_ttl=num("TOKEN_TTL", cls.token_ttl),
            refresh_ttl=num("REFRESH_TTL", cls.refresh_ttl),
            refresh_grace=num("REFRESH_GRACE", cls.refresh_grace),
            argon2_time_cost=num("ARGON2_TIME_COST", cls.argon2_time_cost),
            argon2_memory_cost=num("ARGON2_MEMORY_COST", cls.argon2_memory_cost),
            argon2_parallelism=num("ARGON2_PARALLELISM", cls.argon2_parallelism),
            login_max_failures=num("LOGIN_MAX_FAILURES", cls.login_max_failures),
            login_max_failures_ip=num("LOGIN_MAX_FAILURES_IP", cls.login_max_failures_ip),
            login_window=num("LOGIN_WINDOW", cls.login_window),
            login_lockout=num("LOGIN_LOCKOUT", cls.login_lockout),
            key_publish_delay=num("KEY_PUBLISH_DELAY", cls.key_publish_delay),
        )

