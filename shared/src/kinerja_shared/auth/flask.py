"""Flask side of auth: the verifier on the app, decorators for views, object-level checks.

    init_auth(app, verifier)
    register_security_scheme(api)            # once, on the flask-smorest Api

    class SkpById(MethodView):
        @login_required
        @blp.response(200, SkpSchema)
        def get(self, skp_id):
            skp = views.skp(skp_id) or raise_not_found()
            ensure_visible(current_principal(), instansi_id=skp.instansi_id,
                           owner_pegawai_id=skp.pegawai_id,
                           related_pegawai_ids=(skp.penilai_id, skp.atasan_penilai_id))

401 for a missing, malformed, expired or forged token (with ``WWW-Authenticate: Bearer``),
and for a token of a revoked session (``auth.revocation``: issued before the pegawai's
password change, deactivation or "log out everywhere"); 403 for a role the caller lacks; 404
for an object the caller may not see at all.

The revocation check reads the ``sesi_dicabut`` table of the app's service: the list given to
``init_auth``, else that of the platform runtime the app was built by (``revocations_of``). An
app with neither (a bare Flask app in a unit test) does not check revocations.
"""
from __future__ import annotations

import logging
from copy import deepcopy
from functools import wraps
from typing import Any, Callable, Iterable, TypeVar

from flask import Flask, current_app, request

from ..errors import DETAIL_FORBIDDEN, DETAIL_NOT_FOUND
from ..web.problems import Problem
from .access import ensure_admin_of, ensure_visible, is_visible  # noqa: F401 (re-exported)
from .principal import Principal
from .revocation import RevocationList, revocations_of
from .verify import InvalidToken, KeySourceUnavailable, TokenVerifier

log = logging.getLogger("kinerja.auth")

EXTENSION_KEY = "kinerja_auth"
REVOCATIONS_KEY = "kinerja_auth_revocations"
RUNTIME_KEY = "kinerja"  # where the platform's app factory keeps the ServiceRuntime
SECURITY_SCHEME_NAME = "bearerAuth"
BEARER_SECURITY_SCHEME = {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}

DETAIL_MISSING = "Token akses diperlukan."
DETAIL_INVALID = "Token tidak valid atau kedaluwarsa."
DETAIL_UNAVAILABLE = "Layanan autentikasi sedang tidak tersedia. Coba lagi nanti."
DETAIL_REVOKED = "Sesi telah dicabut; silakan masuk lagi."
TYPE_REVOKED = "session-revoked"  # problem type a client can switch on to show the login page
# what the OpenAPI document says a 401 means
DOC_UNAUTHORIZED = ("No token, an invalid or expired one, or one of a revoked session (password "
                    "changed, pegawai deactivated, logged out everywhere).")
DOC_FORBIDDEN = "The caller lacks the role this operation needs."

_REALM = 'Bearer realm="kinerja"'
_ENVIRON_KEY = "kinerja.principal"

F = TypeVar("F", bound=Callable[..., Any])


def init_auth(app: Flask, verifier: TokenVerifier, *,
              revocations: RevocationList | None = None) -> None:
    """Verify tokens with ``verifier``; check revocations with ``revocations`` when given
    (else the platform runtime's list, see the module docstring)."""
    app.extensions[EXTENSION_KEY] = verifier
    if revocations is not None:
        app.extensions[REVOCATIONS_KEY] = revocations


def get_revocations(app: Flask | None = None) -> RevocationList | None:
    app = app or current_app
    found = app.extensions.get(REVOCATIONS_KEY)
    if found is None and RUNTIME_KEY in app.extensions:
        found = revocations_of(app.extensions[RUNTIME_KEY])
    return found


def get_verifier(app: Flask | None = None) -> TokenVerifier:
    app = app or current_app
    try:
        return app.extensions[EXTENSION_KEY]
    except KeyError:
        raise RuntimeError("init_auth(app, verifier) was not called for this app") from None


def register_security_scheme(api: Any) -> None:
    """Declare the bearer scheme in a flask-smorest ``Api``'s OpenAPI (safe to call twice)."""
    if SECURITY_SCHEME_NAME not in api.spec.components.security_schemes:
        api.spec.components.security_scheme(SECURITY_SCHEME_NAME, BEARER_SECURITY_SCHEME)


