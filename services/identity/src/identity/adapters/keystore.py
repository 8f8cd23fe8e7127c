"""Signing keys in identity's database: the newest non-retired key signs, every non-retired
key is published in the JWKS (so tokens signed before a rotation still verify)."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from kinerja_shared.auth.keys import SigningKey

from .tables import signing_key


class KeyStore:
    """Reads keys through a short cache (``cache_seconds``); changes made through this object
    clear it at once, other replicas see them within the cache time. The parsed private key is
    kept per ``kid`` (parsing and checking an RSA PEM costs tens of milliseconds: more than a
    whole login at a low argon2 cost)."""

    def __init__(self, session_factory: sessionmaker[Session], *, cache_seconds: float = 5.0) -> None:
        self._sessions = session_factory
        self._cache_seconds = cache_seconds
        self._lock = threading.Lock()
        self._loaded_at: float | None = None
        self._active: list[dict[str, Any]] = []
        self._parsed: dict[str, SigningKey] = {}

    def _rows(self) -> list[dict[str, Any]]:
        with self._lock:
            now = time.monotonic()
            if self._loaded_at is None or now - self._loaded_at >= self._cache_seconds:
                with self._sessions() as s:
                    rows = s.execute(
                        sa.select(signing_key).where(signing_key.c.retired_at.is_(None))
                        .order_by(signing_key.c.created_at.desc(), signing_key.c.kid)
                    ).mappings().all()
                self._active = [dict(r) for r in rows]
                self._loaded_at = now
            return self._active

    def invalidate(self) -> None:
        with self._lock:
            self._loaded_at = None

    def jwks(self) -> dict[str, list[dict[str, Any]]]:
        return {"keys": [dict(r["public_jwk"]) for r in self._rows()]}

    def current(self) -> SigningKey:
        rows = self._rows()
        if not rows:
            self.rotate()
            rows = self._rows()
        row = rows[0]
        with self._lock:
            key = self._parsed.get(row["kid"])
            if key is None or key.private_pem != row["private_pem"]:
                key = SigningKey(kid=row["kid"], private_pem=row["private_pem"])
                self._parsed = {row["kid"]: key}  # only the signing key is ever needed
            return key

    def list(self) -> list[dict[str, Any]]:
        with self._sessions() as s:
            rows = s.execute(sa.select(signing_key.c.kid, signing_key.c.created_at,
                                       signing_key.c.retired_at)
                             .order_by(signing_key.c.created_at.desc())).mappings().all()
        active = self._rows()
        current = active[0]["kid"] if active else None
        return [{**dict(r), "aktif": r["retired_at"] is None, "penandatangan": r["kid"] == current}
                for r in rows]

    def rotate(self) -> str:
        """A new key that signs from now on; older keys keep verifying until retired."""
        key = SigningKey.generate()
        with self._sessions() as s:
            s.execute(signing_key.insert().values(
                kid=key.kid, private_pem=key.private_pem, public_jwk=key.public_jwk,
                created_at=datetime.now(timezone.utc), retired_at=None))
            s.commit()
        self.invalidate()
        return key.kid

    def retire(self, kid: str) -> bool:
        """Stop publishing ``kid``: tokens it signed stop verifying. False when unknown."""
        with self._sessions() as s:
            n = s.execute(signing_key.update().where(signing_key.c.kid == kid,
                                                     signing_key.c.retired_at.is_(None))
                          .values(retired_at=datetime.now(timezone.utc))).rowcount
            s.commit()
        self.invalidate()
        return bool(n)

    def ensure_key(self) -> None:
        if not self._rows():
            self.rotate()
