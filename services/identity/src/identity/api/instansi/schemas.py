from marshmallow import Schema, fields, validate

from ...domain.enums import (ALUR_KEBERATAN, MODEL_SKP, PENEGAKAN_DISTRIBUSI, SKEMA_PERIODE,
                             ZONA_WAKTU)

PREDIKAT_BAND = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG")


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
    alur_keberatan = fields.Str(validate=validate.OneOf(ALUR_KEBERATAN), metadata={
        "description": "how a keberatan is handled: PERMENPAN_6_2022 (default: the pejabat "
                       "penilai explains, then the atasan pejabat penilai decides) or DKI (the "
                       "sanggahan chain: the atasan pejabat penilai's sanggahan, the pejabat "
                       "penilai's sanggahan, then the atasan pejabat penilai's decision)"})
    pemutus_keberatan_pegawai_id = fields.Str(
        allow_none=True, validate=validate.Length(min=1, max=36), metadata={
            "description": "id of a pegawai of this instansi who decides a keberatan when the "
                           "pegawai has no atasan pejabat penilai (e.g. the head of a mandiri "
                           "unor); null (default) when not set. Checked when given: an unknown "
                           "id, another instansi's pegawai or an inactive one is 422; deleting "
                           "that pegawai is 409 while named here"})
    angka_kredit_periodik = fields.Bool(metadata={
        "description": "true: angka-kredit also converts each periodic predikat, not only the "
                       "final one (default false)"})
    zona_waktu = fields.Str(validate=validate.OneOf(ZONA_WAKTU), metadata={
        "description": "the instansi's time zone, where its calendar days end (the keberatan "
                       "window) and the dates on its documents: Asia/Jakarta (WIB, default), "
                       "Asia/Makassar (WITA) or Asia/Jayapura (WIT)"})
    # read by penilaian (its domain/pengaturan.py); DOMAIN.md §2 and §5 mark them unsettled
    tampilkan_nama_penilai_perilaku = fields.Bool(metadata={
        "description": "true: a pegawai sees who wrote each rekan/bawahan perilaku feedback "
                       "(default false)"})
    predikat_tahunan_dari_periode_final = fields.Bool(metadata={
        "description": "the annual predikat is the predikat of the final period (default "
                       "true; DOMAIN.md §2)"})
    pp30_penilaian_360 = fields.Bool(metadata={
        "description": "PP 30 model: nilai kinerja weighs nilai SKP 60 % and nilai perilaku "
                       "40 % (360-degree feedback) instead of 70/30 (default false)"})
    pp30_kepemimpinan_hanya_pimpinan = fields.Bool(metadata={
        "description": "PP 30 model: the KEPEMIMPINAN aspect is rated for pimpinan only "
                       "(default true)"})
    pp30_band = fields.Dict(
        keys=fields.Str(validate=validate.OneOf(PREDIKAT_BAND)),
        values=fields.Float(validate=validate.Range(min=0, max=200)), metadata={
            "description": "PP 30 model: the lowest nilai kinerja of each predikat, e.g. "
                           "{\"SANGAT_BAIK\": 110, \"BAIK\": 90, \"BUTUH_PERBAIKAN\": 70, "
                           "\"KURANG\": 50}; below the lowest is SANGAT_KURANG (default: "
                           "those bands, DOMAIN.md §5)"})


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
