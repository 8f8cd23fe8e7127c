"""Peran given to the caller in any Matriks Peran Hasil."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from kinerja_shared.auth import current_principal, login_required

from ... import views
from ..common import baca

blp = Blueprint("peran", __name__, url_prefix="/peran-saya",
                description="Peran dari Matriks Peran Hasil pimpinan.")


class PeranQuerySchema(Schema):
    tahun = fields.Integer()


class PeranSchema(Schema):
    id = fields.String()
    uraian = fields.String()
    rhk_atasan_id = fields.String()
    skp_atasan_id = fields.String()
    pemberi_pegawai_id = fields.String()
    jabatan_tim = fields.String(metadata={"enum": ["KETUA", "ANGGOTA"]})
    tahun = fields.Integer()


@blp.route("")
class PeranSaya(MethodView):
    @login_required
    @blp.arguments(PeranQuerySchema, location="query")
    @blp.response(200, PeranSchema(many=True))
    def get(self, args):
        """Peran given to me in any matriks (``POST /skp/{id}/rhk`` with ``peran_id`` copies
        one into my SKP, linked to the pimpinan's RHK)."""
        return baca(views.peran_saya, current_principal().pegawai_id, args.get("tahun"))
