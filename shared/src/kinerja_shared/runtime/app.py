"""The Flask app of one service: flask-smorest API, problem+json, ids, health, metrics, auth."""
from __future__ import annotations

import logging
import time

from flask import Flask, g, jsonify, request

from ..context import correlation_id_var, new_id, request_id_var
from ..web.errors import register_error_handlers
from ..web.openapi import KinerjaApi, init_openapi
from .health import broker_ok

log = logging.getLogger(__name__)


def create_app(runtime) -> Flask:
    definition, settings = runtime.definition, runtime.settings
    app = Flask(f"kinerja.{definition.name}")
    app.config.update(
        API_TITLE=f"Kinerja — {definition.title}",
        API_VERSION="1.0",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
        OPENAPI_SWAGGER_UI_URL="https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
        OPENAPI_REDOC_PATH="/redoc",
        OPENAPI_REDOC_URL="https://cdn.jsdelivr.net/npm/redoc/bundles/redoc.standalone.js",
        API_SPEC_OPTIONS={"info": {"description": definition.description}},
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        JSON_SORT_KEYS=False,
    )
    app.extensions["kinerja"] = runtime
    api = KinerjaApi(app)
    init_openapi(api)
    app.extensions["kinerja_api"] = api
    _init_auth(app, runtime, api)
    _init_metrics(app, definition.name)
    for blueprint in definition.blueprints():
        api.register_blueprint(blueprint)
    register_error_handlers(app)  # after Api(): replaces flask-smorest's JSON error handler
    _register_ids(app)
    _register_health(app, runtime)
    if definition.init_app is not None:
        definition.init_app(app, runtime)
    _trust_proxies(app, settings.trusted_proxies)
    if settings.check_http_conventions:
        from ..web.conventions import check_responses

        check_responses(app)
    return app


def _trust_proxies(app: Flask, hops: int) -> None:
    """Behind ``hops`` proxies (KINERJA_TRUSTED_PROXIES; the gateway is one), take the client
    address, scheme, host and path prefix from the last ``hops`` values of X-Forwarded-For /
    -Proto / -Host / -Prefix, which those proxies set (the prefix, ``/api/<service>``, is what
    makes a ``Location`` header a path the client can call). With 0 (the default) the headers
    are ignored: a client talking to the service directly could otherwise claim any address
    (and escape login throttling)."""
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops,
                                x_prefix=hops)


def _init_auth(app: Flask, runtime, api: Api) -> None:
    from ..auth.flask import init_auth, register_security_scheme
    from ..auth.verify import JwksClient, TokenVerifier

    source = runtime.key_source
    if source is None and runtime.settings.jwks_url:
        source = JwksClient(runtime.settings.jwks_url)
    if source is None:
        source = _NoKeySource()
    verifier = TokenVerifier(source, issuer=runtime.settings.jwt_issuer,
                             audience=runtime.settings.jwt_audience)
    init_auth(app, verifier)
    register_security_scheme(api)


class _NoKeySource:
    """No JWKS configured: protected endpoints answer 503 (and the log says why), not 500."""

    def get_key(self, kid: str):
        from ..auth.verify import KeySourceUnavailable

        log.error("KINERJA_JWKS_URL is not set: cannot verify tokens")
        raise KeySourceUnavailable("KINERJA_JWKS_URL is not set")


def _init_metrics(app: Flask, service: str) -> None:
    from ..web.metrics import init_metrics

    init_metrics(app, service)


def _register_ids(app: Flask) -> None:
    @app.before_request
    def _ids():
        rid = request.headers.get("X-Request-ID") or new_id()
        cid = request.headers.get("X-Correlation-ID") or rid
        g.kinerja_tokens = (request_id_var.set(rid[:100]), correlation_id_var.set(cid[:100]))
        g.kinerja_started = time.perf_counter()

    @app.after_request
    def _headers(response):
        response.headers["X-Request-ID"] = request_id_var.get() or ""
        response.headers["X-Correlation-ID"] = correlation_id_var.get() or ""
        return response

    @app.teardown_request
    def _reset(_exc):
        tokens = g.pop("kinerja_tokens", None)
        if tokens:
            request_id_var.reset(tokens[0])
            correlation_id_var.reset(tokens[1])


def _register_health(app: Flask, runtime) -> None:
    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok", service=runtime.name)

    @app.get("/readyz")
    def readyz():
        checks = {"database": runtime.database_ok(), "broker": broker_ok(runtime)}
        ready = all(checks.values())
        body = {"status": "ok" if ready else "unavailable", "service": runtime.name,
                "checks": {k: "ok" if v else "fail" for k, v in checks.items()}}
        return jsonify(body), 200 if ready else 503
