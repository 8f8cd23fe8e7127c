"""Marshmallow schemas of the penilaian resource."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ...domain.status import STATUS
from ..catatan_perilaku.schemas import CatatanSchema
from ..common import ASPEK, PREDIKAT, RATING, TAHUN, BuktiDukung, PegawaiRingkasSchema
from ..pp30.schemas import Pp30Schema, desimal


class PeriodeSchema(Schema):
    nama = fields.Str()
    tahun = fields.Int()
    awal = fields.Date()
    akhir = fields.Date()
    final = fields.Bool()
    batas_pengisian = fields.Date()


class RealisasiSchema(Schema):
    indikator_id = fields.Str()
    rhk_id = fields.Str()
    uraian = fields.Str(allow_none=True)
    target = fields.Str(allow_none=True)
    satuan = fields.Str(allow_none=True)
    realisasi = fields.Str(allow_none=True)
    bukti_dukung = fields.List(BuktiDukung())
    keterangan = fields.Str(allow_none=True)
    umpan_balik = fields.Str(allow_none=True)


class PerilakuSchema(Schema):
    aspek = fields.Str()
    indikator = fields.List(fields.Str())
    ekspektasi_khusus = fields.Str(allow_none=True)
    penilai = fields.Str()
    penilai_pegawai_id = fields.Str(allow_none=True)
    penilai_nama = fields.Str(allow_none=True)
    umpan_balik = fields.Str(allow_none=True)


class PenilaianRingkasSchema(Schema):
    id = fields.Str()
    skp_id = fields.Str()
    pegawai_id = fields.Str()
    pegawai = fields.Nested(PegawaiRingkasSchema, allow_none=True)
    periode_id = fields.Str()
    periode = fields.Nested(PeriodeSchema, allow_none=True)
    tahun = fields.Int()
    status = fields.Str(metadata={"enum": list(STATUS)})
    model = fields.Str()
    jenis = fields.Str(allow_none=True)
    pendekatan = fields.Str(allow_none=True)
    pejabat_penilai = fields.Nested(PegawaiRingkasSchema, allow_none=True)
    atasan_pejabat_penilai = fields.Nested(PegawaiRingkasSchema, allow_none=True)
    rating_hasil_kerja = fields.Str(allow_none=True)
    rating_perilaku = fields.Str(allow_none=True)
    predikat = fields.Str(allow_none=True)
    revisi = fields.Int(metadata={
        "description": "Revision of the published predikat (0: none yet)."})
    nilai_skp = desimal(description="PP 30 only.")
    nilai_perilaku = desimal(description="PP 30 only.")
    nilai_kinerja = desimal(description="PP 30 only.")
    ditetapkan_at = fields.DateTime(allow_none=True)


class PenilaianSchema(PenilaianRingkasSchema):
    """GET /penilaian/{id}, and the answer of every write to a penilaian or a part of it."""

    rhk = fields.List(fields.Dict())
    realisasi = fields.List(fields.Nested(RealisasiSchema))
    perilaku = fields.List(fields.Nested(PerilakuSchema))
    catatan_perilaku = fields.List(fields.Nested(CatatanSchema), metadata={
        "description": "The Buku Catatan Perilaku, by date."})
    batas_pengisian = fields.Date(allow_none=True)
    justifikasi_distribusi = fields.Str(allow_none=True)
    pp30 = fields.Nested(Pp30Schema, metadata={
        "description": "`PP_30_2019` model only: realisasi per kegiatan, tugas tambahan and "
                       "kreativitas, nilai perilaku per aspect."})


class PenilaianQuery(Schema):
    skp_id = fields.Str()
    pegawai_id = fields.Str()
    tahun = fields.Int(validate=TAHUN)
    periode_id = fields.Str()
    unor_id = fields.Str()
    status = fields.Str(validate=validate.OneOf(STATUS))
    predikat = fields.Str(validate=validate.OneOf(PREDIKAT))
    sebagai = fields.Str(validate=validate.OneOf(
        ("PEGAWAI", "PEJABAT_PENILAI", "ATASAN_PEJABAT_PENILAI", "ADMIN")))


class RealisasiInput(Schema):
    realisasi = fields.Str(required=True, allow_none=True, validate=validate.Length(max=5000))
    bukti_dukung = fields.List(BuktiDukung(), load_default=list, validate=validate.Length(max=50))
    keterangan = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=5000))


class UmpanBalikInput(Schema):
    umpan_balik = fields.Str(required=True, validate=validate.Length(min=1, max=5000))


class RatingInput(Schema):
    rating_hasil_kerja = fields.Str(load_default=None, allow_none=True,
                                    validate=validate.OneOf(RATING), metadata={
        "description": "Required (422 without it), except for the pimpinan of the organisation "
                       "once the capaian organisasi is set: his follows the capaian."})
    rating_perilaku = fields.Str(required=True, validate=validate.OneOf(RATING))
    justifikasi = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=5000),
                             metadata={"description": "Required when the predikat breaks the "
                                                      "pola distribusi (422 without it)."})


class RatingMassalItem(Schema):
    penilaian_id = fields.Str(required=True)
    rating_hasil_kerja = fields.Str(load_default=None, allow_none=True,
                                    validate=validate.OneOf(RATING))
    rating_perilaku = fields.Str(required=True, validate=validate.OneOf(RATING))


class RatingMassalInput(Schema):
    items = fields.List(fields.Nested(RatingMassalItem), required=True,
                        validate=validate.Length(min=1, max=10000))
    dry_run = fields.Bool(load_default=False, metadata={
        "description": "Compute the predikat and the resulting distribution without saving."})
    justifikasi = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=5000),
                             metadata={"description": "Required to save ratings that break the "
                                                      "pola distribusi (422 without it)."})


class TetapkanMassalInput(Schema):
    penilaian_ids = fields.List(fields.Str(validate=validate.Length(min=1, max=64)),
                                required=True, validate=validate.Length(min=1, max=10000),
                                metadata={"description": "The penilaian to set (each once)."})


class PenetapanSchema(Schema):
    penilaian_id = fields.Str()
    status = fields.Str()
    predikat = fields.Str()
    revisi = fields.Int()
    ditetapkan_at = fields.DateTime()


class TetapkanMassalResponse(Schema):
    jumlah = fields.Int(metadata={"description": "How many penilaian were set."})
    hasil = fields.List(fields.Nested(PenetapanSchema))


class DistribusiSchema(Schema):
    unor_induk_id = fields.Str()
    periode_id = fields.Str()
    capaian = fields.Str(allow_none=True)
    total = fields.Int()
    dinilai = fields.Int()
    jumlah = fields.Dict(keys=fields.Str(), values=fields.Int())
    aturan = fields.List(fields.Dict())
    sesuai = fields.Bool()


class RatingHasilSchema(Schema):
    penilaian_id = fields.Str()
    rating_hasil_kerja = fields.Str()
    rating_perilaku = fields.Str()
    predikat = fields.Str()
    sumber_rating_hasil_kerja = fields.Str()


class RatingMassalResponse(Schema):
    dry_run = fields.Bool()
    hasil = fields.List(fields.Nested(RatingHasilSchema))
    distribusi = fields.List(fields.Nested(DistribusiSchema))
    sesuai = fields.Bool()


class PerilakuInput(UmpanBalikInput):
    pass


class TugasPerilakuQuery(Schema):
    tahun = fields.Int(load_default=None, validate=TAHUN)


class TugasPerilakuSchema(Schema):
    penilaian_id = fields.Str()
    aspek = fields.Str(metadata={"enum": list(ASPEK)})
    sebagai = fields.Str()
    pegawai = fields.Nested(PegawaiRingkasSchema, allow_none=True)
    periode_id = fields.Str()
    tahun = fields.Int()
    status = fields.Str()
    umpan_balik = fields.Str(allow_none=True)
    sudah_diisi = fields.Bool()


class RiwayatSchema(Schema):
    id = fields.Int()
    waktu = fields.DateTime()
    oleh_pegawai_id = fields.Str(allow_none=True)
    aksi = fields.Str()
    sebelum = fields.Raw(allow_none=True)
    sesudah = fields.Raw(allow_none=True)
    alasan = fields.Str(allow_none=True)
