"""Unit organisasi: admins of the instansi write, users of the instansi read."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from kinerja_shared.auth import ADMIN_ROLES, current_principal, login_required, roles_required

from ...service_layer import unor as svc
from ..common import page_of, uow
from .schemas import StrukturSchema, UnorBaruSchema, UnorQuerySchema, UnorSchema, UnorUbahSchema

blp = Blueprint("unor", __name__, url_prefix="/unor", description="Unit organisasi")


@blp.route("")
class UnorList(MethodView):
    @login_required
    @blp.arguments(UnorQuerySchema, location="query")
    @blp.response(200, UnorSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """Daftar unor instansi sendiri (admin pusat: semua), disaring dan berhalaman."""
        p = current_principal()
        return page_of(pagination_parameters, lambda page, size: svc.daftar(
            uow(), p, filters=filters, page=page, page_size=size))

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(UnorBaruSchema)
    @blp.response(201, UnorSchema)
    def post(self, data):
        """Tambah unor. Unor atasan dan induk harus dari instansi yang sama."""
        return svc.buat(uow(), current_principal(), data)


@blp.route("/<unor_id>")
class UnorById(MethodView):
    @login_required
    @blp.response(200, UnorSchema)
    def get(self, unor_id):
        """Satu unor."""
        return svc.ambil(uow(), current_principal(), unor_id)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(UnorUbahSchema)
    @blp.response(200, UnorSchema)
    def patch(self, data, unor_id):
        """Ubah unor; unor atasan yang membentuk siklus ditolak (422, `unor_atasan_id`)."""
        return svc.ubah(uow(), current_principal(), unor_id, data)

    @roles_required(*ADMIN_ROLES)
    @blp.response(204)
    @blp.alt_response(409, description="masih dirujuk pegawai, unor lain atau PLT/PLH")
    def delete(self, unor_id):
        """Hapus unor; 409 selama pegawai, unor bawahan atau PLT/PLH merujuknya."""
        svc.hapus(uow(), current_principal(), unor_id)


@blp.route("/<unor_id>/struktur")
class UnorStruktur(MethodView):
    @login_required
    @blp.response(200, StrukturSchema)
    def get(self, unor_id):
        """Unor beserta seluruh unor di bawahnya (bersarang di `anak`) dan pimpinannya."""
        return svc.struktur(uow(), current_principal(), unor_id)
