"""Auth: identity signs RS256 JWTs (``keys``); every service verifies them locally
(``verify``), knows its caller as a ``Principal`` and checks roles and object visibility in
its views (``flask``) and object visibility in its service layer (``access``, no web imports:
service code imports ``Principal`` and these from ``auth.principal`` and ``auth.access``).
``testing`` mints tokens for tests."""
from .access import ensure_admin_of, ensure_visible, is_visible
from .flask import (
    BEARER_SECURITY_SCHEME,
    current_principal,
    init_auth,
    login_required,
    optional_principal,
    register_security_scheme,
    roles_required,
)
from .keys import SigningKey, generate_signing_key, jwks_document, sign_token
from .principal import (
    ADMIN_ROLES,
    ROLE_ADMIN_INSTANSI,
    ROLE_ADMIN_PUSAT,
    ROLE_PEGAWAI,
    Principal,
)
from .verify import (
    InvalidToken,
    JwksClient,
    KeySource,
    KeySourceUnavailable,
    StaticKeySource,
    TokenVerifier,
)

__all__ = [
    "ADMIN_ROLES",
    "BEARER_SECURITY_SCHEME",
    "InvalidToken",
    "JwksClient",
    "KeySource",
    "KeySourceUnavailable",
    "Principal",
    "ROLE_ADMIN_INSTANSI",
    "ROLE_ADMIN_PUSAT",
    "ROLE_PEGAWAI",
    "SigningKey",
    "StaticKeySource",
    "TokenVerifier",
    "current_principal",
    "ensure_admin_of",
    "ensure_visible",
    "generate_signing_key",
    "init_auth",
    "is_visible",
    "jwks_document",
    "login_required",
    "optional_principal",
    "register_security_scheme",
    "roles_required",
    "sign_token",
]
