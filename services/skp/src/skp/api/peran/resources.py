"""Peran given to the caller in any Matriks Peran Hasil."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields

from kinerja_shared.auth import login_required
from kinerja_shared.web.http import Blueprint, run_page

from ...views import skp as views

blp = Blueprint("peran", __name__, url_prefix="/peran-saya",
                description="Peran given to the caller in the Matriks Peran Hasil of his "
                            "pimpinan.")


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
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """Peran given to me in any matriks, by year (``POST /skp/{id}/rhk`` with ``peran_id``
        copies one into my SKP, linked to the pimpinan's RHK)."""
        return run_page(pagination_parameters, views.peran_saya, tahun=args.get("tahun"))
