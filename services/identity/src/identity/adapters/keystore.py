"""Signing keys in identity's database.

Every key has a ``signs_from`` time. A rotated key is published in the JWKS at once but signs
only from ``signs_from`` on (``KINERJA_IDENTITY_KEY_PUBLISH_DELAY`` later, see
``identity.config``), so the other services' JWKS caches hold it before any token names it.
The key that signs is the newest key (by ``created_at``) whose ``signs_from`` has come; every
non-retired key is published, pending ones included (tokens signed before a rotation keep
verifying too). Each replica decides which key signs from its own clock and the rows it has
read, so all replicas switch at ``signs_from`` whatever their cache age."""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta
from typing import Any, Callable

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from kinerja_shared.auth.keys import SigningKey
from kinerja_shared.clock import now as utcnow
from kinerja_shared.db.times import as_utc

from .tables import signing_key

log = logging.getLogger("kinerja.identity")

# seconds another replica may keep reading the key set it loaded before (KeyStore cache)
CACHE_SECONDS = 5.0


def signer_of(rows: list[dict[str, Any]], at: datetime) -> dict[str, Any] | None:
    """The key that signs at ``at`` among the non-retired ``rows``: the newest (``created_at``,
    then ``kid``) whose ``signs_from`` has come. When none has (only pending keys are left: the
    signing key was retired by hand), the one due first, so that tokens can still be issued;
    it is published already."""
    due = [r for r in rows if r["signs_from"] <= at]
    if due:
        return max(due, key=lambda r: (r["created_at"], r["kid"]))
    if rows:
        return min(rows, key=lambda r: (r["signs_from"], r["kid"]))
    return None


class KeyStore:
    """Reads keys through a short cache (``cache_seconds``); changes made through this object
    clear it at once, other replicas see them within the cache time. The parsed private key is
    kept per ``kid`` (parsing and checking an RSA PEM costs tens of milliseconds: more than a
    whole login at a low argon2 cost). ``clock`` gives the current UTC time (the service clock,
    ``kinerja_shared.clock``, by default; tests move it)."""

    def __init__(self, session_factory: sessionmaker[Session], *,
                 cache_seconds: float = CACHE_SECONDS,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self._sessions = session_factory
        self._cache_seconds = cache_seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._loaded_at: float | None = None
        self._active: list[dict[str, Any]] = []
        self._parsed: dict[str, SigningKey] = {}
        self._warned_no_due_key = False

    def now(self) -> datetime:
        return self.clock()

    def _rows(self) -> list[dict[str, Any]]:
        with self._lock:
            now = time.monotonic()
            if self._loaded_at is None or now - self._loaded_at >= self._cache_seconds:
                with self._sessions() as s:
                    rows = s.execute(
                        sa.select(signing_key).where(signing_key.c.retired_at.is_(None))
                        .order_by(signing_key.c.created_at.desc(), signing_key.c.kid)
                    ).mappings().all()
                self._active = [{**r, "created_at": as_utc(r["created_at"]),
                                 "signs_from": as_utc(r["signs_from"])} for r in rows]
                self._loaded_at = now
            return self._active

    def invalidate(self) -> None:
        with self._lock:
            self._loaded_at = None

    def jwks(self) -> dict[str, list[dict[str, Any]]]:
        """Every non-retired key, those not signing yet included."""
        return {"keys": [dict(r["public_jwk"]) for r in self._rows()]}

    def current(self) -> SigningKey:
        rows = self._rows()
        if not rows:
            self.rotate()
            rows = self._rows()
        at = self.now()
        row = signer_of(rows, at)
        if row["signs_from"] > at and not self._warned_no_due_key:
            self._warned_no_due_key = True
            log.warning("no signing key is due yet (was the signing key retired by hand?): "
                        "signing with %s, due at %s", row["kid"], row["signs_from"].isoformat())
        with self._lock:
            key = self._parsed.get(row["kid"])
            if key is None or key.private_pem != row["private_pem"]:
                key = SigningKey(kid=row["kid"], private_pem=row["private_pem"])
                self._parsed = {row["kid"]: key}  # only the signing key is ever needed
            return key

    def list(self) -> list[dict[str, Any]]:
        """Every key, newest first, with ``aktif`` (published), ``penandatangan`` (signs now)
        and ``menunggu`` (published, will sign from ``signs_from``: newer than the signing
        key, its time not come yet)."""
        with self._sessions() as s:
            rows = s.execute(sa.select(signing_key.c.kid, signing_key.c.created_at,
                                       signing_key.c.signs_from, signing_key.c.retired_at)
                             .order_by(signing_key.c.created_at.desc(), signing_key.c.kid)
                             ).mappings().all()
        at = self.now()
        signer = signer_of(self._rows(), at)
        out = []
        for r in rows:
            k = {**r, "created_at": as_utc(r["created_at"]), "signs_from": as_utc(r["signs_from"]),
                 "retired_at": as_utc(r["retired_at"])}
            aktif = k["retired_at"] is None
            penandatangan = signer is not None and k["kid"] == signer["kid"]
            menunggu = (aktif and not penandatangan and k["signs_from"] > at
                        and (signer is None
                             or (k["created_at"], k["kid"]) > (signer["created_at"], signer["kid"])))
            out.append({**k, "aktif": aktif, "penandatangan": penandatangan, "menunggu": menunggu})
        return out

    def rotate(self, *, delay: float = 0.0) -> str:
        """A new key, published at once, that signs ``delay`` seconds from now (0: at once);
        older keys keep verifying until retired."""
        key = SigningKey.generate()
        created = self.now()
        with self._sessions() as s:
            s.execute(signing_key.insert().values(
                kid=key.kid, private_pem=key.private_pem, public_jwk=key.public_jwk,
                created_at=created, signs_from=created + timedelta(seconds=max(delay, 0.0)),
                retired_at=None))
            s.commit()
        self.invalidate()
        return key.kid

    def retire(self, kid: str) -> bool:
        """Stop publishing ``kid``: tokens it signed stop verifying. False when unknown."""
        with self._sessions() as s:
            n = s.execute(signing_key.update().where(signing_key.c.kid == kid,
                                                     signing_key.c.retired_at.is_(None))
                          .values(retired_at=self.now())).rowcount
            s.commit()
        self.invalidate()
        return bool(n)

    def ensure_key(self) -> None:
        """The first key signs at once (no token exists yet that a verifier could miss)."""
        if not self._rows():
            self.rotate()
