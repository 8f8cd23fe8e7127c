"""Periode penilaian: admins of the instansi write, users of the instansi read."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth import ADMIN_ROLES, login_required, roles_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page

from ...service_layer import periode as svc
from .schemas import (
    GenerateSchema,
    PeriodeBaruSchema,
    PeriodeQuerySchema,
    PeriodeSchema,
    PeriodeUbahSchema,
)

blp = Blueprint("periode", __name__, url_prefix="/periode", description="Periode penilaian")


@blp.route("")
class PeriodeList(MethodView):
    @login_required
    @blp.arguments(PeriodeQuerySchema, location="query")
    @blp.response(200, PeriodeSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """The periods of the caller's instansi (admin_pusat: every instansi) by year, with
        their dates resolved; the final period of a year last."""
        return run_page(pagination_parameters, svc.daftar, filters=filters)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PeriodeBaruSchema)
    @blp.response(201, PeriodeSchema)
    @blp.alt_response(409, description="The year has a final period already")
    def post(self, data):
        """Add a period. Non-final periods of a year never overlap (422 `awal`); one final
        period per year (409). `Location` names it."""
        row = run_command(svc.buat, data)
        return created(row, PeriodeById, periode_id=row["id"])


@blp.route("/generate")
class PeriodeGenerate(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(GenerateSchema)
    @blp.response(201, PeriodeSchema(many=True))
    @blp.alt_response(409, description="The year has periods already")
    def post(self, data):
        """Create a year's periods by scheme: BULANAN 12 + final, TRIWULAN 4 + final, TAHUNAN
        the final only. Answers the new periods; `Location` names the list of that year's
        periods (`/periode?instansi_id=...&tahun=...`), each also at `/periode/{id}`."""
        rows = run_command(svc.generate, **data)
        return created(rows, PeriodeList, instansi_id=data["instansi_id"], tahun=data["tahun"])


@blp.route("/<periode_id>")
class PeriodeById(MethodView):
    @login_required
    @blp.response(200, PeriodeSchema)
    def get(self, periode_id):
        """One period."""
        return run_query(svc.ambil, periode_id)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PeriodeUbahSchema)
    @blp.response(200, PeriodeSchema)
    @blp.alt_response(409, description="The year has a final period already")
    def patch(self, data, periode_id):
        """Change a period (the overlap and one-final rules hold)."""
        return run_command(svc.ubah, periode_id, data)

    @roles_required(*ADMIN_ROLES)
    @blp.response(204)
    def delete(self, periode_id):
        """Delete a period."""
        run_command(svc.hapus, periode_id)
