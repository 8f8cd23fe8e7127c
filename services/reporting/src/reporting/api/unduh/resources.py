"""Signed download links of the local storage (embedded mode): the token is the permission,
it names one file and expires. With S3 storage the links point at the object store instead."""
from __future__ import annotations

from flask import Response, stream_with_context
from flask.views import MethodView

from kinerja_shared.web.http import Blueprint

from ...service_layer import unduh
from ..common import comp

blp = Blueprint("unduh", __name__, url_prefix="/unduh", description=(
    "Downloads by signed, expiring links (local storage)."))


@blp.route("/<token>")
class Unduh(MethodView):
    @blp.response(200, content_type="application/octet-stream",
                  description="The file the link names.")
    def get(self, token):
        """The file a signed link names; 404 once it expired, if forged, or gone."""
        claims, f = unduh.buka(comp().storage, token)

        def chunks():
            with f:
                yield from iter(lambda: f.read(1 << 16), b"")

        response = Response(stream_with_context(chunks()), mimetype=claims["t"])
        response.headers["Content-Disposition"] = f'attachment; filename="{claims["n"]}"'
        response.headers["Cache-Control"] = "no-store"
        return response
