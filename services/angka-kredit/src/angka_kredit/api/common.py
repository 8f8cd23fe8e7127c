"""Fields shared by the resources of this API."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from marshmallow import ValidationError, fields, validate

from ..domain.angka import teks

JENJANG = ("PEMULA", "TERAMPIL", "MAHIR", "PENYELIA", "AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA",
           "AHLI_UTAMA")
PREDIKAT = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
STATUS = ("DRAFT", "DIAJUKAN", "DISETUJUI", "DITANDATANGANI", "DIBATALKAN")
SUMBER = ("KONVERSI", "INTEGRASI")
METODE = ("TTE", "TTD_BASAH")
TAHUN = validate.Range(min=1900, max=9999)
ID_MAX = 64
ANGKA_DOC = {"type": "string", "format": "decimal", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}


class Angka(fields.Field):
    """A decimal answered as a string without trailing zeros ("10.9375", "25", "-39.0625");
    read from a decimal string or a JSON number (taken as written, never as a binary float's
    expansion)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_none", True)
        kwargs["metadata"] = {**ANGKA_DOC, **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return teks(value)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValidationError("Harus berupa angka desimal.")
        try:
            number = Decimal(value.strip().replace(",", ".")) if isinstance(value, str) \
                else Decimal(str(value))
        except InvalidOperation:
            raise ValidationError("Harus berupa angka desimal.") from None
        if not number.is_finite():
            raise ValidationError("Harus berupa angka desimal.")
        return number


def angka(description: str = "", **kwargs) -> Angka:
    return Angka(metadata={"description": description} if description else {}, **kwargs)
