"""GET /riwayat: the change history, for admins."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from kinerja_shared.auth import ADMIN_ROLES, current_principal, roles_required

from ...service_layer import riwayat as svc
from ..common import page_of, uow

blp = Blueprint("riwayat", __name__, url_prefix="/riwayat", description="Riwayat perubahan")

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
    aksi = fields.Str(metadata={"description": "BUAT, UBAH, HAPUS, UBAH_PASSWORD, IMPOR"})
    oleh_pegawai_id = fields.Str(allow_none=True, metadata={"description": "kosong: sistem"})
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
        """Siapa mengubah apa dan kapan (sebelum/sesudah), terbaru dahulu; admin instansi hanya
        melihat riwayat instansinya."""
        p = current_principal()
        return page_of(pagination_parameters, lambda page, size: svc.daftar(
            uow(), p, filters=filters, page=page, page_size=size))
