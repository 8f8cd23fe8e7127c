"""GET/PUT /pegawai/{id}/relasi: who assesses whom, and the manual overrides."""
from __future__ import annotations

from datetime import date

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from kinerja_shared.auth import current_principal, login_required

from ...service_layer import relasi as svc
from ..common import uow

blp = Blueprint("relasi", __name__, url_prefix="/pegawai",
                description="Relasi penilai: atasan, pejabat penilai, bawahan, rekan kerja")


class RelasiQuerySchema(Schema):
    tanggal = fields.Date(metadata={"description": "tanggal acuan (bawaan: hari ini)"})


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
        """Relasi pada tanggal itu: pimpinan unor (atau PLT/PLH aktif), kekosongan naik ke unor
        atasan, dan isian manual. Untuk pegawai itu sendiri, atasannya, dan admin."""
        return svc.relasi(uow(), current_principal(), pegawai_id, query.get("tanggal") or date.today())

    @login_required
    @blp.arguments(RelasiManualSchema)
    @blp.response(200, RelasiSchema)
    def put(self, data, pegawai_id):
        """Ganti isian manual (form "Ubah Profile"): atasan I-III, rekan kerja, bawahan.
        Kosongkan untuk kembali mengikuti struktur. Oleh pegawai itu sendiri atau admin."""
        svc.atur_manual(uow(), current_principal(), pegawai_id, data)
        return svc.relasi(uow(), current_principal(), pegawai_id, date.today())
