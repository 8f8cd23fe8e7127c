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
        "description": "Period (PENILAIAN_SKP, KEPATUHAN, KEBERATAN); 422 for another "
                       "report."})
    unor_id = fields.Str(load_default=None, validate=ID, metadata={
        "description": "Unit: it and every unit below it."})
    unor_induk_id = fields.Str(load_default=None, validate=ID, metadata={
        "description": "Unit induk: every unit it is the induk of."})
    status = fields.Str(load_default=None, validate=validate.Length(min=1, max=30), metadata={
        "description": "RENCANA_SKP_TAHUNAN: BELUM_ADA, DRAFT, DIAJUKAN, DIKEMBALIKAN, "
                       "DISETUJUI; PENILAIAN_SKP: DRAFT, DIKIRIM, DITETAPKAN, DITUTUP; "
                       "KEPATUHAN: TANPA_SKP, TANPA_REALISASI, TANPA_RATING, PATUH; "
                       "ANGKA_KREDIT: DRAFT, DIAJUKAN, DISETUJUI, DITANDATANGANI, DIBATALKAN "
                       "(default: the current rows, neither superseded nor cancelled); "
                       "KINERJA_GURU: the predikat (SANGAT_BAIK ... SANGAT_KURANG); LOG_PMM: "
                       "BERHASIL, GAGAL; KEBERATAN: DIAJUKAN, DIJELASKAN, DISANGGAH_ATASAN, "
                       "DISANGGAH_PENILAI, DISETUJUI, DITOLAK, DITARIK, TERLAMBAT. Another "
                       "value is 422."})
    sumber = fields.Str(load_default=None, validate=validate.OneOf(["KONVERSI", "INTEGRASI"]),
                        metadata={"description": "ANGKA_KREDIT only (the manual's \"Model\"): "
                                                 "konversi or integrasi rows; 422 for another "
                                                 "report."})
    metode_tanda_tangan = fields.Str(load_default=None,
                                     validate=validate.OneOf(["TTE", "TTD_BASAH"]), metadata={
        "description": "ANGKA_KREDIT only: rows signed by TTE or with a wet signature; 422 for "
                       "another report."})
    semester = fields.Str(load_default=None, validate=validate.OneOf(["S1", "S2"]), metadata={
        "description": "KINERJA_GURU only: the PMM semester of the year; 422 for another "
                       "report."})
    tipe_skp = fields.Str(load_default=None,
                          validate=validate.OneOf(["GURU", "KEPALA_SEKOLAH"]), metadata={
        "description": "LOG_PMM only: the teacher's SKP type; 422 for another report."})
    instansi_id = fields.Str(load_default=None, validate=ID, metadata={
        "description": "admin_pusat only: the instansi (default: the caller's)."})


class LaporanDaftarQuery(Schema):
    jenis = fields.Str(load_default=None, validate=validate.OneOf(list(LAPORAN)))
    status = fields.Str(load_default=None, validate=validate.OneOf(
        ["MENUNGGU", "BERJALAN", "SELESAI", "GAGAL"]))
    instansi_id = fields.Str(load_default=None, validate=ID, metadata={
        "description": "admin_pusat: the requests of one instansi (others: ignored)."})
