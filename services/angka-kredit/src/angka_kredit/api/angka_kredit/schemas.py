"""Marshmallow schemas of the angka-kredit resource."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..common import ID_MAX, JENJANG, METODE, PREDIKAT, STATUS, SUMBER, TAHUN, Angka, angka

BERIKUTNYA = "golongan (pangkat) or jenjang it leads to"


class AngkaKreditSchema(Schema):
    """One AK row as the list shows it (the manual's "Manajemen Angka Kredit")."""

    id = fields.Str()
    instansi_id = fields.Str()
    pegawai_id = fields.Str()
    nip = fields.Str(allow_none=True)
    nama = fields.Str()
    sumber = fields.Str(metadata={"enum": list(SUMBER)})
    status = fields.Str(metadata={"enum": list(STATUS)})
    aktif = fields.Bool(metadata={"description": "False once superseded by a correcting PAK "
                                                 "(see digantikan_oleh_id) or cancelled."})
    tahun = fields.Int()
    awal = fields.Date(metadata={"description": "First day of the months assessed."})
    akhir = fields.Date()
    penilaian_id = fields.Str(allow_none=True)
    jenis_predikat = fields.Str(allow_none=True, metadata={"enum": ["FINAL", "PERIODIK"]})
    predikat_revisi = fields.Int(allow_none=True)
    periode_id = fields.Str(allow_none=True)
    periode_nama = fields.Str(allow_none=True)
    predikat = fields.Str(allow_none=True, metadata={"enum": list(PREDIKAT)})
    persentase = angka("1.5 for 150 %")
    koefisien = angka("koefisien tahunan of the jenjang")
    bulan = fields.Int(allow_none=True, metadata={"description": "months assessed"})
    kategori_jabatan = fields.Str(allow_none=True)
    jabatan = fields.Str(allow_none=True)
    jenjang = fields.Str(metadata={"enum": list(JENJANG)})
    golongan = fields.Str(allow_none=True)
    pangkat = fields.Str(allow_none=True)
    unor_id = fields.Str(allow_none=True)
    unor_nama = fields.Str(allow_none=True)
    angka_kredit = angka("(bulan / 12) × persentase × koefisien, kept to 6 decimals")
    angka_kredit_tampil = fields.Str(metadata={
        "description": "three decimals as BKN shows them (ROUND_HALF_UP): 10.9375 -> 10.938"})
    ak_lama = angka("cumulative AK in the jenjang before this row")
    ak_baru = angka("cumulative AK in the jenjang with this row")
    ak_pangkat = angka("AK gathered for the next pangkat (in the current golongan)")
    kebutuhan_pangkat = angka("AK the next pangkat needs (null at the top)")
    selisih_pangkat = angka("ak_pangkat − kebutuhan_pangkat: excess (+) or shortfall (−)")
    cukup_pangkat = fields.Bool()
    pangkat_berikutnya = fields.Str(allow_none=True, metadata={"description": BERIKUTNYA})
    kebutuhan_jenjang = angka("AK the next jenjang needs (null at the top)")
    selisih_jenjang = angka("ak_baru − kebutuhan_jenjang")
    cukup_jenjang = fields.Bool()
    jenjang_berikutnya = fields.Str(allow_none=True, metadata={"description": BERIKUTNYA})
    kesimpulan = fields.Str(metadata={"description": "the PAK's conclusion (Indonesian)"})
    nomor_sk = fields.Str(allow_none=True)
    tanggal_sk = fields.Date(allow_none=True)
    tempat = fields.Str(allow_none=True)
    metode = fields.Str(allow_none=True, metadata={"enum": list(METODE)})
    mengoreksi_id = fields.Str(allow_none=True, metadata={
        "description": "the superseded signed PAK this one corrects"})
    digantikan_oleh_id = fields.Str(allow_none=True, metadata={
        "description": "the correcting PAK of this superseded one"})
    revisi = fields.Int()
    updated_at = fields.DateTime()


class RiwayatSchema(Schema):
    waktu = fields.DateTime()
    oleh_pegawai_id = fields.Str(allow_none=True, metadata={"description": "null: the system"})
    aksi = fields.Str(metadata={"description": "DIBUAT, DIHITUNG_ULANG, DIGANTIKAN, DIKOREKSI, "
                                               "DIBATALKAN, AJUKAN, SETUJUI, TANDATANGANI, "
                                               "KEMBALIKAN"})
    status = fields.Str()
    sebelum = fields.Dict(allow_none=True)
    sesudah = fields.Dict(allow_none=True)
    alasan = fields.Str(allow_none=True)


class AkumulasiSchema(Schema):
    id = fields.Str()
    sumber = fields.Str()
    awal = fields.Date()
    akhir = fields.Date()
    predikat = fields.Str(allow_none=True)
    persentase = angka()
    koefisien = angka()
    bulan = fields.Int(allow_none=True)
    angka_kredit = angka()
    status = fields.Str()


class PenetapanSchema(Schema):
    unsur = fields.Str()
    uraian = fields.Str()
    lama = Angka()
    baru = Angka()
    jumlah = Angka()


class AngkaKreditDetailSchema(AngkaKreditSchema):
    """GET /angka-kredit/{id}, and the answer of every action on it."""

    pegawai = fields.Dict(metadata={"description": "nip, nama, gelar, tanggal lahir and sex "
                                                   "from the NIP, status kepegawaian"})
    pejabat_penilai = fields.Dict(allow_none=True)
    atasan_pejabat_penilai = fields.Dict(allow_none=True)
    unor_induk_nama = fields.Str(allow_none=True)
    instansi_nama = fields.Str(allow_none=True)
    tmt_jabatan = fields.Date(allow_none=True)
    tmt_golongan = fields.Date(allow_none=True)
    penetapan = fields.List(fields.Nested(PenetapanSchema), metadata={
        "description": "the PAK's table II: AK integrasi and konversi, lama / baru / jumlah"})
    pertama = fields.Bool()
    aturan = fields.Str()
    ak_konvensional = angka("integrasi: the AK lama (konvensional)")
    nilai_dasar = angka("integrasi: the nilai dasar of the jenjang")
    tanggal_integrasi = fields.Date(allow_none=True)
    penandatangan = fields.Dict(allow_none=True)
    diajukan_at = fields.DateTime(allow_none=True)
    disetujui_at = fields.DateTime(allow_none=True)
    ditandatangani_at = fields.DateTime(allow_none=True)
    alasan_kembali = fields.Str(allow_none=True)
    akumulasi = fields.List(fields.Nested(AkumulasiSchema), metadata={
        "description": "every row counted in ak_baru, oldest first"})
    riwayat = fields.List(fields.Nested(RiwayatSchema))


class AngkaKreditQuery(Schema):
    tahun = fields.Int(validate=TAHUN)
    nip = fields.Str(validate=validate.Length(max=32))
    nama = fields.Str(validate=validate.Length(min=3, max=300), metadata={
        "description": "part of the name (3+ letters, case-insensitive)"})
    jabatan = fields.Str(validate=validate.Length(min=3, max=500), metadata={
        "description": "part of the jabatan name (3+ letters)"})
    status = fields.Str(validate=validate.OneOf(STATUS))
    sumber = fields.Str(validate=validate.OneOf(SUMBER))
    pegawai_id = fields.Str(validate=validate.Length(max=ID_MAX))
    instansi_id = fields.Str(validate=validate.Length(max=ID_MAX), metadata={
        "description": "admin_pusat: one instansi"})
    aktif = fields.Bool(load_default=True, metadata={
        "description": "true (default): current rows; false: superseded or cancelled ones"})


class AjukanInput(Schema):
    nomor_sk = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=50),
                          metadata={"description": "required under MANUAL numbering (unique "
                                                   "per instansi and year); not sent under "
                                                   "OTOMATIS"})
    tempat = fields.Str(required=True, validate=validate.Length(min=1, max=200),
                        metadata={"description": "where the PAK is signed"})
    tanggal_sk = fields.Date(required=True)


