"""Token verification every service does locally (OWASP ASVS 5.0 V9).

Rules: RS256 only (``none``, HS* and everything else refused, before any key is touched); the
key comes only from the key source (identity's JWKS), chosen by the required ``kid``; the
signature is checked before any claim is used; ``exp``, ``nbf``, ``iss`` and ``aud`` are
required and enforced; ``iat`` is required (``login_required`` compares it with the pegawai's
revocation cutoff, see ``auth.revocation``).
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, Mapping, Protocol

import jwt
import requests
from jwt.algorithms import RSAAlgorithm

from .keys import ALGORITHM
from .principal import InvalidClaims, Principal

log = logging.getLogger("kinerja.auth")

MAX_TOKEN_LENGTH = 8192  # a token is a few hundred bytes; refuse anything absurd unparsed
# iat too: revoked sessions are recognised by it (auth.revocation)
REQUIRED_CLAIMS = ["exp", "nbf", "iat", "iss", "aud", "sub"]

PublicKey = Any  # cryptography RSAPublicKey


class InvalidToken(Exception):
    """The token is refused. ``reason`` is for logs, never shown to the caller."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class KeySourceUnavailable(Exception):
    """No keys could be loaded at all (identity unreachable and nothing cached)."""


class KeySource(Protocol):
    def get_key(self, kid: str) -> PublicKey | None: ...


def parse_jwks(document: Any) -> dict[str, PublicKey]:
    """kid -> RSA public key for the usable entries of a JWKS; anything else is skipped."""
    if not isinstance(document, Mapping) or not isinstance(document.get("keys"), list):
        raise ValueError("not a JWKS document")
    keys: dict[str, PublicKey] = {}
    for jwk in document["keys"]:
        if not isinstance(jwk, Mapping):
            continue
        kid = jwk.get("kid")
        if (
            jwk.get("kty") != "RSA"
            or not isinstance(kid, str)
            or jwk.get("use", "sig") != "sig"
            or jwk.get("alg", ALGORITHM) != ALGORITHM
        ):
            log.warning("jwks: skipping unusable key kid=%r kty=%r", kid, jwk.get("kty"))
            continue
        try:
            keys[kid] = RSAAlgorithm.from_jwk(dict(jwk))
        except (jwt.InvalidKeyError, ValueError, TypeError, KeyError):
            log.warning("jwks: skipping malformed key kid=%r", kid)
    return keys


class StaticKeySource:
    """Keys from a JWKS dict, or from a callable returning one on every lookup (the embedded
    mode hands identity's live key set in this way, so rotation is seen at once)."""

    def __init__(self, jwks: Mapping[str, Any] | Callable[[], Mapping[str, Any]]) -> None:
        self._provider = jwks if callable(jwks) else None
        self._keys = None if callable(jwks) else parse_jwks(jwks)

    def get_key(self, kid: str) -> PublicKey | None:
        keys = parse_jwks(self._provider()) if self._provider is not None else self._keys
        return keys.get(kid)


class JwksClient:
    """identity's JWKS over HTTP, cached for ``cache_seconds``; an unknown ``kid`` triggers a
    refetch (a key was just rotated in), but no fetch of any kind happens more often than
    every ``min_refetch_interval`` seconds, so forged kids cannot make us hammer identity.
    When a refresh fails the keys already held stay in use."""

    def __init__(
        self,
        url: str,
        *,
        cache_seconds: float = 300,
        min_refetch_interval: float = 30,
        timeout: float = 5,
        session: requests.Session | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self.cache_seconds = cache_seconds
        self.min_refetch_interval = min_refetch_interval
        self.timeout = timeout
        self._session = session or requests.Session()
        self._clock = clock
        self._lock = threading.Lock()
        self._keys: dict[str, PublicKey] | None = None
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None
        self.fetch_count = 0  # attempts, for tests and metrics

    def get_key(self, kid: str) -> PublicKey | None:
        with self._lock:
            now = self._clock()
            stale = self._fetched_at is None or now - self._fetched_at >= self.cache_seconds
            if stale or (self._keys is not None and kid not in self._keys):
                self._refresh(now)
            if self._keys is None:
                raise KeySourceUnavailable(f"no JWKS from {self.url}")
            return self._keys.get(kid)

    def _refresh(self, now: float) -> None:
        if self._attempted_at is not None and now - self._attempted_at < self.min_refetch_interval:
            return
        self._attempted_at = now
        self.fetch_count += 1
        try:
            resp = self._session.get(self.url, timeout=self.timeout)
            resp.raise_for_status()
            keys = parse_jwks(resp.json())
        except (requests.RequestException, ValueError) as exc:
            log.warning("jwks: fetching %s failed: %s", self.url, exc)
            return
        self._keys = keys
        self._fetched_at = now


class TokenVerifier:
    """Checks a bearer token and returns the ``Principal`` it names, or raises
    ``InvalidToken`` (``KeySourceUnavailable`` when no keys can be had)."""

    def __init__(self, key_source: KeySource, *, issuer: str, audience: str, leeway: float = 30) -> None:
        self.key_source = key_source
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway

    def verify(self, token: str) -> Principal:
        if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
            raise InvalidToken("malformed token")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken(f"malformed header: {exc}") from None
        if header.get("alg") != ALGORITHM:
            raise InvalidToken(f"algorithm {header.get('alg')!r} not allowed")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise InvalidToken("kid missing")
        key = self.key_source.get_key(kid)
        if key is None:
            raise InvalidToken(f"unknown kid {kid!r}")
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=[ALGORITHM],
                issuer=self.issuer,
                audience=self.audience,
                leeway=self.leeway,
                options={"require": REQUIRED_CLAIMS, "verify_signature": True},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(f"{type(exc).__name__}: {exc}") from None
        try:
            return Principal.from_claims(claims)
        except InvalidClaims as exc:
            raise InvalidToken(f"bad claims: {exc}") from None
