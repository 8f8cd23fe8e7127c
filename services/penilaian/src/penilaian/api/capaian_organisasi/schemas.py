"""Marshmallow schemas of capaian kinerja organisasi."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..common import CAPAIAN, PagingQuery


class CapaianSchema(Schema):
    id = fields.Str()
    instansi_id = fields.Str()
    tahun = fields.Int()
    periode_id = fields.Str()
    unor_induk_id = fields.Str()
    capaian = fields.Str(metadata={"enum": list(CAPAIAN)})
    bukti_dukung = fields.Str(allow_none=True)
    final = fields.Bool()
    difinalkan_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


_url = validate.URL(schemes={"http", "https"}, require_tld=False)


class CapaianInput(Schema):
    periode_id = fields.Str(required=True)
    unor_induk_id = fields.Str(required=True)
    capaian = fields.Str(required=True, validate=validate.OneOf(CAPAIAN))
    bukti_dukung = fields.Str(load_default=None, allow_none=True, validate=_url)
    tahun = fields.Int(metadata={"description": "Mengikuti periode; bila diisi harus sama."})


class CapaianPatch(Schema):
    capaian = fields.Str(validate=validate.OneOf(CAPAIAN))
    bukti_dukung = fields.Str(allow_none=True, validate=_url)


class CapaianQuery(PagingQuery):
    tahun = fields.Int()
    periode_id = fields.Str()
    unor_induk_id = fields.Str()
    final = fields.Bool()


class FinalSchema(Schema):
    capaian_organisasi = fields.Nested(CapaianSchema)
    peringatan = fields.List(fields.Str())
    statistik = fields.Dict()


class StatistikSchema(Schema):
    unor_induk_id = fields.Str()
    periode_id = fields.Str()
    capaian = fields.Str(allow_none=True)
    pegawai_total = fields.Int()
    pegawai_dinilai = fields.Int()
    pegawai_belum_dinilai = fields.Int()
    total = fields.Int(metadata={"description": "Penilaian aktif di unit dan periode ini."})
    dinilai = fields.Int()
    jumlah = fields.Dict(keys=fields.Str(), values=fields.Int(),
                         metadata={"description": "Jumlah per predikat."})
    aturan = fields.List(fields.Dict(), metadata={
        "description": "Pola yang diizinkan (min/max per aturan), aktual, dan dilanggar."})
    sesuai = fields.Bool()
