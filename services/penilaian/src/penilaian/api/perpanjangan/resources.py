"""Extensions of the batas pengisian per pegawai or per unor (admins of the instansi)."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth.flask import roles_required
from kinerja_shared.auth.principal import ADMIN_ROLES
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page

from ...service_layer import perpanjangan as svc
from . import schemas as sc

blp = Blueprint("perpanjangan", __name__, url_prefix="/perpanjangan",
                description="Extensions of the batas pengisian per pegawai or per unor.")


@blp.route("")
class Perpanjangan(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(sc.PerpanjanganQuery, location="query")
    @blp.response(200, sc.PerpanjanganSchema(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """The extensions in one period, oldest first."""
        return run_page(pagination_parameters, svc.daftar, periode_id=args["periode_id"])

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(sc.PerpanjanganInput)
    @blp.response(201, sc.PerpanjanganSchema)
    def post(self, data):
        """Extend the batas pengisian for one pegawai or one unor (admin of the instansi):
        exactly one of `pegawai_id` and `unor_id`, and not earlier than the period's own
        (422 otherwise)."""
        pid = run_command(svc.perpanjang, periode_id=data["periode_id"],
                          pegawai_id=data["pegawai_id"], unor_id=data["unor_id"],
                          batas=data["batas_pengisian"], alasan=data["alasan"])
        return created(run_query(svc.baca, pid), PerpanjanganById, perpanjangan_id=pid)


@blp.route("/<perpanjangan_id>")
class PerpanjanganById(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.response(200, sc.PerpanjanganSchema)
    def get(self, perpanjangan_id):
        """One extension."""
        return run_query(svc.baca, perpanjangan_id)

    @roles_required(*ADMIN_ROLES)
    @blp.response(204)
    def delete(self, perpanjangan_id):
        """Withdraw the extension (admin of its instansi): kept with `dicabut_at` and who, the
        batas pengisian goes back to the period's (or another extension's). 409 when withdrawn
        already; 404 for another instansi's."""
        run_command(svc.cabut, perpanjangan_id)
