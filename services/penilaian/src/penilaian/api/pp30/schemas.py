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


_uraian = validate.Length(min=1, max=2000)
_jumlah = validate.Range(min=1, max=1000)
_JUMLAH = "Tugas tambahan: banyaknya tugas. Kreativitas: tingkat 1-3."
_ALASAN = "Alasan koreksi, dicatat di riwayat penilaian."


class TambahanInput(Schema):
    uraian = fields.Str(required=True, validate=_uraian)
    jumlah = fields.Int(required=True, validate=_jumlah, metadata={"description": _JUMLAH})


class TambahanUbahInput(Schema):
    """PATCH: only the fields sent change."""

    uraian = fields.Str(validate=_uraian)
    jumlah = fields.Int(validate=_jumlah, metadata={"description": _JUMLAH})
    alasan = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=2000),
                        metadata={"description": _ALASAN})


class TambahanSchema(Schema):
    id = fields.Str()
    penilaian_id = fields.Str()
    jenis = fields.Str(metadata={"enum": ["TUGAS_TAMBAHAN", "KREATIVITAS"]})
    uraian = fields.Str()
    jumlah = fields.Int(metadata={"description": _JUMLAH})
    oleh_pegawai_id = fields.Str(metadata={"description": "Yang menambahkan entri."})
    created_at = fields.DateTime()


class PerilakuPp30Input(Schema):
    nilai = fields.Dict(keys=fields.Str(), values=fields.Decimal(validate=validate.Range(0, 100)),
                        required=True)


class RealisasiPp30Schema(Schema):
    penilaian_id = fields.Str()
    rhk_id = fields.Str()
    kuantitas = fields.Decimal(as_string=True, allow_none=True)
    kualitas = fields.Decimal(as_string=True, allow_none=True)
    waktu = fields.Decimal(as_string=True, allow_none=True, metadata={"description": "bulan"})
    biaya = fields.Decimal(as_string=True, allow_none=True)
    target_revisi = fields.Dict(allow_none=True, metadata={
        "description": "Target yang direvisi saat pengukuran (aspek -> nilai)."})
    diubah_oleh = fields.Str(allow_none=True)
    diubah_at = fields.DateTime()


class Pp30Schema(Schema):
    realisasi = fields.List(fields.Nested(RealisasiPp30Schema))
    tambahan = fields.List(fields.Nested(TambahanSchema), metadata={
        "description": "Tugas tambahan dan kreativitas (jenis), urut waktu dibuat."})
    perilaku = fields.Dict(keys=fields.Str(), values=fields.Str(), metadata={
        "description": "Nilai perilaku per aspek (0-100)."})
