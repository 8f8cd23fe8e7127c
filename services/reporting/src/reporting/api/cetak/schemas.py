"""Schemas of the documents and bulk prints."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ...service_layer.cetak_massal import JENIS
from ..common import ID, TAHUN


class OpsiCetak(Schema):
    tanggal = fields.Date(load_default=None, metadata={
        "description": "Date printed at the signatures (default: today, Indonesian time)."})
    lokasi = fields.Str(load_default=None, validate=validate.Length(min=1, max=100), metadata={
        "description": "Place printed before the date (default: the unit's kota)."})
    anchor_pegawai = fields.Str(load_default=None, validate=validate.Length(min=1, max=50),
                                metadata={"description": "TTE anchor text at the pegawai's "
                                                         "signature (default #ttd_pegawai#)."})
    anchor_penilai = fields.Str(load_default=None, validate=validate.Length(min=1, max=50),
                                metadata={"description": "TTE anchor text at the pejabat "
                                                         "penilai's signature (default "
                                                         "#ttd_penilai#)."})


class OpsiCetakAk(Schema):
    tanggal = fields.Date(load_default=None, metadata={
        "description": "Date printed at the signature when the row has no tanggal SK (default: "
                       "today, Indonesian time)."})
    lokasi = fields.Str(load_default=None, validate=validate.Length(min=1, max=100), metadata={
        "description": "Place printed at the signature (default: where the PAK is signed)."})


class OpsiMph(OpsiCetak):
    tahun = fields.Int(required=True, validate=TAHUN)


class MassalMinta(Schema):
    jenis = fields.Str(required=True, validate=validate.OneOf(list(JENIS)), metadata={
        "description": "EVALUASI: Dokumen Evaluasi Kinerja of every DITETAPKAN penilaian of "
                       "the period; RENCANA_SKP: every approved SKP of the year."})
    unor_induk_id = fields.Str(required=True, validate=ID)
    tahun = fields.Int(required=True, validate=TAHUN)
    periode_id = fields.Str(load_default=None, validate=ID, metadata={
        "description": "Required for EVALUASI."})
    instansi_id = fields.Str(load_default=None, validate=ID, metadata={
        "description": "admin_pusat only: the instansi (default: the caller's)."})
