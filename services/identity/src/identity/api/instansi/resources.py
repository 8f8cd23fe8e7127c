"""Instansi: admin_pusat writes; users of an instansi read their own."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth import ROLE_ADMIN_PUSAT, login_required, roles_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page

from ...service_layer import instansi as svc
from .schemas import InstansiBaruSchema, InstansiQuerySchema, InstansiSchema, InstansiUbahSchema

blp = Blueprint("instansi", __name__, url_prefix="/instansi",
                description="Instansi and their settings (pengaturan)")


@blp.route("")
class InstansiList(MethodView):
    @login_required
    @blp.arguments(InstansiQuerySchema, location="query")
    @blp.response(200, InstansiSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """Instansi by name (admin_pusat: every one; anyone else: their own)."""
        return run_page(pagination_parameters, svc.daftar, nama=filters.get("nama"))

    @roles_required(ROLE_ADMIN_PUSAT)
    @blp.arguments(InstansiBaruSchema)
    @blp.response(201, InstansiSchema)
    @blp.alt_response(409, description="The kode is taken")
    def post(self, data):
        """Add an instansi; unset `pengaturan` take their defaults. `Location` names it. A new
        instansi has no pegawai yet, so `pengaturan.pemutus_keberatan_pegawai_id` is set by a
        later PATCH (any id here is 422)."""
        row = run_command(svc.buat, data)
        return created(row, InstansiById, instansi_id=row["id"])


@blp.route("/<instansi_id>")
class InstansiById(MethodView):
    @login_required
    @blp.response(200, InstansiSchema)
    def get(self, instansi_id):
        """One instansi (admin_pusat, or a user of that instansi)."""
        return run_query(svc.ambil, instansi_id)

    @roles_required(ROLE_ADMIN_PUSAT)
    @blp.arguments(InstansiUbahSchema)
    @blp.response(200, InstansiSchema)
    @blp.alt_response(409, description="The kode is taken")
    def patch(self, data, instansi_id):
        """Change the nama, the kode or part of the `pengaturan` (merged: keys not sent keep
        their value). `pemutus_keberatan_pegawai_id` must name an active pegawai of this
        instansi (else 422 on that field); null clears it."""
        return run_command(svc.ubah, instansi_id, data)
