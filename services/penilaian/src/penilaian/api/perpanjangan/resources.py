"""Extensions of the batas pengisian per pegawai or per unor (admins of the instansi)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from kinerja_shared.auth import ADMIN_ROLES, current_principal, ensure_admin_of, roles_required
from kinerja_shared.runtime import current_runtime

from ...adapters.tables import perpanjangan
from ...service_layer import muat, pengisian
from ...service_layer.errors import tidak_ditemukan

blp = Blueprint("perpanjangan", __name__,
                description="Perpanjangan batas pengisian realisasi per pegawai atau per unor.")


class PerpanjanganInput(Schema):
    periode_id = fields.Str(required=True)
    pegawai_id = fields.Str(load_default=None, allow_none=True)
    unor_id = fields.Str(load_default=None, allow_none=True)
    batas_pengisian = fields.Date(required=True)
    alasan = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class PerpanjanganSchema(PerpanjanganInput):
    id = fields.Str()
    instansi_id = fields.Str()
    oleh_pegawai_id = fields.Str()
    created_at = fields.DateTime()


class PerpanjanganQuery(Schema):
    periode_id = fields.Str(required=True)


def _periode(s, periode_id):
    periode = muat.periode_row(s, periode_id)
    if periode is None or not current_principal().sees_instansi(periode["instansi_id"]):
        raise tidak_ditemukan("Periode tidak ditemukan.")
    ensure_admin_of(current_principal(), periode["instansi_id"])
    return periode


@blp.route("/perpanjangan")
class Perpanjangan(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PerpanjanganQuery, location="query")
    @blp.response(200, PerpanjanganSchema(many=True))
    def get(self, args):
        """Perpanjangan pada satu periode."""
        with current_runtime().uow() as uow:
            _periode(uow.session, args["periode_id"])
            return [dict(r) for r in uow.session.execute(select(perpanjangan).where(
                perpanjangan.c.periode_id == args["periode_id"]).order_by(
                perpanjangan.c.created_at)).mappings()]

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(PerpanjanganInput)
    @blp.response(201, PerpanjanganSchema)
    def post(self, data):
        """Perpanjang batas pengisian untuk satu pegawai atau satu unor (admin instansi)."""
        with current_runtime().uow() as uow:
            periode = _periode(uow.session, data["periode_id"])
            pid = pengisian.perpanjang(uow, periode=periode, pegawai_id=data["pegawai_id"],
                                       unor_id=data["unor_id"], batas=data["batas_pengisian"],
                                       alasan=data["alasan"], oleh=current_principal().pegawai_id)
            uow.commit()
            return dict(uow.session.execute(select(perpanjangan).where(
                perpanjangan.c.id == pid)).mappings().one())
