"""identity verifies its own tokens straight from its key store (no HTTP to itself), and
checks revoked sessions without a cache: identity records them, so they take effect here (in
every replica) the moment they commit."""
from __future__ import annotations

from kinerja_shared.auth import StaticKeySource, TokenVerifier, init_auth
from kinerja_shared.auth.revocation import RevocationList

from .wiring import components


def init_app(app, runtime) -> None:
    keys = components(runtime).keys
    if runtime.key_source is None:
        runtime.key_source = StaticKeySource(keys.jwks)
    init_auth(app, TokenVerifier(runtime.key_source, issuer=runtime.settings.jwt_issuer,
                                 audience=runtime.settings.jwt_audience),
              revocations=RevocationList(runtime.engine, cache_seconds=0))
