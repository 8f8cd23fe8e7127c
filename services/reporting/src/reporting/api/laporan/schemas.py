"""Schemas of the report jobs."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ...service_layer.laporan_isi import LAPORAN
from ..common import ID, TAHUN


class LaporanMinta(Schema):
    jenis = fields.Str(required=True, validate=validate.OneOf(list(LAPORAN)), metadata={
        "description": "The Excel report."})
    tahun = fields.Int(required=True, validate=TAHUN)
    periode_id = fields.Str(load_default=None, validate=ID, metadata={
        "description": "Period (PENILAIAN_SKP, KEPATUHAN)."})
    unor_id = fields.Str(load_default=None, validate=ID, metadata={
        "description": "Unit: it and every unit below it."})
    unor_induk_id = fields.Str(load_default=None, validate=ID, metadata={
        "description": "Unit induk: every unit it is the induk of."})
    status = fields.Str(load_default=None, validate=validate.Length(min=1, max=30), metadata={
        "description": "RENCANA_SKP_TAHUNAN: BELUM_ADA, DRAFT, DIAJUKAN, DIKEMBALIKAN, "
                       "DISETUJUI; PENILAIAN_SKP: DRAFT, DIKIRIM, DITETAPKAN, DITUTUP; "
                       "KEPATUHAN: TANPA_SKP, TANPA_REALISASI, TANPA_RATING, PATUH."})
    instansi_id = fields.Str(load_default=None, validate=ID, metadata={
        "description": "admin_pusat only: the instansi (default: the caller's)."})
