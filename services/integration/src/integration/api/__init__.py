"""HTTP API: one ``kinerja_shared.web.http.Blueprint`` (with its url_prefix) per resource under
``api/<resource>/`` (resources.py: MethodViews calling ``run_command`` / ``run_query`` /
``run_page``; schemas.py: marshmallow). docs/ARCHITECTURE.md, "HTTP conventions"."""
from __future__ import annotations


def blueprints() -> list:
    from .pengaturan.resources import blp as pengaturan
    from .siasn.resources import blp as siasn

    return [siasn, pengaturan]
