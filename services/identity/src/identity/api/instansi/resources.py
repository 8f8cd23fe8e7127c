"""Instansi: admin_pusat writes; users of an instansi read their own."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from kinerja_shared.auth import ROLE_ADMIN_PUSAT, current_principal, login_required, roles_required

from ...service_layer import instansi as svc
from ..common import page_of, uow
from .schemas import InstansiBaruSchema, InstansiQuerySchema, InstansiSchema, InstansiUbahSchema

blp = Blueprint("instansi", __name__, url_prefix="/instansi", description="Instansi dan pengaturannya")


@blp.route("")
class InstansiList(MethodView):
    @login_required
    @blp.arguments(InstansiQuerySchema, location="query")
    @blp.response(200, InstansiSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """Daftar instansi (admin pusat: semua; pengguna lain: instansinya sendiri)."""
        p = current_principal()
        return page_of(pagination_parameters, lambda page, size: svc.daftar(
            uow(), p, nama=filters.get("nama"), page=page, page_size=size))

    @roles_required(ROLE_ADMIN_PUSAT)
    @blp.arguments(InstansiBaruSchema)
    @blp.response(201, InstansiSchema)
    @blp.alt_response(409, description="kode sudah dipakai")
    def post(self, data):
        """Tambah instansi; `pengaturan` yang tidak diisi memakai nilai bawaan."""
        return svc.buat(uow(), current_principal(), data)


@blp.route("/<instansi_id>")
class InstansiById(MethodView):
    @login_required
    @blp.response(200, InstansiSchema)
    def get(self, instansi_id):
        """Satu instansi (admin pusat, atau pengguna instansi itu)."""
        return svc.ambil(uow(), current_principal(), instansi_id)

    @roles_required(ROLE_ADMIN_PUSAT)
    @blp.arguments(InstansiUbahSchema)
    @blp.response(200, InstansiSchema)
    def patch(self, data, instansi_id):
        """Ubah nama, kode atau sebagian `pengaturan` instansi."""
        return svc.ubah(uow(), current_principal(), instansi_id, data)
