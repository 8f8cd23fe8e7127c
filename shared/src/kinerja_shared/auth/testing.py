"""Tokens for tests of any service: one process-wide key, a verifier that trusts it.

    minter = TokenMinter()
    init_auth(app, minter.verifier)
    client.get("/skp", headers=minter.headers("p-1", instansi_id="i-1", roles=["admin_instansi"]))
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any, Iterable

from .keys import SigningKey, jwks_document, sign_token
from .principal import Principal
from .verify import StaticKeySource, TokenVerifier


@lru_cache(maxsize=None)
def shared_test_key(kid: str = "test-key") -> SigningKey:
    """One RSA key per kid per process (generating 2048-bit keys is slow-ish)."""
    return SigningKey.generate(kid)


class TokenMinter:
    def __init__(
        self,
        *,
        issuer: str = "kinerja-identity",
        audience: str = "kinerja",
        key: SigningKey | None = None,
    ) -> None:
        self.issuer = issuer
        self.audience = audience
        self.key = key or shared_test_key()
        self.key_source = StaticKeySource(jwks_document([self.key]))
        self.verifier = TokenVerifier(self.key_source, issuer=issuer, audience=audience)

    def token(
        self,
        pegawai_id: str = "pegawai-1",
        *,
        nip: str | None = None,
        nama: str | None = None,
        instansi_id: str | None = None,
        roles: Iterable[str] = (),
        expires_in: float = 3600,
        now: datetime | None = None,
        **extra_claims: Any,
    ) -> str:
        principal = Principal(pegawai_id, nip=nip, nama=nama, instansi_id=instansi_id,
                              roles=frozenset(roles))
        claims = {**principal.to_claims(), **extra_claims}
        return sign_token(claims, self.key, issuer=self.issuer, audience=self.audience,
                          expires_in=expires_in, now=now)

    def headers(self, pegawai_id: str = "pegawai-1", **kwargs: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(pegawai_id, **kwargs)}"}
