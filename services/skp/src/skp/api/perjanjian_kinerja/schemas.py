"""Shapes of the Perjanjian Kinerja."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..fields import Angka


class PkIndikatorSchema(Schema):
    id = fields.String(dump_only=True)
    uraian = fields.String(required=True, validate=validate.Length(min=1))
    target = Angka(allow_none=True)
    satuan = fields.String(allow_none=True)


class PkIndikatorPatchSchema(PkIndikatorSchema):
    uraian = fields.String(validate=validate.Length(min=1))


class SasaranSchema(Schema):
    id = fields.String(dump_only=True)
    uraian = fields.String(required=True, validate=validate.Length(min=1))
    indikator = fields.List(fields.Nested(PkIndikatorSchema), load_default=list)


class SasaranPatchSchema(Schema):
    uraian = fields.String(validate=validate.Length(min=1))


class PerjanjianKinerjaSchema(Schema):
    id = fields.String(dump_only=True)
    instansi_id = fields.String(dump_only=True)
    pegawai_id = fields.String(dump_only=True)
    tahun = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    dibuat_at = fields.DateTime(dump_only=True)
    sasaran = fields.List(fields.Nested(SasaranSchema), load_default=list)


class PkQuerySchema(Schema):
    tahun = fields.Integer()
    pegawai_id = fields.String()
