"""The reference tables of DOMAIN.md §7, by regulation version."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields

from kinerja_shared.auth import login_required
from kinerja_shared.web.commands import run_query
from kinerja_shared.web.http import Blueprint, unpaged

from ... import views
from ..common import Angka

blp = Blueprint("referensi", __name__, url_prefix="/referensi",
                description="Reference tables of angka kredit (PermenPAN-RB 1/2023, Peraturan "
                            "BKN 3/2023), one entry per regulation version")


class TanggalQuery(Schema):
    tanggal = fields.Date(metadata={"description": "only the version in force on this date"})


class PersentaseSchema(Schema):
    predikat = fields.Str()
    nama = fields.Str()
    persentase = Angka(metadata={"description": "1.5 for 150 %"})


class KoefisienJenjangSchema(Schema):
    jenjang = fields.Str()
    nama = fields.Str()
    koefisien = Angka()


class KoefisienSchema(Schema):
    kode = fields.Str()
    berlaku_mulai = fields.Date()
    sumber = fields.Str()
    persentase = fields.List(fields.Nested(PersentaseSchema))
    koefisien = fields.List(fields.Nested(KoefisienJenjangSchema))


class _Nilai(Schema):
    nilai = Angka(metadata={"description": "in force for the caller's instansi"})
    bawaan = Angka(metadata={"description": "the default of the table"})
    tidak_tetap = fields.Bool(metadata={"description": "unsettled: an instansi may set it"})
    diatur_instansi = fields.Bool()


class KebutuhanPangkatSchema(_Nilai):
    kategori = fields.Str()
    golongan = fields.Str()
    pangkat = fields.Str()
    golongan_berikutnya = fields.Str(allow_none=True)


class KebutuhanJenjangSchema(_Nilai):
    jenjang = fields.Str()
    jenjang_berikutnya = fields.Str(allow_none=True)


class NilaiDasarSchema(_Nilai):
    jenjang = fields.Str()


class RentangSchema(Schema):
    jenjang = fields.Str()
    terendah = fields.Str()
    tertinggi = fields.Str()


class KebutuhanSchema(Schema):
    kode = fields.Str()
    berlaku_mulai = fields.Date()
    sumber = fields.Str()
    pangkat = fields.List(fields.Nested(KebutuhanPangkatSchema))
    jenjang = fields.List(fields.Nested(KebutuhanJenjangSchema))
    nilai_dasar = fields.List(fields.Nested(NilaiDasarSchema))
    rentang_golongan = fields.List(fields.Nested(RentangSchema))


@blp.route("/koefisien")
class Koefisien(MethodView):
    @login_required
    @blp.arguments(TanggalQuery, location="query")
    @blp.response(200, KoefisienSchema(many=True))
    @unpaged("one entry per regulation version")
    def get(self, args):
        """Persentase per predikat and koefisien tahunan per jenjang."""
        return run_query(views.referensi_koefisien, **args)


@blp.route("/kebutuhan")
class Kebutuhan(MethodView):
    @login_required
    @blp.arguments(TanggalQuery, location="query")
    @blp.response(200, KebutuhanSchema(many=True))
    @unpaged("one entry per regulation version")
    def get(self, args):
        """AK needed for kenaikan pangkat (by golongan) and jenjang, the golongan of each
        jenjang and the nilai dasar of integrasi; the unsettled keterampilan figures with the
        caller's instansi's values where it set them."""
        return run_query(views.referensi_kebutuhan, **args)
