"""Marshmallow schemas of the Buku Catatan Perilaku."""
from __future__ import annotations

from marshmallow import Schema, fields, validate


class CatatanInput(Schema):
    tanggal = fields.Date(required=True, metadata={
        "description": "Inside the assessment period (422 outside)."})
    uraian = fields.Str(required=True, validate=validate.Length(min=1, max=5000))


class CatatanUbahInput(Schema):
    """PATCH: only the fields sent change."""

    tanggal = fields.Date(metadata={"description": "Inside the assessment period (422 outside)."})
    uraian = fields.Str(validate=validate.Length(min=1, max=5000))
    alasan = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=2000),
                        metadata={"description": "Why it is corrected; kept in the penilaian's "
                                                 "riwayat."})


class CatatanSchema(Schema):
    id = fields.Str()
    tanggal = fields.Date()
    uraian = fields.Str()
    oleh_pegawai_id = fields.Str()
    created_at = fields.DateTime()
