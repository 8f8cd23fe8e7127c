"""Shapes of SKP on the wire (API.md, "Shapes clients rely on")."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..fields import (STATUS, Angka, AspekIndikator, AspekPerilaku, JenisRhk, ModelSkp,
                      Pendekatan, PenilaiPerilaku, Perspektif, ReferensiRhk, enum)


class PegawaiRingkasSchema(Schema):
    id = fields.String()
    nip = fields.String(allow_none=True)
    nama = fields.String()
    gelar_depan = fields.String(allow_none=True)
    gelar_belakang = fields.String(allow_none=True)
    jabatan = fields.String(allow_none=True)
    golongan = fields.String(allow_none=True)
    unor_id = fields.String(allow_none=True)
    unor_nama = fields.String(allow_none=True)


class ManualIndikatorSchema(Schema):
    definisi = fields.String(allow_none=True)
    formula = fields.String(allow_none=True)
    tujuan = fields.String(allow_none=True)
    satuan_pengukuran = fields.String(allow_none=True)
    jenis_iku = fields.String(allow_none=True, validate=validate.OneOf(
        ["OUTCOME", "OUTPUT_KENDALI_RENDAH", "OUTPUT_KENDALI_SEDANG"]))
    penanggung_jawab = fields.String(allow_none=True)
    penyedia_data = fields.String(allow_none=True)
    sumber_data = fields.String(allow_none=True)
    periode_pelaporan = fields.String(allow_none=True, validate=validate.OneOf(
        ["BULANAN", "TRIWULANAN", "SEMESTERAN", "TAHUNAN"]))


class IndikatorSchema(Schema):
    id = fields.String(dump_only=True)
    uraian = fields.String(required=True, validate=validate.Length(min=1))
    aspek = enum(AspekIndikator, allow_none=True)
    target = Angka(allow_none=True, metadata={
        "description": "pendekatan KUANTITATIF: required and numeric"})
    target_maks = Angka(allow_none=True, metadata={
        "description": "the upper end of a range target: numeric, >= target"})
    satuan = fields.String(allow_none=True, metadata={
        "description": "pendekatan KUANTITATIF: required"})
    perspektif = enum(Perspektif, allow_none=True, metadata={"description": "SKP JPT only"})
    manual = fields.Nested(ManualIndikatorSchema, dump_only=True, allow_none=True)


class BarisMatriksSchema(Schema):
    pegawai_id = fields.String(required=True, metadata={
        "description": "a bawahan of the SKP's owner, once per matrix"})
    jabatan_tim = fields.String(required=True, validate=validate.OneOf(["KETUA", "ANGGOTA"]))
    peran = fields.List(fields.String(allow_none=True), required=True, metadata={
        "description": "one peran (or null) per kolom, in the order of kolom"})


class MatriksPeranSchema(Schema):
    rhk_id = fields.String(dump_only=True)
    uraian = fields.String(dump_only=True)
    kolom = fields.List(fields.String(validate=validate.Length(min=1)), required=True)
    baris = fields.List(fields.Nested(BarisMatriksSchema), required=True)


class RhkSchema(Schema):
    id = fields.String(dump_only=True)
    jenis = enum(JenisRhk, load_default="UTAMA")
    uraian = fields.String(validate=validate.Length(min=1))
    rhk_atasan_id = fields.String(allow_none=True)
    peran_id = fields.String(allow_none=True)
    referensi = enum(ReferensiRhk, allow_none=True)
    target_kuantitas = Angka(allow_none=True, metadata={
        "description": "PP 30/2019 kegiatan: output quantity, >= 0 (required on that model)"})
    satuan = fields.String(allow_none=True, metadata={
        "description": "PP 30/2019 kegiatan: unit of the output (required on that model)"})
    target_kualitas = Angka(allow_none=True, metadata={
        "description": "PP 30/2019 kegiatan: quality, 0-100 (required on that model)"})
    target_waktu = Angka(allow_none=True, metadata={
        "description": "PP 30/2019 kegiatan: months, 1-12 (required on that model)"})
    target_biaya = Angka(allow_none=True, metadata={
        "description": "PP 30/2019 kegiatan: cost, >= 0 (optional)"})
    indikator = fields.List(fields.Nested(IndikatorSchema), dump_only=True)
    matriks_peran = fields.Nested(MatriksPeranSchema, dump_only=True)


class RhkPatchSchema(RhkSchema):
    jenis = enum(JenisRhk)


class PerilakuSchema(Schema):
    aspek = enum(AspekPerilaku)
    indikator = fields.List(fields.String())
    ekspektasi_khusus = fields.String(allow_none=True)
    penilai = enum(PenilaiPerilaku)
    penilai_pegawai_id = fields.String(allow_none=True)


class SkpSchema(Schema):
    id = fields.String()
    instansi_id = fields.String()
    pegawai_id = fields.String()
    unor_id = fields.String(allow_none=True)
    plt_unor_id = fields.String(allow_none=True)
    jenis = fields.String(metadata={"enum": ["JPT", "JF_JA"]})
    pendekatan = enum(Pendekatan)
    model = enum(ModelSkp)
    status = fields.String(metadata={"enum": STATUS})
    mandiri = fields.Boolean()
    periode_awal = fields.Date()
    periode_akhir = fields.Date()
    catatan = fields.String(allow_none=True, metadata={
        "description": "the pejabat penilai's note of the last kembalikan"})
    revisi = fields.Integer()
    dibuat_at = fields.DateTime()
    diubah_at = fields.DateTime()
    diajukan_at = fields.DateTime(allow_none=True)
    disetujui_at = fields.DateTime(allow_none=True)
    pegawai = fields.Nested(PegawaiRingkasSchema, allow_none=True)
    pejabat_penilai = fields.Nested(PegawaiRingkasSchema, allow_none=True)
    atasan_pejabat_penilai = fields.Nested(PegawaiRingkasSchema, allow_none=True)
    rhk = fields.List(fields.Nested(RhkSchema))
    perilaku = fields.List(fields.Nested(PerilakuSchema))


class SkpCreateSchema(Schema):
    pegawai_id = fields.String(metadata={
        "description": "an admin instansi: the pegawai of his instansi the SKP is for"})
    periode_awal = fields.Date(required=True)
    periode_akhir = fields.Date(required=True)
    pendekatan = enum(Pendekatan, load_default="KUANTITATIF")
    model = enum(ModelSkp, metadata={
        "description": "default: the instansi's pengaturan model_skp"})
    pejabat_penilai_nip = fields.String(metadata={
        "description": "DKI: the pejabat penilai named by NIP (a pegawai of the same instansi)"})
    plt_unor_id = fields.String(metadata={"description": "the unor of a PLT/PLH role"})


class SkpPatchSchema(Schema):
    periode_awal = fields.Date()
    periode_akhir = fields.Date()
    pendekatan = enum(Pendekatan)
    model = enum(ModelSkp)
    pejabat_penilai_nip = fields.String()


class SkpQuerySchema(Schema):
    pegawai_id = fields.String()
    tahun = fields.Integer(validate=validate.Range(min=2000, max=2100))
    status = fields.String(validate=validate.OneOf(STATUS))
    jenis = fields.String(validate=validate.OneOf(["JPT", "JF_JA"]))
    unor_id = fields.String()


class KembalikanSchema(Schema):
    catatan = fields.String(required=True, validate=validate.Length(min=1))


class BatalkanSchema(Schema):
    alasan = fields.String(allow_none=True)


class SalinPkSchema(Schema):
    perjanjian_kinerja_id = fields.String(required=True)


class RiwayatSchema(Schema):
    id = fields.Integer()
    waktu = fields.DateTime()
    oleh_pegawai_id = fields.String(allow_none=True)
    oleh_nama = fields.String(allow_none=True)
    aksi = fields.String()
    objek = fields.String(allow_none=True)
    sebelum = fields.Raw(allow_none=True)
    sesudah = fields.Raw(allow_none=True)


class SkpDetailSchema(SkpSchema):
    """The SKP aggregate: the whole plan and its history (API.md), as GET /skp/{id} and every
    write to an SKP or a part of it answer it."""

    riwayat = fields.List(fields.Nested(RiwayatSchema),
                          metadata={"description": "who changed what and when, oldest first"})
