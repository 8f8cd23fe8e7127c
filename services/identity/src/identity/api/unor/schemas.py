from marshmallow import Schema, fields, validate


class UnorDasar(Schema):
    kode = fields.Str(allow_none=True, validate=validate.Length(min=1, max=100),
                      metadata={"description": "kode unor (mis. id SIASN), unik per instansi; dipakai impor"})
    nama = fields.Str(validate=validate.Length(min=1, max=500))
    jenis = fields.Str(allow_none=True, validate=validate.Length(max=100),
                       metadata={"description": "jenis/eselon yang memimpin, mis. 'JPT Pratama'"})
    eselon = fields.Str(allow_none=True, validate=validate.Length(max=20),
                        metadata={"description": "kode eselon SIASN (10-52, 99)"})
    unor_atasan_id = fields.Str(allow_none=True)
    unor_induk_id = fields.Str(allow_none=True)
    mandiri = fields.Bool(metadata={"description": "kepala unit membuat SKP model JPT tanpa persetujuan"})
    kota = fields.Str(allow_none=True, validate=validate.Length(max=200))


class UnorBaruSchema(UnorDasar):
    instansi_id = fields.Str(required=True)
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
    nama = fields.Str()
