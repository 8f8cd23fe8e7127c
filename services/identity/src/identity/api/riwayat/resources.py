"""GET /riwayat: the change history, for admins."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from kinerja_shared.auth import ADMIN_ROLES, roles_required
from kinerja_shared.web.http import Blueprint, run_page

from ...service_layer import riwayat as svc

blp = Blueprint("riwayat", __name__, url_prefix="/riwayat", description="Change history")

ENTITAS = ("instansi", "unor", "pegawai", "plt_plh", "periode", "relasi_manual")


class RiwayatQuerySchema(Schema):
    entitas = fields.Str(validate=validate.OneOf(ENTITAS))
    entitas_id = fields.Str()
    instansi_id = fields.Str()
    oleh_pegawai_id = fields.Str()
    aksi = fields.Str()


class RiwayatSchema(Schema):
    id = fields.Int()
    instansi_id = fields.Str(allow_none=True)
    entitas = fields.Str()
    entitas_id = fields.Str()
    aksi = fields.Str(metadata={
        "description": "BUAT, UBAH, HAPUS, UBAH_PASSWORD, IMPOR, KELUAR_SEMUA"})
    oleh_pegawai_id = fields.Str(allow_none=True, metadata={"description": "null: the system"})
    oleh_nip = fields.Str(allow_none=True)
    waktu = fields.DateTime()
    sebelum = fields.Dict(allow_none=True)
    sesudah = fields.Dict(allow_none=True)


@blp.route("")
class Riwayat(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(RiwayatQuerySchema, location="query")
    @blp.response(200, RiwayatSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """Who changed what and when (before and after; secrets left out), newest first; an
        admin_instansi sees the history of their own instansi only."""
        return run_page(pagination_parameters, svc.daftar, filters=filters)
