"""Marshmallow schemas of the keberatan resource."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ...domain.aturan import ALUR_KEBERATAN, KEPUTUSAN, STATUS
from ...domain.nilai import RATING
from ...views import SEBAGAI
from ..fields import BuktiDukung, nilai_per_aspek

ID_MAX = 64
TEKS_MAKS = 5000
ID_PANJANG = validate.Length(max=ID_MAX, error=f"Paling banyak {ID_MAX} karakter.")
TAHUN = validate.Range(min=1900, max=9999, error="Tahun harus 1900-9999.")
PREDIKAT = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
def _rating(description: str) -> fields.Str:
    return fields.Str(load_default=None, allow_none=True, validate=validate.OneOf(RATING),
                      metadata={"description": description})


PANJANG = validate.Length(min=1, max=TEKS_MAKS, error=f"Wajib diisi, paling banyak {TEKS_MAKS} "
                                                  "karakter.")


def _teks(required: bool = True, **kwargs) -> fields.Str:
    if required:
        return fields.Str(required=True, validate=PANJANG, **kwargs)
    return fields.Str(load_default=None, allow_none=True, validate=validate.Length(
        max=TEKS_MAKS, error=f"Paling banyak {TEKS_MAKS} karakter."), **kwargs)


class KeberatanInput(Schema):
    penilaian_id = fields.Str(required=True, validate=validate.Length(
        min=1, max=ID_MAX, error=f"Wajib diisi, paling banyak {ID_MAX} karakter."))
    alasan = _teks(metadata={"description": "Why the pegawai objects (DKI form field 5)."})
    rating_hasil_kerja_diminta = _rating(
        "PermenPAN-RB 6/2022 model: the rating asked for (at least one of the two).")
    rating_perilaku_diminta = _rating("PermenPAN-RB 6/2022 model: the rating asked for.")
    nilai_perilaku_pp30_diminta = nilai_per_aspek(
        "PP 30/2019 model (optional): the nilai perilaku asked for per aspect, 0-100; only the "
        "aspects this penilaian was rated on (422 per aspect otherwise).")
    bukti_dukung = fields.List(BuktiDukung(), load_default=list,
                               validate=validate.Length(
        max=20, error="Paling banyak 20 bukti dukung."))
    revisi = fields.Int(load_default=None, allow_none=True, validate=validate.Range(
        min=1, error="Paling kecil 1."),
                        metadata={"description": "The predikat revision objected to (default: "
                                                 "the newest); an older one is 409 "
                                                 "`revisi-usang`."})


class PenjelasanInput(Schema):
    penjelasan = _teks()


class SanggahanInput(Schema):
    sanggahan = _teks()


class KeputusanInput(Schema):
    keputusan = fields.Str(required=True, validate=validate.OneOf(KEPUTUSAN))
    uraian = _teks(metadata={"description": "The decision and its reasons (DKI field 8)."})
    rekomendasi = _teks(required=False)
    rating_hasil_kerja = _rating("PermenPAN model, DISETUJUI: the new rating (one left out "
                                 "keeps its value; at least one).")
    rating_perilaku = _rating("PermenPAN model, DISETUJUI: the new rating.")
    nilai_perilaku_pp30 = nilai_per_aspek(
        "PP 30 model, DISETUJUI (required): the nilai perilaku per aspect that replace the "
        "pejabat penilai's; an aspect left out keeps its value.")


class TarikInput(Schema):
    alasan = _teks(required=False)


class KeberatanQuery(Schema):
    nama = fields.Str(validate=validate.Length(
        min=1, max=200, error="1-200 karakter."),
                      metadata={"description": "Part of the pegawai's name (any case)."})
    nip = fields.Str(validate=validate.Regexp(
        r"^[0-9]{1,18}$", error="NIP berupa 1-18 angka."),
                     metadata={"description": "The NIP or its first digits."})
    tahun = fields.Int(validate=TAHUN)
    periode_id = fields.Str(validate=ID_PANJANG)
    unor_id = fields.Str(validate=ID_PANJANG)
    penilaian_id = fields.Str(validate=ID_PANJANG)
    pegawai_id = fields.Str(validate=ID_PANJANG)
    status = fields.List(fields.Str(validate=validate.OneOf(STATUS)), metadata={
        "description": "One or more statuses (repeat the parameter)."})
    menunggu_lebih_dari_hari = fields.Int(validate=validate.Range(
        min=0, max=3650, error="Harus 0-3650."), metadata={
        "description": "Only open keberatan filed more than this many days ago (24-hour "
                       "days) that still wait for a step."})
    sebagai = fields.Str(validate=validate.OneOf(SEBAGAI), metadata={
        "description": "Only those where I am the pegawai, the pejabat penilai, the decider, "
                       "or (admins) all of the instansi."})


class TugasQuery(Schema):
    sebagai = fields.Str(validate=validate.OneOf(("PEJABAT_PENILAI", "PEMUTUS")), metadata={
        "description": "Only what waits for me in this role (default: both)."})


class PegawaiRingkasSchema(Schema):
    id = fields.Str()
    nip = fields.Str(allow_none=True)
    nama = fields.Str()
    gelar_depan = fields.Str(allow_none=True)
    gelar_belakang = fields.Str(allow_none=True)
    jabatan = fields.Str(allow_none=True)
    unor_id = fields.Str(allow_none=True)


class PeriodeSchema(Schema):
    id = fields.Str()
    tahun = fields.Int()
    nama = fields.Str()
    awal = fields.Str(metadata={"format": "date"})
    akhir = fields.Str(metadata={"format": "date"})
    final = fields.Bool()


class NilaiSchema(Schema):
    rating_hasil_kerja = fields.Str(allow_none=True, metadata={"enum": list(RATING)})
    rating_perilaku = fields.Str(allow_none=True, metadata={"enum": list(RATING)})
    predikat = fields.Str(allow_none=True, metadata={"enum": list(PREDIKAT)})
    nilai_perilaku_pp30 = fields.Dict(allow_none=True, metadata={
        "description": "PP 30 only: aspect -> nilai (decimal strings)."})
    nilai_kinerja = fields.Str(allow_none=True, metadata={"description": "PP 30 only."})


class TabelNilaiSchema(Schema):
    sebelum = fields.Nested(NilaiSchema)
    diminta = fields.Nested(NilaiSchema)
    sesudah = fields.Nested(NilaiSchema, allow_none=True, metadata={
        "description": "Null until decided. After an approval the decided values, with "
                       "`predikat` (and nilai kinerja) null until penilaian publishes the "
                       "new predikat revision; after a rejection the values before."})


class LangkahSchema(Schema):
    aksi = fields.Str()
    waktu = fields.DateTime()
    oleh = fields.Nested(PegawaiRingkasSchema, allow_none=True)
    peran = fields.Str(allow_none=True)
    status_sebelum = fields.Str(allow_none=True)
    status_sesudah = fields.Str(allow_none=True)
    isi = fields.Dict(allow_none=True)


class KeberatanRingkasSchema(Schema):
    id = fields.Str()
    penilaian_id = fields.Str()
    revisi = fields.Int(metadata={"description": "The predikat revision objected to."})
    pegawai_id = fields.Str()
    pegawai = fields.Nested(PegawaiRingkasSchema)
    unor_id = fields.Str(allow_none=True)
    tahun = fields.Int()
    periode_id = fields.Str(allow_none=True)
    periode = fields.Nested(PeriodeSchema, allow_none=True)
    model = fields.Str(allow_none=True)
    alur = fields.Str(metadata={"enum": list(ALUR_KEBERATAN)})
    status = fields.Str(metadata={"enum": list(STATUS)})
    terlambat = fields.Bool()
    menunggu = fields.Str(allow_none=True, metadata={
        "description": "Who must act next: PEJABAT_PENILAI or PEMUTUS (null when closed)."})
    pejabat_penilai = fields.Nested(PegawaiRingkasSchema, allow_none=True)
    pemutus = fields.Nested(PegawaiRingkasSchema, allow_none=True, metadata={
        "description": "Who decides: the atasan pejabat penilai of the predikat, or the "
                       "instansi's configured pemutus; null when there is none yet."})
    pemutus_sumber = fields.Str(metadata={"enum": ["ATASAN_PEJABAT_PENILAI", "PENGATURAN"]})
    batas_pengajuan_at = fields.DateTime(metadata={
        "description": "End of the filing window (the first instant a keberatan is late)."})
    diajukan_at = fields.DateTime()
    dibuka_atasan_at = fields.DateTime(allow_none=True, metadata={
        "description": "When the decider first opened it."})
    direspon_at = fields.DateTime(allow_none=True, metadata={
        "description": "First response (penjelasan, or the first sanggahan)."})
    diputuskan_at = fields.DateTime(allow_none=True)
    ditarik_at = fields.DateTime(allow_none=True)
    lama_hari = fields.Int(metadata={
        "description": "Days from filing to the decision or withdrawal (or to now)."})


class KeberatanSchema(KeberatanRingkasSchema):
    """GET /keberatan/{id}, and the answer of every step."""

    alasan = fields.Str()
    bukti_dukung = fields.List(BuktiDukung())
    penjelasan = fields.Str(allow_none=True)
    sanggahan_atasan = fields.Str(allow_none=True)
    sanggahan_penilai = fields.Str(allow_none=True)
    keputusan = fields.Str(allow_none=True, metadata={"enum": list(KEPUTUSAN)})
    uraian = fields.Str(allow_none=True)
    rekomendasi = fields.Str(allow_none=True)
    alasan_tarik = fields.Str(allow_none=True)
    nilai = fields.Nested(TabelNilaiSchema)
    peran_saya = fields.List(fields.Str(), metadata={
        "description": "My roles on it: PEGAWAI, PEJABAT_PENILAI, PEMUTUS, ADMIN."})
    riwayat = fields.List(fields.Nested(LangkahSchema), metadata={
        "description": "Every step, oldest first: who, in which role, what, when."})


class RekapSchema(Schema):
    jumlah = fields.Dict(keys=fields.Str(), values=fields.Int(), metadata={
        "description": "Count per status (every status present)."})
    total = fields.Int()
    terbuka = fields.Int(metadata={"description": "Those still waiting for a step."})