# -- authentication ------------------------------------------------------------------------


def _unauthorized(detail: str, *, invalid: bool) -> Problem:
    header = f'{_REALM}, error="invalid_token"' if invalid else _REALM
    return Problem(401, detail, headers={"WWW-Authenticate": header})


def _bearer_token() -> str | None:
    value = request.headers.get("Authorization")
    if value is None:
        return None
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized(DETAIL_INVALID, invalid=True)
    return token.strip()


def _authenticate() -> Principal | None:
    """Verify the request's token once per request; None when there is no token at all."""
    # Kept in the WSGI environ, not ``g``: an app context (and its ``g``) may outlive a request.
    if _ENVIRON_KEY in request.environ:
        return request.environ[_ENVIRON_KEY]
    token = _bearer_token()
    principal = None
    if token is not None:
        try:
            principal = get_verifier().verify(token)
        except InvalidToken as exc:
            log.info("auth: token refused (%s) %s %s", exc.reason, request.method, request.path)
            raise _unauthorized(DETAIL_INVALID, invalid=True) from None
        except KeySourceUnavailable as exc:
            log.error("auth: no signing keys available: %s", exc)
            raise Problem(503, DETAIL_UNAVAILABLE, headers={"Retry-After": "30"}) from None
        _refuse_revoked(principal)
    request.environ[_ENVIRON_KEY] = principal
    return principal


def _refuse_revoked(principal: Principal) -> None:
    """401 for a token issued before the pegawai's sessions were revoked (one primary-key
    lookup, possibly answered from memory: auth.revocation)."""
    revocations = get_revocations()
    if revocations is not None and revocations.is_revoked(principal):
        log.info("auth: token of a revoked session refused (pegawai %s, iat %s) %s %s",
                 principal.pegawai_id, principal.issued_at, request.method, request.path)
        raise Problem(401, DETAIL_REVOKED, type=TYPE_REVOKED,
                      headers={"WWW-Authenticate": f'{_REALM}, error="invalid_token"'})


def optional_principal() -> Principal | None:
    """The caller if a token was sent (a bad token is still a 401), else None."""
    return _authenticate()


def current_principal() -> Principal:
    """The authenticated caller; 401 when the request carries no valid token."""
    principal = _authenticate()
    if principal is None:
        raise _unauthorized(DETAIL_MISSING, invalid=False)
    return principal


# -- decorators ----------------------------------------------------------------------------


def _document(wrapper: Any, responses: dict[str, str]) -> None:
    """Add security and error responses to the flask-smorest doc of the view (the same
    ``_apidoc``/``manual_doc`` mechanism ``Blueprint.doc`` uses)."""
    apidoc = deepcopy(getattr(wrapper, "_apidoc", {}))
    manual = apidoc.setdefault("manual_doc", {})
    manual["security"] = [{SECURITY_SCHEME_NAME: []}]
    documented = manual.setdefault("responses", {})
    for status, description in responses.items():
        documented.setdefault(status, {"description": description})
    wrapper._apidoc = apidoc


def login_required(func: F) -> F:
    """The view needs a valid token (any role) of a session that was not revoked."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        current_principal()  # verifies the token and refuses a revoked session
        return func(*args, **kwargs)

    _document(wrapper, {"401": DOC_UNAUTHORIZED})
    return wrapper  # type: ignore[return-value]


def roles_required(*roles: str) -> Callable[[F], F]:
    """The view needs a valid token and any one of ``roles``. Roles are literal: write
    ``roles_required(*ADMIN_ROLES)`` when admin_pusat may do what admin_instansi does."""
    if not roles:
        raise ValueError("roles_required needs at least one role")

    def decorator(func: F) -> F:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            principal = current_principal()
            if not principal.has_role(*roles):
                log.info("auth: %s lacks %s for %s %s", principal.pegawai_id, roles,
                         request.method, request.path)
                raise Problem(403, DETAIL_FORBIDDEN)
            return func(*args, **kwargs)

        _document(wrapper, {"401": DOC_UNAUTHORIZED, "403": DOC_FORBIDDEN})
        return wrapper  # type: ignore[return-value]

    return decorator
