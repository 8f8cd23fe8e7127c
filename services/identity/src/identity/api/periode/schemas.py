from marshmallow import Schema, fields, validate

from ...domain.enums import SKEMA_PERIODE
from ..common import MMDD

DATE = {"description": "MM-DD (e.g. 12-31), a real day of the year (else 422)"}
BATAS = {"description": "MM-DD; earlier in the calendar than `akhir` means the next year"}


class PeriodeDasar(Schema):
    tahun = fields.Int(validate=validate.Range(min=2000, max=2100))
    nama = fields.Str(validate=validate.Length(min=1, max=200))
    awal = fields.Str(validate=MMDD, metadata=DATE)
    akhir = fields.Str(validate=MMDD, metadata={
        "description": "MM-DD, not before `awal` (else 422)"})
    batas_pengisian = fields.Str(validate=MMDD, metadata=BATAS)
    final = fields.Bool(metadata={"description": "at most one final period per year (else 409)"})


class PeriodeBaruSchema(PeriodeDasar):
    instansi_id = fields.Str(required=True, metadata={
        "description": "an instansi the caller administers (else 422)"})
    tahun = fields.Int(required=True, validate=validate.Range(min=2000, max=2100))
    nama = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    awal = fields.Str(required=True, validate=MMDD, metadata=DATE)
    akhir = fields.Str(required=True, validate=MMDD, metadata={
        "description": "MM-DD, not before `awal` (else 422)"})
    batas_pengisian = fields.Str(required=True, validate=MMDD, metadata=BATAS)


class PeriodeUbahSchema(PeriodeDasar):
    pass


class PeriodeSchema(PeriodeDasar):
    id = fields.Str()
    instansi_id = fields.Str()
    revisi = fields.Int()
    tanggal_awal = fields.Date()
    tanggal_akhir = fields.Date()
    tanggal_batas_pengisian = fields.Date()


class PeriodeQuerySchema(Schema):
    instansi_id = fields.Str()
    tahun = fields.Int()
    final = fields.Bool()


class GenerateSchema(Schema):
    instansi_id = fields.Str(required=True, metadata={
        "description": "an instansi the caller administers (else 422)"})
    tahun = fields.Int(required=True, validate=validate.Range(min=2000, max=2100))
    skema = fields.Str(required=True, validate=validate.OneOf(SKEMA_PERIODE))
