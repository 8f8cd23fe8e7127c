from marshmallow import Schema, fields, validate

from ...domain.enums import JENIS_PLT_PLH


class PltPlhDasar(Schema):
    pegawai_id = fields.Str(metadata={"description": "a pegawai of the unor's instansi (else 422)"})
    unor_id = fields.Str(metadata={"description": "a unor the caller administers (else 422)"})
    jabatan = fields.Str(allow_none=True, validate=validate.Length(max=500),
                         metadata={"description": "e.g. 'Plt. Kepala Bidang Informasi'"})
    jenis = fields.Str(validate=validate.OneOf(JENIS_PLT_PLH),
                       metadata={"description": "PLT (Pelaksana Tugas) or PLH (Pelaksana Harian)"})
    mulai = fields.Date()
    selesai = fields.Date(allow_none=True, metadata={
        "description": "open end when null; not before `mulai` (else 422)"})
    aktif = fields.Bool()


class PltPlhBaruSchema(PltPlhDasar):
    pegawai_id = fields.Str(required=True,
                            metadata={"description": "a pegawai of the unor's instansi (else 422)"})
    unor_id = fields.Str(required=True,
                         metadata={"description": "a unor the caller administers (else 422)"})
    jenis = fields.Str(required=True, validate=validate.OneOf(JENIS_PLT_PLH))
    mulai = fields.Date(required=True)


class PltPlhUbahSchema(PltPlhDasar):
    pass


class PltPlhSchema(PltPlhDasar):
    id = fields.Str()
    instansi_id = fields.Str()
    revisi = fields.Int()


class PltPlhQuerySchema(Schema):
    instansi_id = fields.Str()
    pegawai_id = fields.Str()
    unor_id = fields.Str()
    jenis = fields.Str(validate=validate.OneOf(JENIS_PLT_PLH))
    aktif = fields.Bool()
    tanggal = fields.Date(metadata={"description": "only the assignments covering this date"})