class TandatanganiInput(Schema):
    metode = fields.Str(required=True, validate=validate.OneOf(METODE))
    penandatangan = fields.Dict(load_default=None, metadata={
        "description": "who signed ({id?, nip, nama, jabatan}); default the caller"})


_IDS = dict(required=True, validate=validate.Length(min=1, max=5000))


class AjukanMassalItem(Schema):
    angka_kredit_id = fields.Str(required=True, validate=validate.Length(min=1, max=ID_MAX))
    nomor_sk = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=50),
                          metadata={"description": "under MANUAL numbering, this row's"})


class AjukanMassalInput(Schema):
    items = fields.List(fields.Nested(AjukanMassalItem), **_IDS)
    tempat = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    tanggal_sk = fields.Date(required=True)


class SetujuiMassalInput(Schema):
    angka_kredit_ids = fields.List(fields.Str(validate=validate.Length(min=1, max=ID_MAX)),
                                   **_IDS)


class TandatanganiMassalInput(SetujuiMassalInput, TandatanganiInput):
    pass


class HasilMassalItem(Schema):
    id = fields.Str()
    status = fields.Str(metadata={"enum": list(STATUS)})
    nomor_sk = fields.Str(allow_none=True)


class HasilMassalSchema(Schema):
    jumlah = fields.Int(metadata={"description": "how many rows took the step"})
    hasil = fields.List(fields.Nested(HasilMassalItem))


class AlasanInput(Schema):
    alasan = fields.Str(required=True, validate=validate.Length(min=3, max=2000))


class IntegrasiInput(Schema):
    pegawai_id = fields.Str(required=True, validate=validate.Length(min=1, max=ID_MAX))
    ak_lama = Angka(required=True, allow_none=False, metadata={
        "description": "AK kumulatif konvensional (at most 3 decimals, 0 to below 100,000)"})
    tanggal = fields.Date(required=True, metadata={
        "description": "integrasi date; the jenjang held then gives the nilai dasar"})


class ImporQuery(Schema):
    instansi_id = fields.Str(load_default=None, validate=validate.Length(max=ID_MAX), metadata={
        "description": "admin_pusat: the instansi (default the caller's)"})
    dry_run = fields.Bool(load_default=False, metadata={
        "description": "true: check and preview only, save nothing"})


class GalatBarisSchema(Schema):
    baris = fields.Int(metadata={"description": "row number in the file (row 1 is the header)"})
    errors = fields.Dict(metadata={"description": "column -> messages"})


class HasilBarisSchema(Schema):
    baris = fields.Int()
    pegawai_id = fields.Str()
    nip = fields.Str(allow_none=True)
    jenjang = fields.Str()
    ak_lama = fields.Str()
    nilai_dasar = fields.Str()
    angka_kredit = fields.Str()
    angka_kredit_id = fields.Str(metadata={"description": "absent in a dry run"})


class HasilImporSchema(Schema):
    dry_run = fields.Bool()
    jumlah_baris = fields.Int()
    tambah = fields.Int()
    galat = fields.List(fields.Nested(GalatBarisSchema))
    hasil = fields.List(fields.Nested(HasilBarisSchema))
