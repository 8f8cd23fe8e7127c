"""HTTP API: one ``kinerja_shared.web.http.Blueprint`` (with its url_prefix) per resource under
``api/<resource>/`` (resources.py: MethodViews calling ``run_command`` / ``run_query`` /
``run_page``; schemas.py: marshmallow). docs/ARCHITECTURE.md, "HTTP conventions"."""
from __future__ import annotations


def blueprints() -> list:
    from .feed.resources import blp as feed, ekspor_blp as ekspor
    from .klien.resources import blp as klien, oauth
    from .pengaturan.resources import blp as pengaturan
    from .pmm.resources import blp as pmm
    from .siasn.resources import blp as siasn
    from .webhook.resources import blp as webhook

    return [siasn, pengaturan, pmm, klien, oauth, feed, ekspor, webhook]


def init_app(app, runtime) -> None:
    """The service accounts' OAuth2 scheme in the OpenAPI document."""
    from .feed.resources import SECURITY
    from ..service_layer.klien import SCOPES

    api = app.extensions["kinerja_api"]
    api.spec.components.security_scheme(SECURITY, {
        "type": "oauth2", "description": "A service account's token (POST /oauth/token)",
        "flows": {"clientCredentials": {"tokenUrl": "oauth/token",
                                        "scopes": {s: f"read {s}" for s in SCOPES}}}})
