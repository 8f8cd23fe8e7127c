"""HTTP API: one ``kinerja_shared.web.http.Blueprint`` (with its url_prefix) per resource under
``api/<resource>/`` (resources.py: MethodViews calling ``run_command`` / ``run_query``;
schemas.py: marshmallow). docs/ARCHITECTURE.md, "HTTP conventions"."""
from __future__ import annotations


def blueprints() -> list:
    from .cetak.resources import blp as cetak
    from .laporan.resources import blp as laporan
    from .unduh.resources import blp as unduh
    from .verifikasi.resources import blp as verifikasi

    return [laporan, cetak, verifikasi, unduh]
