from marshmallow import Schema, ValidationError, fields, validate, validates

from ...domain.enums import JENIS_JABATAN, JENJANG, KATEGORI_JABATAN, ROLES
from ...domain.golongan import GOLONGAN
from ...domain.nip import NipTidakValid, periksa_nik, periksa_nip


def _nip(value: str) -> None:
    try:
        periksa_nip(value)
    except NipTidakValid as exc:
        raise ValidationError(str(exc)) from None


def _nik(value: str) -> None:
    try:
        periksa_nik(value)
    except NipTidakValid as exc:
        raise ValidationError(str(exc)) from None


GOLONGAN_VALID = validate.OneOf(list(GOLONGAN), error="Golongan tidak dikenal (contoh: III/a).")


class PegawaiDasar(Schema):
    nama = fields.Str(validate=validate.Length(min=1, max=300))
    gelar_depan = fields.Str(allow_none=True, validate=validate.Length(max=100))
    gelar_belakang = fields.Str(allow_none=True, validate=validate.Length(max=100))
    unor_id = fields.Str(validate=validate.Length(min=1, max=36))
    jenis_jabatan = fields.Str(validate=validate.OneOf(JENIS_JABATAN),
                               metadata={"description": "PIMPINAN menandai kepala unor"})
    jabatan = fields.Str(allow_none=True, validate=validate.Length(max=500))
    kategori_jabatan = fields.Str(allow_none=True, validate=validate.OneOf(KATEGORI_JABATAN))
    jenjang = fields.Str(allow_none=True, validate=validate.OneOf(JENJANG))
    golongan = fields.Str(allow_none=True, validate=GOLONGAN_VALID)
    tmt_jabatan = fields.Date(allow_none=True)
    email = fields.Email(allow_none=True)
    roles = fields.List(fields.Str(validate=validate.OneOf(ROLES)),
                        metadata={"description": "peran; pegawai selalu tersirat"})
    aktif = fields.Bool()
    password = fields.Str(load_only=True, validate=validate.Length(min=8, max=1024),
                          metadata={"description": "kata sandi awal (hanya tulis)"})


class PegawaiBaruSchema(PegawaiDasar):
    nip = fields.Str(required=True, validate=_nip)
    nama = fields.Str(required=True, validate=validate.Length(min=1, max=300))
    unor_id = fields.Str(required=True, validate=validate.Length(min=1, max=36))


class PegawaiNonAsnSchema(PegawaiDasar):
    nik = fields.Str(required=True, validate=_nik)
    nama = fields.Str(required=True, validate=validate.Length(min=1, max=300))
    unor_id = fields.Str(required=True, validate=validate.Length(min=1, max=36))


class PegawaiUbahSchema(PegawaiDasar):
    nip = fields.Str(validate=_nip)

    @validates("nama")
    def _nama(self, value, **_):
        if not value.strip():
            raise ValidationError("Wajib diisi.")


class PegawaiSchema(PegawaiDasar):
    id = fields.Str()
    instansi_id = fields.Str()
    nip = fields.Str(allow_none=True)
    nik = fields.Str(allow_none=True)
    non_asn = fields.Bool()
    revisi = fields.Int()


class PegawaiQuerySchema(Schema):
    nip = fields.Str(metadata={"description": "awalan NIP (atau NIK)"})
    nama = fields.Str(metadata={"description": "bagian nama, minimal 3 huruf"})
    unor_id = fields.Str()
    instansi_id = fields.Str()
    jenis_jabatan = fields.Str(validate=validate.OneOf(JENIS_JABATAN))
    kategori_jabatan = fields.Str(validate=validate.OneOf(KATEGORI_JABATAN))
    golongan = fields.Str()
    aktif = fields.Bool()


class ResetPasswordSchema(Schema):
    password_baru = fields.Str(required=True, load_only=True, validate=validate.Length(max=1024))
