"""Marshmallow schemas of the PP 30/2019 numeric model."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

_nonneg = validate.Range(min=0)


class TargetRevisi(Schema):
    kuantitas = fields.Decimal(validate=validate.Range(min=0, min_inclusive=False))
    kualitas = fields.Decimal(validate=validate.Range(min=0, max=100, min_inclusive=False))
    waktu = fields.Decimal(validate=validate.Range(min=0, min_inclusive=False))
    biaya = fields.Decimal(validate=validate.Range(min=0, min_inclusive=False), allow_none=True)


class RealisasiPp30Input(Schema):
    kuantitas = fields.Decimal(required=True, validate=_nonneg)
    kualitas = fields.Decimal(required=True, validate=validate.Range(min=0, max=100))
    waktu = fields.Decimal(required=True, validate=_nonneg, metadata={"description": "bulan"})
    biaya = fields.Decimal(load_default=None, allow_none=True, validate=_nonneg)
    target_revisi = fields.Nested(TargetRevisi, load_default=None, allow_none=True, metadata={
        "description": "Revisi target saat pengukuran (hanya aspek yang diubah)."})


class TambahanInput(Schema):
    uraian = fields.Str(required=True, validate=validate.Length(min=1, max=2000))
    jumlah = fields.Int(required=True, validate=validate.Range(min=1, max=1000), metadata={
        "description": "Tugas tambahan: banyaknya tugas. Kreativitas: tingkat 1-3."})


class PerilakuPp30Input(Schema):
    nilai = fields.Dict(keys=fields.Str(), values=fields.Decimal(validate=validate.Range(0, 100)),
                        required=True)
