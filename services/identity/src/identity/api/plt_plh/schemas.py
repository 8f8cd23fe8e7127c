from marshmallow import Schema, fields, validate

from ...domain.enums import JENIS_PLT_PLH


class PltPlhDasar(Schema):
    pegawai_id = fields.Str()
    unor_id = fields.Str()
    jabatan = fields.Str(allow_none=True, validate=validate.Length(max=500),
                         metadata={"description": "mis. 'Plt. Kepala Bidang Informasi'"})
    jenis = fields.Str(validate=validate.OneOf(JENIS_PLT_PLH),
                       metadata={"description": "PLT (Pelaksana Tugas) atau PLH (Pelaksana Harian)"})
    mulai = fields.Date()
    selesai = fields.Date(allow_none=True)
    aktif = fields.Bool()


class PltPlhBaruSchema(PltPlhDasar):
    pegawai_id = fields.Str(required=True)
    unor_id = fields.Str(required=True)
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
    tanggal = fields.Date(metadata={"description": "hanya penugasan yang mencakup tanggal ini"})
