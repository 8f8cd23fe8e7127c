"""Marshmallow schemas of capaian kinerja organisasi."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..common import CAPAIAN, ID_MAX, TAHUN, URL_DOC, url


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


def _bukti_dukung(**kwargs) -> fields.Str:
    """An http(s) URL, as the document says (``URL_DOC``'s pattern)."""
    return fields.Str(allow_none=True, validate=url, metadata={
        "pattern": URL_DOC["pattern"], "description": URL_DOC["description"]}, **kwargs)


class CapaianInput(Schema):
    periode_id = fields.Str(required=True, validate=validate.Length(max=ID_MAX),
                            metadata={"description": "A period of the caller's instansi "
                                                     "(422 when unknown)."})
    unor_induk_id = fields.Str(required=True, validate=validate.Length(max=ID_MAX))
    capaian = fields.Str(required=True, validate=validate.OneOf(CAPAIAN))
    bukti_dukung = _bukti_dukung(load_default=None)
    tahun = fields.Int(validate=TAHUN, metadata={
        "description": "Follows the period; when given it must be the period's (422)."})


class CapaianPatch(Schema):
    capaian = fields.Str(validate=validate.OneOf(CAPAIAN))
    bukti_dukung = _bukti_dukung()


class CapaianQuery(Schema):
    tahun = fields.Int(validate=TAHUN)
    periode_id = fields.Str()
    unor_induk_id = fields.Str()
    final = fields.Bool()


class FinalSchema(CapaianSchema):
    """The capaian (as GET answers it) and what finalising found."""

    peringatan = fields.List(fields.Str(), metadata={
        "description": "Warnings (Indonesian), e.g. pegawai of the unit not assessed yet."})
    statistik = fields.Dict(metadata={
        "description": "The statistics at finalisation (as GET …/statistik answers them)."})


class StatistikSchema(Schema):
    unor_induk_id = fields.Str()
    periode_id = fields.Str()
    capaian = fields.Str(allow_none=True)
    pegawai_total = fields.Int()
    pegawai_dinilai = fields.Int()
    pegawai_belum_dinilai = fields.Int()
    total = fields.Int(metadata={"description": "Active penilaian of the unit in the period."})
    dinilai = fields.Int()
    jumlah = fields.Dict(keys=fields.Str(), values=fields.Int(),
                         metadata={"description": "How many per predikat."})
    aturan = fields.List(fields.Dict(), metadata={
        "description": "The pola allowed (min/max per rule), the actual count, and whether "
                       "it is broken."})
    sesuai = fields.Bool()
