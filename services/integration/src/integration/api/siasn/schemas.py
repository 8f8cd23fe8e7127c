from marshmallow import Schema, fields, validate

from ...service_layer.sinkron import JENIS_TARIK

STATUS = ("MENUNGGU", "BERJALAN", "SELESAI", "GAGAL")
TAHUN = validate.Range(min=2000, max=2100)


class JumlahSchema(Schema):
    tambah = fields.Int()
    ubah = fields.Int()
    hapus = fields.Int()
    gagal = fields.Int()
    berhasil = fields.Int()


class SinkronSchema(Schema):
    """A sync job (pull or push) with its status and counts."""

    id = fields.Str()
    instansi_id = fields.Str()
    sistem = fields.Str(metadata={"description": "`SIASN` or `PMM`"})
    arah = fields.Str(metadata={"description": "`TARIK` (pull) or `KIRIM` (push)"})
    jenis = fields.Str(metadata={"description": "PEGAWAI, UNOR, UNOR_DAN_PEGAWAI (pull); "
                                                "PREDIKAT, ANGKA_KREDIT (push); PMM"})
    tahun = fields.Int(allow_none=True)
    status = fields.Str(metadata={"description": "MENUNGGU, BERJALAN, SELESAI, GAGAL"})
    induk_id = fields.Str(allow_none=True, metadata={
        "description": "the job whose failures this job retries"})
    waktu_request = fields.DateTime()
    waktu_mulai = fields.DateTime(allow_none=True)
    waktu_selesai = fields.DateTime(allow_none=True)
    user_request = fields.Str(allow_none=True)
    user_nama = fields.Str(allow_none=True)
    total = fields.Int(allow_none=True)
    pesan = fields.Str(allow_none=True, metadata={"description": "why a job ended GAGAL"})
    jumlah = fields.Method("_jumlah", metadata={"description": "counts: `tambah`, `ubah`, "
                                                "`hapus`, `gagal` (pull); `berhasil`, "
                                                "`gagal` (push)"})

    def _jumlah(self, row):
        return {k: row.get(k, 0) for k in ("tambah", "ubah", "hapus", "gagal", "berhasil")}


class TarikSchema(Schema):
    jenis = fields.Str(required=True, validate=validate.OneOf(JENIS_TARIK))


class KirimSchema(Schema):
    tahun = fields.Int(required=True, validate=TAHUN)
    pratinjau = fields.Bool(load_default=False, metadata={
        "description": "true: answer what would be sent, send nothing"})


class SinkronQuerySchema(Schema):
    tahun = fields.Int(validate=TAHUN)
    status = fields.Str(validate=validate.OneOf(STATUS))


class TarikQuerySchema(SinkronQuerySchema):
    jenis = fields.Str(validate=validate.OneOf(JENIS_TARIK))


class ItemQuerySchema(Schema):
    status = fields.Str(validate=validate.OneOf(("MENUNGGU", "BERHASIL", "GAGAL")))


class ItemSchema(Schema):
    """One record of a job: what was done with it, why it failed, and for a push exactly the
    body sent (SIASN's field names)."""

    kunci = fields.Str()
    nip = fields.Str(allow_none=True)
    nama = fields.Str(allow_none=True)
    aksi = fields.Str(metadata={"description": "TAMBAH, UBAH, HAPUS"})
    status = fields.Str(metadata={"description": "MENUNGGU, BERHASIL, GAGAL"})
    alasan = fields.Str(allow_none=True)
    payload = fields.Dict(allow_none=True)
    siasn_id = fields.Str(allow_none=True)
    waktu = fields.DateTime()


class PratinjauItemSchema(Schema):
    kunci = fields.Str()
    jenis = fields.Str(metadata={"description": "`skp22`, `kinerjaperiodik` or `angkakredit`"})
    nip = fields.Str(allow_none=True)
    nama = fields.Str(allow_none=True)
    aksi = fields.Str(metadata={"description": "TAMBAH (new in SIASN) or UBAH (update by id)"})
    payload = fields.Dict(allow_none=True, metadata={
        "description": "the exact body the push sends"})
    alasan = fields.Str(allow_none=True, metadata={
        "description": "set when the record cannot be sent"})


class PratinjauSchema(Schema):
    """What a push would send now, sent by nothing."""

    tahun = fields.Int()
    jenis = fields.Str()
    jumlah = fields.Int()
    tambah = fields.Int()
    ubah = fields.Int()
    tidak_dapat_dikirim = fields.Int()
    pratinjau_hash = fields.Str(metadata={"description": "SHA-256 over every key and content "
                                                         "hash of the plan"})
    data = fields.List(fields.Nested(PratinjauItemSchema))


class PengaturanSchema(Schema):
    instansi_id = fields.Str(dump_only=True)
    siasn_instansi_id = fields.Str(allow_none=True, validate=validate.Length(min=1, max=100),
                                   metadata={"description": "the instansi's id in SIASN "
                                                            "(`InstansiId` of ref-unor)"})
    diubah_at = fields.DateTime(dump_only=True, allow_none=True)
    diubah_oleh = fields.Str(dump_only=True, allow_none=True)
