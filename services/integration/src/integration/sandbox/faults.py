"""What a sandbox does wrong on request: server errors, rate limits, slow answers, answers lost
after the work was done, tokens that expire. Set with ``POST /_sandbox/faults`` (JSON with any
of the fields of ``Faults``), read with ``GET /_sandbox/faults``; ``seed`` makes a run
repeatable.

Each request of a kind in ``scope`` (``read``, ``save``, ``token``) draws once: ``error_rate``
answers ``error_status`` (5xx) without doing anything; ``rate_limited_rate`` answers 429 with
``Retry-After: retry_after``; ``lost_answer_rate`` (saves only) does the work, commits it, then
loses the answer (``lost_answer_mode``: ``504`` answers a gateway timeout, ``timeout`` waits
``slow_seconds`` so the client gives up); ``slow_rate`` waits ``slow_seconds`` first.
``rate_limit_per_second`` (0: off) is a real limit per client (429 past it).
``token_max_uses`` (0: off) expires a token after that many accepted calls, so a test sees
tokens expire mid-run however fast the run goes (``POST /_sandbox/expire-tokens`` expires every
token now).
"""
from __future__ import annotations

import dataclasses
import random
import secrets
import threading
import time
from typing import Any

KINDS = ("read", "save", "token")


@dataclasses.dataclass
class Faults:
    error_rate: float = 0.0
    error_status: int = 503
    rate_limited_rate: float = 0.0
    retry_after: int = 1
    lost_answer_rate: float = 0.0
    lost_answer_mode: str = "504"
    slow_rate: float = 0.0
    slow_seconds: float = 0.0
    rate_limit_per_second: float = 0.0
    gateway_token_ttl: int = 3600
    sso_token_ttl: int = 43200
    token_max_uses: int = 0
    scope: tuple[str, ...] = ("read", "save")
    seed: int | None = None

    def as_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["scope"] = list(self.scope)
        return data


class FaultError(ValueError):
    pass


class Controller:
    """The current faults, the random draws, the per-client rate limit and the tokens."""

    def __init__(self) -> None:
        self.faults = Faults()
        self._random = random.Random()
        self._lock = threading.Lock()
        self._tokens: dict[str, tuple[str, float]] = {}  # token -> (kind, expires at)
        self._uses: dict[str, int] = {}  # token -> accepted calls
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, last time)
        self.counts: dict[str, int] = {}

    # -- faults ----------------------------------------------------------------------------
    def configure(self, changes: dict[str, Any], *, reset: bool = False) -> Faults:
        fields = {f.name: f for f in dataclasses.fields(Faults)}
        unknown = set(changes) - set(fields)
        if unknown:
            raise FaultError(f"unknown fault settings: {sorted(unknown)}")
        base = Faults() if reset else self.faults
        values = base.as_dict()
        values.update(changes)
        for name in ("error_rate", "rate_limited_rate", "lost_answer_rate", "slow_rate"):
            if not 0 <= float(values[name]) <= 1:
                raise FaultError(f"{name} must be between 0 and 1")
        if int(values["token_max_uses"]) < 0:
            raise FaultError("token_max_uses must be 0 (off) or more")
        if values["lost_answer_mode"] not in ("504", "timeout"):
            raise FaultError("lost_answer_mode must be 504 or timeout")
        if not set(values["scope"]) <= set(KINDS):
            raise FaultError(f"scope is a list of {KINDS}")
        values["scope"] = tuple(values["scope"])
        with self._lock:
            self.faults = Faults(**values)
            if self.faults.seed is not None:
                self._random.seed(self.faults.seed)
        return self.faults

    def draw(self, kind: str) -> tuple[str, Any] | None:
        """What goes wrong with this request: ("error", status), ("429", seconds),
        ("lost", mode), ("slow", seconds), or None."""
        f = self.faults
        if kind not in f.scope:
            return None
        with self._lock:
            r = self._random.random()
        for name, rate, outcome in (
            ("error", f.error_rate, ("error", f.error_status)),
            ("429", f.rate_limited_rate, ("429", f.retry_after)),
            ("lost", f.lost_answer_rate if kind == "save" else 0.0, ("lost", f.lost_answer_mode)),
            ("slow", f.slow_rate, ("slow", f.slow_seconds)),
        ):
            if r < rate:
                self.count(f"fault_{name}")
                return outcome
            r -= rate
        return None

    def over_limit(self, client: str) -> bool:
        """Token bucket of ``rate_limit_per_second`` per client (burst of one second)."""
        rate = self.faults.rate_limit_per_second
        if rate <= 0:
            return False
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(client, (rate, now))
            tokens = min(rate, tokens + (now - last) * rate)
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                return True
            self._buckets[client] = (tokens - 1, now)
        return False

    def count(self, name: str, n: int = 1) -> None:
        with self._lock:
            self.counts[name] = self.counts.get(name, 0) + n

    # -- tokens ----------------------------------------------------------------------------
    def issue(self, kind: str, ttl: int) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._tokens[token] = (kind, time.time() + ttl)
        self.count(f"token_{kind}")
        return token

    def valid(self, token: str | None, kind: str) -> bool:
        if not token:
            return False
        limit = self.faults.token_max_uses
        with self._lock:
            found = self._tokens.get(token)
            if found is None or found[0] != kind or found[1] <= time.time():
                return False
            if limit:
                used = self._uses.get(token, 0)
                if used >= limit:
                    return False
                self._uses[token] = used + 1
        return True

    def expire_tokens(self) -> int:
        """Every token issued so far expires now (a client must fetch new ones)."""
        with self._lock:
            n = len(self._tokens)
            self._tokens = {t: (k, 0.0) for t, (k, _) in self._tokens.items()}
        return n
