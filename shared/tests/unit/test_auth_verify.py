"""Token verification: RS256 only, keys only from the key source, exp/nbf/iss/aud enforced."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest

from kinerja_shared.auth.keys import jwks_document, sign_token
from kinerja_shared.auth.testing import shared_test_key
from kinerja_shared.auth.verify import (
    InvalidToken,
    JwksClient,
    KeySourceUnavailable,
    StaticKeySource,
    TokenVerifier,
)

ISS, AUD = "kinerja-identity", "kinerja"
CLAIMS = {"sub": "p-1", "nip": "199001012015011001", "nama": "Budi", "instansi_id": "i-1",
          "roles": ["pegawai"]}


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def raw_token(header: dict, payload: dict, signature: bytes = b"") -> str:
    head = b64(json.dumps(header).encode()) + "." + b64(json.dumps(payload).encode())
    return head + "." + b64(signature)


def valid_payload() -> dict:
    now = int(datetime.now(timezone.utc).timestamp())
    return {**CLAIMS, "iss": ISS, "aud": AUD, "iat": now, "nbf": now, "exp": now + 600}


@pytest.fixture
def key():
    return shared_test_key("k1")


@pytest.fixture
def verifier(key):
    return TokenVerifier(StaticKeySource(jwks_document([key])), issuer=ISS, audience=AUD)


def token(key, *, claims=CLAIMS, issuer=ISS, audience=AUD, expires_in=600, now=None):
    return sign_token(claims, key, issuer=issuer, audience=audience, expires_in=expires_in,
                      now=now)


def test_valid_token_gives_the_principal(verifier, key):
    principal = verifier.verify(token(key))

    assert principal.pegawai_id == "p-1"
    assert principal.nip == "199001012015011001"
    assert principal.instansi_id == "i-1"
    assert principal.roles == {"pegawai"}
    assert principal.token_id


def test_expired_token_is_refused(verifier, key):
    two_hours_ago = datetime.now(timezone.utc) - timedelta(hours=2)
    with pytest.raises(InvalidToken, match="Expired"):
        verifier.verify(token(key, now=two_hours_ago))


def test_token_expired_within_leeway_is_accepted(key):
    verifier = TokenVerifier(StaticKeySource(jwks_document([key])), issuer=ISS, audience=AUD,
                             leeway=300)
    just_expired = token(key, now=datetime.now(timezone.utc) - timedelta(seconds=61), expires_in=60)
    assert verifier.verify(just_expired).pegawai_id == "p-1"


def test_token_not_yet_valid_is_refused(verifier, key):
    in_an_hour = datetime.now(timezone.utc) + timedelta(hours=1)
    with pytest.raises(InvalidToken, match="ImmatureSignature"):
        verifier.verify(token(key, now=in_an_hour))


def test_wrong_issuer_is_refused(verifier, key):
    with pytest.raises(InvalidToken, match="Issuer"):
        verifier.verify(token(key, issuer="someone-else"))


def test_wrong_audience_is_refused(verifier, key):
    with pytest.raises(InvalidToken, match="Audience"):
        verifier.verify(token(key, audience="other-system"))


@pytest.mark.parametrize("missing", ["exp", "nbf", "iss", "aud", "sub"])
def test_required_claims_must_be_present(verifier, key, missing):
    payload = valid_payload()
    del payload[missing]
    forged = jwt.encode(payload, key.private_key, algorithm="RS256", headers={"kid": key.kid})
    with pytest.raises(InvalidToken):
        verifier.verify(forged)


def test_alg_none_is_refused(verifier, key):
    unsigned = raw_token({"alg": "none", "typ": "JWT", "kid": key.kid}, valid_payload())
    with pytest.raises(InvalidToken, match="not allowed"):
        verifier.verify(unsigned)


def test_hs256_signed_with_the_public_key_pem_is_refused(verifier, key):
    # The classic confusion: HMAC keyed with the (public) RSA PEM a naive verifier would use.
    header = {"alg": "HS256", "typ": "JWT", "kid": key.kid}
    signing_input = (b64(json.dumps(header).encode()) + "."
                     + b64(json.dumps(valid_payload()).encode()))
    mac = hmac.new(key.public_pem.encode(), signing_input.encode(), hashlib.sha256).digest()
    with pytest.raises(InvalidToken, match="not allowed"):
        verifier.verify(signing_input + "." + b64(mac))


def test_rs256_header_with_an_hmac_signature_is_refused(verifier, key):
    header = {"alg": "RS256", "typ": "JWT", "kid": key.kid}
    signing_input = (b64(json.dumps(header).encode()) + "."
                     + b64(json.dumps(valid_payload()).encode()))
    mac = hmac.new(key.public_pem.encode(), signing_input.encode(), hashlib.sha256).digest()
    with pytest.raises(InvalidToken):
        verifier.verify(signing_input + "." + b64(mac))


def test_tampered_payload_is_refused(verifier, key):
    head, _, sig = token(key).split(".")
    promoted = {**valid_payload(), "roles": ["admin_pusat"]}
    tampered = ".".join([head, b64(json.dumps(promoted).encode()), sig])
    with pytest.raises(InvalidToken, match="Signature"):
        verifier.verify(tampered)


def test_missing_kid_is_refused(verifier, key):
    no_kid = jwt.encode(valid_payload(), key.private_key, algorithm="RS256")
    with pytest.raises(InvalidToken, match="kid missing"):
        verifier.verify(no_kid)


def test_key_of_another_signer_under_a_trusted_kid_is_refused(verifier, key):
    impostor = shared_test_key("impostor")
    forged = jwt.encode(valid_payload(), impostor.private_key, algorithm="RS256",
                        headers={"kid": key.kid})
    with pytest.raises(InvalidToken, match="Signature"):
        verifier.verify(forged)


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "x" * 10000, None])
def test_garbage_is_refused(verifier, garbage):
    with pytest.raises(InvalidToken):
        verifier.verify(garbage)


def test_static_source_from_a_callable_sees_rotation(key):
    new = shared_test_key("k2")
    current = {"doc": jwks_document([key])}
    verifier = TokenVerifier(StaticKeySource(lambda: current["doc"]), issuer=ISS, audience=AUD)
    with pytest.raises(InvalidToken, match="unknown kid"):
        verifier.verify(token(new))

    current["doc"] = jwks_document([new, key])

    assert verifier.verify(token(new)).pegawai_id == "p-1"
    assert verifier.verify(token(key)).pegawai_id == "p-1"


def test_jwks_entries_for_other_algorithms_are_ignored(key):
    doc = jwks_document([key])
    doc["keys"][0]["alg"] = "HS256"
    assert StaticKeySource(doc).get_key(key.kid) is None


# -- JwksClient against a local HTTP server ------------------------------------------------


class JwksServer:
    def __init__(self, document: dict) -> None:
        self.document = document
        self.status = 200
        self.requests = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server API)
                outer.requests += 1
                body = json.dumps(outer.document).encode()
                self.send_response(outer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/.well-known/jwks.json"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01},
                                       daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def server(key):
    srv = JwksServer(jwks_document([key]))
    yield srv
    srv.close()


@pytest.fixture
def clock():
    return FakeClock()


def client_for(server, clock, **kwargs):
    return JwksClient(server.url, clock=clock, timeout=5, **kwargs)


def test_jwks_is_fetched_once_and_cached(server, clock, key):
    verifier = TokenVerifier(client_for(server, clock), issuer=ISS, audience=AUD)

    for _ in range(3):
        assert verifier.verify(token(key)).pegawai_id == "p-1"

    assert server.requests == 1


def test_jwks_is_refetched_after_the_cache_lifetime(server, clock, key):
    client = client_for(server, clock, cache_seconds=300)
    client.get_key(key.kid)
    clock.now += 301
    client.get_key(key.kid)
    assert server.requests == 2


def test_unknown_kid_triggers_one_refetch_and_succeeds_after_rotation(server, clock, key):
    verifier = TokenVerifier(client_for(server, clock), issuer=ISS, audience=AUD)
    verifier.verify(token(key))
    rotated = shared_test_key("k2")
    server.document = jwks_document([rotated, key])
    clock.now += 60  # past min_refetch_interval, well within cache_seconds

    assert verifier.verify(token(rotated)).pegawai_id == "p-1"
    assert server.requests == 2


def test_unknown_kid_without_such_key_is_refused_and_refetch_is_rate_limited(server, clock, key):
    verifier = TokenVerifier(client_for(server, clock, min_refetch_interval=30),
                             issuer=ISS, audience=AUD)
    verifier.verify(token(key))
    clock.now += 60
    stranger = shared_test_key("forged-kid")

    for _ in range(5):
        with pytest.raises(InvalidToken, match="unknown kid"):
            verifier.verify(token(stranger))

    assert server.requests == 2  # the first fetch and one refetch, not one per forged token


def test_identity_unreachable_with_nothing_cached_is_unavailable(server, clock, key):
    server.status = 503
    client = client_for(server, clock)
    with pytest.raises(KeySourceUnavailable):
        client.get_key(key.kid)
    with pytest.raises(KeySourceUnavailable):
        client.get_key(key.kid)
    assert server.requests == 1


def test_cached_keys_stay_in_use_when_a_refresh_fails(server, clock, key):
    client = client_for(server, clock, cache_seconds=300)
    client.get_key(key.kid)
    server.status = 500
    clock.now += 301

    assert client.get_key(key.kid) is not None
    assert server.requests == 2
