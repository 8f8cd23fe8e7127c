"""RS256 signing keys, the JWKS document and token signing (identity's side of auth).

identity holds one or more ``SigningKey``s: it signs with the newest and keeps older ones in
the JWKS until every token they signed has expired, so rotation never logs anyone out.
Tests of every service sign their tokens with these too.
"""
from __future__ import annotations

import base64
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable, Mapping

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ALGORITHM = "RS256"
KEY_BITS = 2048


def _b64url_uint(value: int) -> str:
    raw = value.to_bytes((value.bit_length() + 7) // 8 or 1, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def generate_private_key(bits: int = KEY_BITS) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def public_jwk(public_key: rsa.RSAPublicKey, kid: str) -> dict[str, str]:
    numbers = public_key.public_numbers()
    return {
        "kty": "RSA",
        "kid": kid,
        "use": "sig",
        "alg": ALGORITHM,
        "n": _b64url_uint(numbers.n),
        "e": _b64url_uint(numbers.e),
    }


def jwk_thumbprint(public_key: rsa.RSAPublicKey) -> str:
    """RFC 7638 thumbprint (SHA-256, base64url): a stable kid derived from the key itself."""
    numbers = public_key.public_numbers()
    canonical = json.dumps(
        {"e": _b64url_uint(numbers.e), "kty": "RSA", "n": _b64url_uint(numbers.n)},
        separators=(",", ":"),
        sort_keys=True,
    )
    digest = hashlib.sha256(canonical.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class SigningKey:
    """A private RSA key with its ``kid``. ``private_pem`` is PKCS#8 PEM text (store it as a
    secret); it is kept out of ``repr``."""

    kid: str
    private_pem: str = field(repr=False)
    _private_key: rsa.RSAPrivateKey = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        key = serialization.load_pem_private_key(self.private_pem.encode("ascii"), password=None)
        if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < KEY_BITS:
            raise ValueError(f"signing key must be RSA of at least {KEY_BITS} bits")
        object.__setattr__(self, "_private_key", key)

    @classmethod
    def generate(cls, kid: str | None = None, *, bits: int = KEY_BITS) -> "SigningKey":
        """A fresh key; ``kid`` defaults to the RFC 7638 thumbprint of its public half."""
        return cls.from_private_key(generate_private_key(bits), kid=kid)

    @classmethod
    def from_private_key(cls, key: rsa.RSAPrivateKey, kid: str | None = None) -> "SigningKey":
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode("ascii")
        return cls(kid=kid or jwk_thumbprint(key.public_key()), private_pem=pem)

    @classmethod
    def from_pem(cls, private_pem: str, kid: str | None = None) -> "SigningKey":
        key = serialization.load_pem_private_key(private_pem.encode("ascii"), password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise ValueError("signing key must be RSA")
        return cls(kid=kid or jwk_thumbprint(key.public_key()), private_pem=private_pem)

    @property
    def private_key(self) -> rsa.RSAPrivateKey:
        return self._private_key

    @property
    def public_key(self) -> rsa.RSAPublicKey:
        return self._private_key.public_key()

    @property
    def public_jwk(self) -> dict[str, str]:
        return public_jwk(self.public_key, self.kid)

    @property
    def public_pem(self) -> str:
        return self.public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")


def generate_signing_key(kid: str | None = None) -> SigningKey:
    return SigningKey.generate(kid)


def jwks_document(keys: Iterable[SigningKey | Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """``{"keys": [...]}`` with the public half of each key (a JWK dict passes through, so
    retired-but-not-yet-expired public keys can be listed without their private half)."""
    out: list[dict[str, Any]] = []
    for key in keys:
        out.append(key.public_jwk if isinstance(key, SigningKey) else dict(key))
    return {"keys": out}


def sign_token(
    claims: Mapping[str, Any],
    key: SigningKey,
    *,
    issuer: str,
    audience: str,
    expires_in: int | float | timedelta,
    now: datetime | None = None,
) -> str:
    """An RS256 JWT with header ``kid``; sets ``iss``, ``aud``, ``iat``, ``nbf``, ``exp`` and
    (unless ``claims`` has one) a random ``jti``. ``now`` lets tests make expired or
    not-yet-valid tokens."""
    if isinstance(expires_in, timedelta):
        expires_in = expires_in.total_seconds()
    issued = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    payload = {k: v for k, v in claims.items() if v is not None}
    payload.update(
        iss=issuer,
        aud=audience,
        iat=int(issued.timestamp()),
        nbf=int(issued.timestamp()),
        exp=int(issued.timestamp() + expires_in),
    )
    payload.setdefault("jti", uuid.uuid4().hex)
    return jwt.encode(payload, key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid})
