from marshmallow import Schema, fields, validate

from ...domain.enums import SKEMA_PERIODE
from ..common import mmdd

MMDD = {"description": "format MM-DD (mis. 12-31)"}


class PeriodeDasar(Schema):
    tahun = fields.Int(validate=validate.Range(min=2000, max=2100))
    nama = fields.Str(validate=validate.Length(min=1, max=200))
    awal = fields.Str(validate=mmdd, metadata=MMDD)
    akhir = fields.Str(validate=mmdd, metadata=MMDD)
    batas_pengisian = fields.Str(validate=mmdd, metadata={
        "description": "MM-DD; lebih awal dari akhir periode berarti tahun berikutnya"})
    final = fields.Bool()


class PeriodeBaruSchema(PeriodeDasar):
    instansi_id = fields.Str(required=True)
    tahun = fields.Int(required=True, validate=validate.Range(min=2000, max=2100))
    nama = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    awal = fields.Str(required=True, validate=mmdd, metadata=MMDD)
    akhir = fields.Str(required=True, validate=mmdd, metadata=MMDD)
    batas_pengisian = fields.Str(required=True, validate=mmdd, metadata=MMDD)


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
    instansi_id = fields.Str(required=True)
    tahun = fields.Int(required=True, validate=validate.Range(min=2000, max=2100))
    skema = fields.Str(required=True, validate=validate.OneOf(SKEMA_PERIODE))
