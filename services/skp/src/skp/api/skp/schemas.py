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
    target = Angka(allow_none=True)
    target_maks = Angka(allow_none=True)
    satuan = fields.String(allow_none=True)
    perspektif = enum(Perspektif, allow_none=True)
    manual = fields.Nested(ManualIndikatorSchema, dump_only=True, allow_none=True)


class BarisMatriksSchema(Schema):
    pegawai_id = fields.String(required=True)
    jabatan_tim = fields.String(required=True, validate=validate.OneOf(["KETUA", "ANGGOTA"]))
    peran = fields.List(fields.String(allow_none=True), required=True)


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
    target_kuantitas = Angka(allow_none=True, metadata={"description": "PP 30/2019"})
    satuan = fields.String(allow_none=True, metadata={"description": "PP 30/2019: satuan output"})
    target_kualitas = Angka(allow_none=True, metadata={"description": "PP 30/2019: 0-100"})
    target_waktu = Angka(allow_none=True, metadata={"description": "PP 30/2019: bulan (1-12)"})
    target_biaya = Angka(allow_none=True, metadata={"description": "PP 30/2019, opsional"})
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
    catatan = fields.String(allow_none=True, metadata={"description": "catatan pengembalian"})
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
    pegawai_id = fields.String(metadata={"description": "admin: SKP of another pegawai"})
    periode_awal = fields.Date(required=True)
    periode_akhir = fields.Date(required=True)
    pendekatan = enum(Pendekatan, load_default="KUANTITATIF")
    model = enum(ModelSkp, metadata={"description": "default: pengaturan instansi"})
    pejabat_penilai_nip = fields.String(metadata={"description": "DKI: penilai by NIP"})
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
    """One SKP as GET /skp/{id} returns it: the whole plan and its history (API.md)."""

    riwayat = fields.List(fields.Nested(RiwayatSchema),
                          metadata={"description": "who changed what and when, oldest first"})
