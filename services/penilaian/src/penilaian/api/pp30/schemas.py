"""Marshmallow schemas of the PP 30/2019 numeric model."""
from __future__ import annotations

from decimal import Decimal

from marshmallow import Schema, fields, validate

# the columns hold Numeric(18, 4) (biaya Numeric(18, 2)): larger values cannot be stored
MAKS = Decimal("99999999999999")
MAKS_BIAYA = Decimal("9999999999999999")
_nonneg = validate.Range(min=0, max=MAKS)
# a revised target is strictly positive, up to what its column holds
_TARGET = {"kuantitas": MAKS, "kualitas": Decimal(100), "waktu": MAKS, "biaya": MAKS_BIAYA}


def _positif(maks: Decimal, **kwargs) -> fields.Decimal:
    return fields.Decimal(validate=validate.Range(min=0, max=maks, min_inclusive=False),
                          **kwargs)


class TargetRevisi(Schema):
    kuantitas = _positif(_TARGET["kuantitas"])
    kualitas = _positif(_TARGET["kualitas"])
    waktu = _positif(_TARGET["waktu"])
    biaya = _positif(_TARGET["biaya"], allow_none=True)


class TargetRevisiField(fields.Field):
    """``TargetRevisi`` or null. Documented inline: apispec writes a nullable nested schema
    for OpenAPI 3.0 as ``anyOf: [$ref, {type: object, nullable: true}]``, which admits any
    object, and writes no exclusive bounds."""

    _inner = fields.Nested(TargetRevisi)
    _DOC = {"type": "object", "nullable": True, "additionalProperties": False, "properties": {
        name: {"type": "number", "minimum": 0, "exclusiveMinimum": True, "maximum": int(maks),
               **({"nullable": True} if name == "biaya" else {})}
        for name, maks in _TARGET.items()}}

    def __init__(self, **kwargs):
        metadata = {**self._DOC, **kwargs.pop("metadata", {})}
        super().__init__(allow_none=True, metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        return self._inner.deserialize(value, attr, data, **kwargs)


# decimals are answered as strings ("88.67"), not as JSON numbers
def desimal(**metadata) -> fields.Decimal:
    return fields.Decimal(as_string=True, allow_none=True, metadata={
        "type": "string", "format": "decimal", "pattern": r"^-?[0-9]+(\.[0-9]+)?$",
        **metadata})


class RealisasiPp30Input(Schema):
    kuantitas = fields.Decimal(required=True, validate=_nonneg)
    kualitas = fields.Decimal(required=True, validate=validate.Range(min=0, max=100))
    waktu = fields.Decimal(required=True, validate=_nonneg, metadata={"description": "months"})
    biaya = fields.Decimal(load_default=None, allow_none=True,
                           validate=validate.Range(min=0, max=MAKS_BIAYA))
    target_revisi = TargetRevisiField(load_default=None, metadata={
        "description": "Targets revised at measurement (only the aspects that change), each "
                       "greater than 0."})


_uraian = validate.Length(min=1, max=2000)
_ALASAN = "Why it is corrected; kept in the penilaian's riwayat."
_JUMLAH_TUGAS = "How many tugas tambahan."
_TINGKAT = "The kreativitas level, 1-3."
_tingkat = validate.Range(min=1, max=3, error="Harus 1, 2 atau 3.")


class TambahanInput(Schema):
    uraian = fields.Str(required=True, validate=_uraian)
    jumlah = fields.Int(required=True, validate=validate.Range(min=1, max=1000),
                        metadata={"description": _JUMLAH_TUGAS})


class KreativitasInput(Schema):
    uraian = fields.Str(required=True, validate=_uraian)
    jumlah = fields.Int(required=True, validate=_tingkat, metadata={"description": _TINGKAT})


class TambahanUbahInput(Schema):
    """PATCH: only the fields sent change."""

    uraian = fields.Str(validate=_uraian)
    jumlah = fields.Int(validate=validate.Range(min=1, max=1000),
                        metadata={"description": _JUMLAH_TUGAS})
    alasan = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=2000),
                        metadata={"description": _ALASAN})


class KreativitasUbahInput(TambahanUbahInput):
    jumlah = fields.Int(validate=_tingkat, metadata={"description": _TINGKAT})


class TambahanSchema(Schema):
    id = fields.Str()
    penilaian_id = fields.Str()
    jenis = fields.Str(metadata={"enum": ["TUGAS_TAMBAHAN", "KREATIVITAS"]})
    uraian = fields.Str()
    jumlah = fields.Int(metadata={
        "description": "Tugas tambahan: how many tasks. Kreativitas: its level 1-3."})
    oleh_pegawai_id = fields.Str(metadata={"description": "Who added the entry."})
    created_at = fields.DateTime()


# the PP 30 aspects (domain.pengaturan.ASPEK_PP30); KEPEMIMPINAN only where it applies
_ASPEK_WAJIB = ("ORIENTASI_PELAYANAN", "KOMITMEN", "INISIATIF_KERJA", "KERJA_SAMA")
_NILAI = {"type": "number", "minimum": 0, "maximum": 100}
_NILAI_DOC = {
    "description": "Aspect -> 0-100: exactly the aspects of this penilaian. `KEPEMIMPINAN` is "
                   "for a pimpinan (or everybody, by instansi setting) and is 422 elsewhere, as "
                   "is any other key or a missing aspect.",
    "properties": {**{a: dict(_NILAI) for a in _ASPEK_WAJIB}, "KEPEMIMPINAN": dict(_NILAI)},
    "required": list(_ASPEK_WAJIB),
    "additionalProperties": False,
}


class NilaiPerAspek(fields.Field):
    """``{ASPEK: 0-100}``, read as a dict of Decimals; the service checks the aspects against
    the penilaian (which ones apply is data: a pimpinan has KEPEMIMPINAN), so the document
    lists them instead of a free-form map."""

    _inner = fields.Dict(keys=fields.Str(), values=fields.Decimal(validate=validate.Range(0, 100)))

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {"type": "object", **_NILAI_DOC})
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        return self._inner.deserialize(value, attr, data, **kwargs)


class PerilakuPp30Input(Schema):
    nilai = NilaiPerAspek(required=True)


class RealisasiPp30Schema(Schema):
    penilaian_id = fields.Str()
    rhk_id = fields.Str()
    kuantitas = desimal()
    kualitas = desimal()
    waktu = desimal(description="months")
    biaya = desimal()
    target_revisi = fields.Dict(allow_none=True, metadata={
        "description": "Targets revised at measurement (aspect -> value)."})
    diubah_oleh = fields.Str(allow_none=True)
    diubah_at = fields.DateTime()


class Pp30Schema(Schema):
    realisasi = fields.List(fields.Nested(RealisasiPp30Schema))
    tambahan = fields.List(fields.Nested(TambahanSchema), metadata={
        "description": "Tugas tambahan and kreativitas (`jenis`), oldest first."})
    perilaku = fields.Dict(keys=fields.Str(), values=fields.Str(), metadata={
        "description": "Nilai perilaku per aspect (0-100)."})
