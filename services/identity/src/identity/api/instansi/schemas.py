from marshmallow import Schema, fields, validate

from ...domain.enums import MODEL_SKP, PENEGAKAN_DISTRIBUSI, SKEMA_PERIODE


class PengaturanSchema(Schema):
    model_skp = fields.Str(validate=validate.OneOf(MODEL_SKP),
                           metadata={"description": "default SKP model (PERMENPAN_6_2022)"})
    skema_periode = fields.Str(validate=validate.OneOf(SKEMA_PERIODE),
                               metadata={"description": "period scheme (default TAHUNAN)"})
    jendela_keberatan_hari = fields.Int(validate=validate.Range(min=1, max=365), metadata={
        "description": "days a keberatan may be filed after a predikat (default 14)"})
    penegakan_distribusi = fields.Str(validate=validate.OneOf(PENEGAKAN_DISTRIBUSI), metadata={
        "description": "how the predikat distribution is enforced: PERINGATAN (warn) or "
                       "BLOKIR (block)"})


class InstansiBaruSchema(Schema):
    nama = fields.Str(required=True, validate=validate.Length(min=1, max=300))
    kode = fields.Str(allow_none=True, validate=validate.Length(min=1, max=50),
                      metadata={"description": "unique among instansi (else 409)"})
    pengaturan = fields.Nested(PengaturanSchema)


class InstansiUbahSchema(Schema):
    nama = fields.Str(validate=validate.Length(min=1, max=300))
    kode = fields.Str(allow_none=True, validate=validate.Length(min=1, max=50),
                      metadata={"description": "unique among instansi (else 409)"})
    pengaturan = fields.Nested(PengaturanSchema)


class InstansiSchema(Schema):
    id = fields.Str()
    nama = fields.Str()
    kode = fields.Str(allow_none=True)
    pengaturan = fields.Nested(PengaturanSchema)
    revisi = fields.Int()


class InstansiQuerySchema(Schema):
    nama = fields.Str(metadata={"description": "part of the name"})
