"""Integration settings of the caller's instansi."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth import roles_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint

from ...service_layer import sinkron as svc
from ..siasn.schemas import PengaturanSchema

blp = Blueprint("pengaturan", __name__, url_prefix="/pengaturan",
                description="Integration settings of an instansi")


@blp.route("")
class Pengaturan(MethodView):
    @roles_required("admin_instansi")
    @blp.response(200, PengaturanSchema)
    def get(self):
        """The settings of the caller's instansi."""
        return run_query(svc.pengaturan_instansi)

    @roles_required("admin_instansi")
    @blp.arguments(PengaturanSchema)
    @blp.response(200, PengaturanSchema)
    def put(self, data):
        """Set the instansi's SIASN instansi id (a pull needs it)."""
        return run_command(svc.ubah_pengaturan, siasn_instansi_id=data.get("siasn_instansi_id"))
