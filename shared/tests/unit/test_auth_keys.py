"""Signing keys, JWKS document and token signing (identity's side)."""
from __future__ import annotations

from datetime import datetime, timezone

import jwt
import pytest

from kinerja_shared.auth.keys import SigningKey, jwks_document, jwk_thumbprint, sign_token
from kinerja_shared.auth.testing import shared_test_key


def test_jwks_document_lists_public_half_of_each_key():
    old, new = shared_test_key("old"), shared_test_key("new")

    doc = jwks_document([new, old])

    assert [k["kid"] for k in doc["keys"]] == ["new", "old"]
    for jwk in doc["keys"]:
        assert {"kty", "kid", "use", "alg", "n", "e"} == set(jwk)
        assert (jwk["kty"], jwk["use"], jwk["alg"], jwk["e"]) == ("RSA", "sig", "RS256", "AQAB")
    assert "PRIVATE" not in str(doc) and "\"d\"" not in str(doc)


def test_generated_key_is_rsa_2048_with_thumbprint_kid():
    key = shared_test_key()
    fresh = SigningKey.from_pem(key.private_pem)

    assert key.private_key.key_size == 2048
    assert fresh.kid == jwk_thumbprint(key.public_key)
    assert SigningKey.from_pem(key.private_pem, kid="k1").public_jwk["n"] == key.public_jwk["n"]


def test_private_pem_stays_out_of_repr():
    assert "PRIVATE" not in repr(shared_test_key())


def test_signed_token_carries_kid_and_registered_claims():
    key = shared_test_key()
    now = datetime(2026, 11, 1, 8, 0, tzinfo=timezone.utc)

    token = sign_token({"sub": "p-1", "roles": ["pegawai"]}, key, issuer="iss", audience="aud",
                       expires_in=600, now=now)

    assert jwt.get_unverified_header(token) == {"alg": "RS256", "kid": key.kid, "typ": "JWT"}
    claims = jwt.decode(token, key.public_key, algorithms=["RS256"], audience="aud",
                        options={"verify_exp": False, "verify_nbf": False, "verify_iat": False})
    stamp = int(now.timestamp())
    assert (claims["iss"], claims["aud"], claims["sub"]) == ("iss", "aud", "p-1")
    assert (claims["iat"], claims["nbf"], claims["exp"]) == (stamp, stamp, stamp + 600)
    assert claims["jti"]


def test_each_token_gets_its_own_jti():
    key = shared_test_key()
    a = jwt.decode(sign_token({"sub": "p"}, key, issuer="i", audience="a", expires_in=60),
                   options={"verify_signature": False})
    b = jwt.decode(sign_token({"sub": "p"}, key, issuer="i", audience="a", expires_in=60),
                   options={"verify_signature": False})
    assert a["jti"] != b["jti"]


def test_short_rsa_keys_are_refused():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    pem = weak.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()
    with pytest.raises(ValueError):
        SigningKey(kid="weak", private_pem=pem)
