from marshmallow import Schema, ValidationError, fields, validate, validates

from ...domain.enums import JENIS_JABATAN, JENJANG, KATEGORI_JABATAN, ROLES, STATUS_KEPEGAWAIAN
from ...domain.golongan import GOLONGAN, pangkat_dari
from ...domain.nip import NipTidakValid, periksa_nik, periksa_nip

NIP = {"description": "18 digits, checked: a real birth date (digits 1-8), the TMT (9-14), sex "
                      "(digit 15: 1 or 2), a sequence; unique (else 409)"}
NIK = {"description": "16 digits; unique (else 409)"}


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
    unor_id = fields.Str(validate=validate.Length(min=1, max=36), metadata={
        "description": "a unor the caller administers (else 422); the instansi follows it"})
    jenis_jabatan = fields.Str(validate=validate.OneOf(JENIS_JABATAN),
                               metadata={"description": "PIMPINAN marks the head of the unor"})
    jabatan = fields.Str(allow_none=True, validate=validate.Length(max=500))
    kategori_jabatan = fields.Str(allow_none=True, validate=validate.OneOf(KATEGORI_JABATAN))
    jenjang = fields.Str(allow_none=True, validate=validate.OneOf(JENJANG), metadata={
        "description": "only with kategori_jabatan FUNGSIONAL (else 422)"})
    golongan = fields.Str(allow_none=True, validate=GOLONGAN_VALID, metadata={
        "description": "golongan ruang of a PNS, I/a to IV/e; `pangkat` follows from it"})
    tmt_golongan = fields.Date(allow_none=True, metadata={
        "description": "TMT of the current golongan; only with a golongan (else 422). A change "
                       "of golongan that does not give it clears it"})
    tmt_jabatan = fields.Date(allow_none=True)
    status_kepegawaian = fields.Str(validate=validate.OneOf(STATUS_KEPEGAWAIAN), metadata={
        "description": "AKTIF (default), CUTI (cuti besar or di luar tanggungan negara), "
                       "TUGAS_BELAJAR, PENSIUN, PINDAH (moved out of the instansi), BERHENTI, "
                       "MENINGGAL. PENSIUN, PINDAH, BERHENTI and MENINGGAL end the service: the "
                       "account is deactivated (`aktif` false, its tokens revoked; `aktif: true` "
                       "with them is 422); back to AKTIF, CUTI or TUGAS_BELAJAR it is active "
                       "again unless `aktif` is given. CUTI and TUGAS_BELAJAR keep the login"})
    tmt_status = fields.Date(allow_none=True, metadata={
        "description": "TMT of the status kepegawaian; a change of status that does not give "
                       "it clears it"})
    email = fields.Email(allow_none=True)
    roles = fields.List(fields.Str(validate=validate.OneOf(ROLES)), metadata={
        "description": "roles; pegawai is always implied; only an admin_pusat grants "
                       "admin_pusat (else 403)"})
    aktif = fields.Bool(metadata={
        "description": "the account may log in and the pegawai takes part in the relasi; "
                       "false revokes their tokens"})
    password = fields.Str(load_only=True, validate=validate.Length(min=8, max=1024),
                          metadata={"description": "initial password (write only)"})


class PegawaiBaruSchema(PegawaiDasar):
    nip = fields.Str(required=True, validate=_nip, metadata=NIP)
    nama = fields.Str(required=True, validate=validate.Length(min=1, max=300))
    unor_id = fields.Str(required=True, validate=validate.Length(min=1, max=36), metadata={
        "description": "a unor the caller administers (else 422); the instansi follows it"})


class PegawaiNonAsnSchema(PegawaiDasar):
    nik = fields.Str(required=True, validate=_nik, metadata=NIK)
    nama = fields.Str(required=True, validate=validate.Length(min=1, max=300))
    unor_id = fields.Str(required=True, validate=validate.Length(min=1, max=36), metadata={
        "description": "a unor the caller administers (else 422); the instansi follows it"})


class PegawaiUbahSchema(PegawaiDasar):
    nip = fields.Str(validate=_nip, metadata=NIP)
    nama = fields.Str(validate=validate.Length(min=1, max=300),
                      metadata={"description": "not blank"})

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
    pangkat = fields.Function(lambda row: pangkat_dari(row.get("golongan")), dump_only=True,
                              metadata={"type": "string", "nullable": True,
                                        "description": "read only: the pangkat of the golongan "
                                                       "(e.g. Penata Muda for III/a); null "
                                                       "without a golongan"})
    revisi = fields.Int()


class PegawaiQuerySchema(Schema):
    nip = fields.Str(metadata={"description": "prefix of the NIP (or NIK)"})
    nama = fields.Str(metadata={"description": "part of the name, at least 3 letters (else 422)"})
    unor_id = fields.Str()
    instansi_id = fields.Str()
    jenis_jabatan = fields.Str(validate=validate.OneOf(JENIS_JABATAN))
    kategori_jabatan = fields.Str(validate=validate.OneOf(KATEGORI_JABATAN))
    golongan = fields.Str()
    aktif = fields.Bool()
    status_kepegawaian = fields.Str(validate=validate.OneOf(STATUS_KEPEGAWAIAN), metadata={
        "description": "one status kepegawaian, e.g. AKTIF"})


class ResetPasswordSchema(Schema):
    password_baru = fields.Str(required=True, load_only=True, validate=validate.Length(max=1024),
                               metadata={"description": "at least 8 characters (else 422)"})
