"""Another service verifies identity's tokens through the JWKS over HTTP."""
import threading

import pytest
from werkzeug.serving import make_server

from kinerja_shared.auth import InvalidToken, JwksClient, TokenVerifier


@pytest.fixture()
def served(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def test_a_token_from_login_verifies_with_the_published_jwks(api, instansi, runtime, served):
    token = api.client.post("/auth/login", json={"nip": instansi.staf["nip"], "password": api.password}
                            ).get_json()["access_token"]
    client = JwksClient(f"{served}/.well-known/jwks.json")
    verifier = TokenVerifier(client, issuer=runtime.settings.jwt_issuer, audience=runtime.settings.jwt_audience)
    principal = verifier.verify(token)
    assert principal.pegawai_id == instansi.staf["id"]
    assert principal.nip == instansi.staf["nip"] and principal.instansi_id == instansi.id
    assert principal.roles == frozenset({"pegawai"})
    assert client.fetch_count == 1
    other = TokenVerifier(client, issuer=runtime.settings.jwt_issuer, audience="layanan-lain")
    with pytest.raises(InvalidToken):
        other.verify(token)
