from marshmallow import Schema, fields, validate


class LoginSchema(Schema):
    nip = fields.Str(required=True, validate=validate.Length(min=1, max=40),
                     metadata={"description": "NIP (18 digit) atau NIK untuk JPT non-ASN"})
    password = fields.Str(required=True, load_only=True, validate=validate.Length(min=1, max=1024))


class PegawaiLoginSchema(Schema):
    id = fields.Str()
    nip = fields.Str()
    nama = fields.Str()
    roles = fields.List(fields.Str())


class TokenSchema(Schema):
    access_token = fields.Str()
    token_type = fields.Str()
    expires_in = fields.Int()
    pegawai = fields.Nested(PegawaiLoginSchema)


class GantiPasswordSchema(Schema):
    password_lama = fields.Str(required=True, load_only=True, validate=validate.Length(max=1024))
    password_baru = fields.Str(required=True, load_only=True, validate=validate.Length(max=1024))


class KunciSchema(Schema):
    kid = fields.Str()
    created_at = fields.DateTime(metadata={"description": "dibuat dan diterbitkan di JWKS"})
    signs_from = fields.DateTime(metadata={
        "description": "mulai menandatangani token (setelah jeda penerbitan, kecuali rotasi "
                       "darurat)"})
    retired_at = fields.DateTime(allow_none=True)
    aktif = fields.Bool(metadata={"description": "diterbitkan di JWKS (belum dipensiunkan)"})
    penandatangan = fields.Bool(metadata={"description": "kunci yang menandatangani token baru"})
    menunggu = fields.Bool(metadata={
        "description": "sudah diterbitkan, menjadi penandatangan pada signs_from"})


class RotasiArgsSchema(Schema):
    segera = fields.Bool(load_default=False, metadata={
        "description": "rotasi darurat (kunci bocor): kunci baru menandatangani seketika, "
                       "tanpa jeda penerbitan; layanan lain dapat menolak token barunya (401) "
                       "hingga ~30 detik. Lalu pensiunkan kunci yang bocor."})
