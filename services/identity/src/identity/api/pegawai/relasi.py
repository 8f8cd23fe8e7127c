"""GET/PUT /pegawai/{id}/relasi: who assesses whom, and the manual overrides."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields

from kinerja_shared.auth import login_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint

from ...service_layer import relasi as svc

blp = Blueprint("relasi", __name__, url_prefix="/pegawai",
                description="Relasi penilai: atasan, pejabat penilai, bawahan, rekan kerja")


class RelasiQuerySchema(Schema):
    tanggal = fields.Date(metadata={"description": "the date to resolve on (default: today)"})


class RelasiManualSchema(Schema):
    atasan_langsung_id = fields.Str(allow_none=True)
    atasan_ii_id = fields.Str(allow_none=True)
    atasan_iii_id = fields.Str(allow_none=True)
    rekan_kerja_ids = fields.List(fields.Str(), load_default=list)
    bawahan_ids = fields.List(fields.Str(), load_default=list)


class OrangSchema(Schema):
    id = fields.Str()
    nip = fields.Str(allow_none=True)
    nama = fields.Str()
    jabatan = fields.Str(allow_none=True)
    unor_id = fields.Str(allow_none=True)


class RelasiSchema(Schema):
    pegawai_id = fields.Str()
    tanggal = fields.Date()
    atasan_langsung = fields.Nested(OrangSchema, allow_none=True)
    atasan_ii = fields.Nested(OrangSchema, allow_none=True)
    atasan_iii = fields.Nested(OrangSchema, allow_none=True)
    pejabat_penilai = fields.Nested(OrangSchema, allow_none=True)
    atasan_pejabat_penilai = fields.Nested(OrangSchema, allow_none=True)
    bawahan = fields.List(fields.Nested(OrangSchema))
    rekan_kerja = fields.List(fields.Nested(OrangSchema))
    manual = fields.Nested(RelasiManualSchema, allow_none=True)


@blp.route("/<pegawai_id>/relasi")
class Relasi(MethodView):
    @login_required
    @blp.arguments(RelasiQuerySchema, location="query")
    @blp.response(200, RelasiSchema)
    def get(self, query, pegawai_id):
        """The relasi on that date: the head of the unor (or an active PLT/PLH), a vacancy
        passing up to the unor above, and the manual overrides. For the pegawai, their atasan
        and the admins."""
        return run_query(svc.relasi, pegawai_id, query.get("tanggal"))

    @login_required
    @blp.arguments(RelasiManualSchema)
    @blp.response(200, RelasiSchema)
    def put(self, data, pegawai_id):
        """Replace the manual overrides (the "Ubah Profile" form): atasan I-III, rekan kerja,
        bawahan, each a pegawai of the same instansi other than the pegawai (else 422 on that
        field). Empty ones follow the structure again. By the pegawai or an admin; answers
        today's relasi."""
        return run_command(svc.atur_manual, pegawai_id, data)
