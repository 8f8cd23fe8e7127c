"""Unit organisasi: admins of the instansi write, users of the instansi read."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth import ADMIN_ROLES, login_required, roles_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page

from ...service_layer import unor as svc
from .schemas import StrukturSchema, UnorBaruSchema, UnorQuerySchema, UnorSchema, UnorUbahSchema

blp = Blueprint("unor", __name__, url_prefix="/unor", description="Unit organisasi (unor)")


@blp.route("")
class UnorList(MethodView):
    @login_required
    @blp.arguments(UnorQuerySchema, location="query")
    @blp.response(200, UnorSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """The unor of the caller's instansi (admin_pusat: every instansi), filtered, by
        name."""
        return run_page(pagination_parameters, svc.daftar, filters=filters)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(UnorBaruSchema)
    @blp.response(201, UnorSchema)
    @blp.alt_response(409, description="The kode is taken in this instansi")
    def post(self, data):
        """Add a unor to an instansi the caller administers (else 422 `instansi_id`); its unor
        atasan and induk must be of the same instansi (else 422). `Location` names it."""
        row = run_command(svc.buat, data)
        return created(row, UnorById, unor_id=row["id"])


@blp.route("/<unor_id>")
class UnorById(MethodView):
    @login_required
    @blp.response(200, UnorSchema)
    def get(self, unor_id):
        """One unor."""
        return run_query(svc.ambil, unor_id)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(UnorUbahSchema)
    @blp.response(200, UnorSchema)
    @blp.alt_response(409, description="The kode is taken in this instansi")
    def patch(self, data, unor_id):
        """Change a unor; a unor atasan that would close a cycle is refused (422
        `unor_atasan_id`)."""
        return run_command(svc.ubah, unor_id, data)

    @roles_required(*ADMIN_ROLES)
    @blp.response(204)
    @blp.alt_response(409, description="Still referenced by pegawai, another unor or a PLT/PLH")
    def delete(self, unor_id):
        """Delete a unor; 409 while pegawai, child unor (atasan or induk) or a PLT/PLH
        reference it."""
        run_command(svc.hapus, unor_id)


@blp.route("/<unor_id>/struktur")
class UnorStruktur(MethodView):
    @login_required
    @blp.response(200, StrukturSchema)
    def get(self, unor_id):
        """The unor with every unor below it (nested in `anak`) and each one's definitive
        pimpinan."""
        return run_query(svc.struktur, unor_id)
