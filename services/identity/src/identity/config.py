"""Settings of the identity service, read once from the environment (docs/services/identity.md)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class IdentitySettings:
    token_ttl: int = 3600  # seconds an access token lives
    # argon2id cost (RFC 9106 "second recommended option": t=3, m=64 MiB, p=4)
    argon2_time_cost: int = 3
    argon2_memory_cost: int = 65536  # KiB
    argon2_parallelism: int = 4
    # login throttling: after max failures within window, 429 for lockout seconds
    login_max_failures: int = 5
    login_max_failures_ip: int = 50
    login_window: int = 900
    login_lockout: int = 900

    @classmethod
    def from_env(cls, extra: Mapping[str, str] | None = None) -> "IdentitySettings":
        env = {**os.environ, **(extra or {})}

        def num(name: str, default: int) -> int:
            value = env.get(f"KINERJA_IDENTITY_{name}")
            return int(value) if value not in (None, "") else default

        return cls(
            token_ttl=num("TOKEN_TTL", cls.token_ttl),
            argon2_time_cost=num("ARGON2_TIME_COST", cls.argon2_time_cost),
            argon2_memory_cost=num("ARGON2_MEMORY_COST", cls.argon2_memory_cost),
            argon2_parallelism=num("ARGON2_PARALLELISM", cls.argon2_parallelism),
            login_max_failures=num("LOGIN_MAX_FAILURES", cls.login_max_failures),
            login_max_failures_ip=num("LOGIN_MAX_FAILURES_IP", cls.login_max_failures_ip),
            login_window=num("LOGIN_WINDOW", cls.login_window),
            login_lockout=num("LOGIN_LOCKOUT", cls.login_lockout),
        )


def identity_settings(runtime) -> IdentitySettings:
    """Cached on the runtime; the service's own ``KINERJA_IDENTITY_*`` come from its settings."""
    cached = getattr(runtime, "_identity_settings", None)
    if cached is None:
        cached = IdentitySettings.from_env(runtime.settings.extra)
        runtime._identity_settings = cached
    return cached
