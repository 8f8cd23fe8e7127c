"""Periode penilaian: admins of the instansi write, users of the instansi read."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from kinerja_shared.auth import ADMIN_ROLES, current_principal, login_required, roles_required

from ...service_layer import periode as svc
from ..common import page_of, uow
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
        """Daftar periode (per instansi dan tahun), dengan tanggal yang sudah diselesaikan."""
        p = current_principal()
        return page_of(pagination_parameters, lambda page, size: svc.daftar(
            uow(), p, filters=filters, page=page, page_size=size))

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PeriodeBaruSchema)
    @blp.response(201, PeriodeSchema)
    @blp.alt_response(409, description="sudah ada periode final tahun itu")
    def post(self, data):
        """Tambah periode. Periode non-final setahun tidak boleh bertumpuk (422); satu periode
        final per tahun (409)."""
        return svc.tampil(svc.buat(uow(), current_principal(), data))


@blp.route("/generate")
class PeriodeGenerate(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(GenerateSchema)
    @blp.response(201, PeriodeSchema(many=True))
    @blp.alt_response(409, description="tahun itu sudah memiliki periode")
    def post(self, data):
        """Buat periode setahun menurut skema: BULANAN 12+1, TRIWULAN 4+1, TAHUNAN 1 (final)."""
        return [svc.tampil(r) for r in svc.generate(uow(), current_principal(), **data)]


@blp.route("/<periode_id>")
class PeriodeById(MethodView):
    @login_required
    @blp.response(200, PeriodeSchema)
    def get(self, periode_id):
        """Satu periode."""
        return svc.ambil(uow(), current_principal(), periode_id)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PeriodeUbahSchema)
    @blp.response(200, PeriodeSchema)
    def patch(self, data, periode_id):
        """Ubah periode (aturan tumpang-tindih dan satu final tetap berlaku)."""
        return svc.tampil(svc.ubah(uow(), current_principal(), periode_id, data))

    @roles_required(*ADMIN_ROLES)
    @blp.response(204)
    def delete(self, periode_id):
        """Hapus periode."""
        svc.hapus(uow(), current_principal(), periode_id)
