from marshmallow import Schema, fields, validate


class LoginSchema(Schema):
    nip = fields.Str(required=True, validate=validate.Length(min=1, max=40),
                     metadata={"description": "NIP (18 digits), or the NIK of a JPT non-ASN"})
    password = fields.Str(required=True, load_only=True, validate=validate.Length(min=1, max=1024))


class PegawaiLoginSchema(Schema):
    id = fields.Str()
    nip = fields.Str()
    nama = fields.Str()
    roles = fields.List(fields.Str())


class TokenSchema(Schema):
    access_token = fields.Str(metadata={
        "description": "RS256 JWT; its `sid` claim names the login session"})
    token_type = fields.Str()
    expires_in = fields.Int(metadata={"description": "seconds the token is valid"})
    refresh_token = fields.Str(metadata={
        "description": "spend it once at POST /auth/refresh for a new pair (rotation); keep it "
                       "secret (a browser keeps it in an HttpOnly cookie)"})
    refresh_expires_in = fields.Int(metadata={
        "description": "seconds the login session (and so the refresh token) has left"})
    pegawai = fields.Nested(PegawaiLoginSchema)


class RefreshSchema(Schema):
    refresh_token = fields.Str(required=True, load_only=True,
                               validate=validate.Length(min=1, max=200))


class KeluarSchema(Schema):
    sesi_id = fields.Str(metadata={"description": "the session that was ended"})
    dicabut_sebelum = fields.DateTime(metadata={
        "description": "the session's tokens issued before this are refused"})


class GantiPasswordSchema(Schema):
    password_lama = fields.Str(required=True, load_only=True, validate=validate.Length(max=1024))
    password_baru = fields.Str(required=True, load_only=True, validate=validate.Length(max=1024),
                               metadata={"description": "at least 8 characters (else 422)"})


class KunciSchema(Schema):
    kid = fields.Str()
    created_at = fields.DateTime(metadata={"description": "created and published in the JWKS"})
    signs_from = fields.DateTime(metadata={
        "description": "when it starts signing tokens (after the publish delay, unless an "
                       "emergency rotation)"})
    retired_at = fields.DateTime(allow_none=True)
    aktif = fields.Bool(metadata={"description": "published in the JWKS (not retired)"})
    penandatangan = fields.Bool(metadata={"description": "the key that signs new tokens"})
    menunggu = fields.Bool(metadata={
        "description": "published already, becomes the signing key at `signs_from`"})


class RotasiArgsSchema(Schema):
    segera = fields.Bool(load_default=False, metadata={
        "description": "emergency rotation (a leaked key): the new key signs at once, without "
                       "the publish delay; other services may refuse its tokens (401) for up to "
                       "~30 s. Then retire the leaked key."})
