from marshmallow import Schema, fields, validate


class UnorDasar(Schema):
    kode = fields.Str(allow_none=True, validate=validate.Length(min=1, max=100), metadata={
        "description": "unor code (e.g. the SIASN id), unique per instansi (else 409); the "
                       "imports match on it"})
    nama = fields.Str(validate=validate.Length(min=1, max=500))
    jenis = fields.Str(allow_none=True, validate=validate.Length(max=100),
                       metadata={"description": "the kind of head it has, e.g. 'JPT Pratama'"})
    eselon = fields.Str(allow_none=True, validate=validate.Length(max=20),
                        metadata={"description": "SIASN eselon code (10-52, 99)"})
    unor_atasan_id = fields.Str(allow_none=True, metadata={
        "description": "the unor above, of the same instansi; never a cycle (else 422)"})
    unor_induk_id = fields.Str(allow_none=True,
                               metadata={"description": "the unor induk, of the same instansi"})
    mandiri = fields.Bool(metadata={
        "description": "its head makes a JPT-model SKP that needs no approval"})
    kota = fields.Str(allow_none=True, validate=validate.Length(max=200))


class UnorBaruSchema(UnorDasar):
    instansi_id = fields.Str(required=True, metadata={
        "description": "an instansi the caller administers (else 422)"})
    nama = fields.Str(required=True, validate=validate.Length(min=1, max=500))


class UnorUbahSchema(UnorDasar):
    pass


class UnorSchema(UnorDasar):
    id = fields.Str()
    instansi_id = fields.Str()
    revisi = fields.Int()


class PimpinanSchema(Schema):
    id = fields.Str()
    nip = fields.Str(allow_none=True)
    nama = fields.Str()


class StrukturSchema(UnorSchema):
    pimpinan = fields.Nested(PimpinanSchema, allow_none=True)
    anak = fields.List(fields.Nested(lambda: StrukturSchema()))


class UnorQuerySchema(Schema):
    instansi_id = fields.Str()
    unor_atasan_id = fields.Str()
    unor_induk_id = fields.Str()
    mandiri = fields.Bool()
    eselon = fields.Str()
    kode = fields.Str()
    nama = fields.Str(metadata={"description": "part of the name"})
