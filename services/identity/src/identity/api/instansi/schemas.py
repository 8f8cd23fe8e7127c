from marshmallow import Schema, fields, validate

from ...domain.enums import MODEL_SKP, PENEGAKAN_DISTRIBUSI, SKEMA_PERIODE


class PengaturanSchema(Schema):
    model_skp = fields.Str(validate=validate.OneOf(MODEL_SKP),
                           metadata={"description": "model SKP bawaan (PERMENPAN_6_2022)"})
    skema_periode = fields.Str(validate=validate.OneOf(SKEMA_PERIODE))
    jendela_keberatan_hari = fields.Int(validate=validate.Range(min=1, max=365),
                                        metadata={"description": "jendela keberatan (hari), bawaan 14"})
    penegakan_distribusi = fields.Str(validate=validate.OneOf(PENEGAKAN_DISTRIBUSI),
                                      metadata={"description": "pola distribusi: PERINGATAN atau BLOKIR"})


class InstansiBaruSchema(Schema):
    nama = fields.Str(required=True, validate=validate.Length(min=1, max=300))
    kode = fields.Str(allow_none=True, validate=validate.Length(min=1, max=50))
    pengaturan = fields.Nested(PengaturanSchema)


class InstansiUbahSchema(Schema):
    nama = fields.Str(validate=validate.Length(min=1, max=300))
    kode = fields.Str(allow_none=True, validate=validate.Length(min=1, max=50))
    pengaturan = fields.Nested(PengaturanSchema)


class InstansiSchema(Schema):
    id = fields.Str()
    nama = fields.Str()
    kode = fields.Str(allow_none=True)
    pengaturan = fields.Nested(PengaturanSchema)
    revisi = fields.Int()


class InstansiQuerySchema(Schema):
    nama = fields.Str()
