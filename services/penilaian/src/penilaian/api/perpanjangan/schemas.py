"""Marshmallow schemas of the extensions of the batas pengisian."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..common import ID_MAX

_SALAH_SATU = "Exactly one of `pegawai_id` and `unor_id` (422 otherwise)."


class PerpanjanganInput(Schema):
    periode_id = fields.Str(required=True, validate=validate.Length(max=ID_MAX), metadata={
        "description": "A period of the caller's instansi (404 when unknown)."})
    pegawai_id = fields.Str(load_default=None, allow_none=True,
                            validate=validate.Length(max=ID_MAX),
                            metadata={"description": _SALAH_SATU})
    unor_id = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=ID_MAX),
                         metadata={"description": _SALAH_SATU})
    batas_pengisian = fields.Date(required=True, metadata={
        "description": "Not earlier than the period's batas pengisian (422)."})
    alasan = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class PerpanjanganSchema(Schema):
    id = fields.Str()
    instansi_id = fields.Str()
    periode_id = fields.Str()
    pegawai_id = fields.Str(allow_none=True)
    unor_id = fields.Str(allow_none=True)
    batas_pengisian = fields.Date()
    alasan = fields.Str(allow_none=True)
    oleh_pegawai_id = fields.Str()
    created_at = fields.DateTime()
    dicabut_at = fields.DateTime(allow_none=True, metadata={
        "description": "When an admin withdrew it (DELETE); it no longer extends anything."})
    dicabut_oleh_pegawai_id = fields.Str(allow_none=True)


class PerpanjanganQuery(Schema):
    periode_id = fields.Str(required=True)
