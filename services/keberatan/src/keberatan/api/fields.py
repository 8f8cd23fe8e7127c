"""Fields the keberatan schemas share: a link to evidence, the PP 30 nilai per aspect."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from marshmallow import ValidationError, fields, validate

from ..domain.nilai import ASPEK_PP30

URL_MAX = 2000
url = validate.URL(schemes={"http", "https"}, require_tld=False,
                   error="URL tidak valid (http/https).")
_NILAI = {"type": "number", "minimum": 0, "maximum": 100}


class BuktiDukung(fields.Field):
    """A link to evidence: an http(s) URL, or ``{nama, url}``; stored as ``{nama, url}``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {
            "description": "Link to evidence: an http(s) URL, or an object `{nama, url}`; always "
                           "answered as `{nama, url}`.",
            "oneOf": [{"type": "string", "format": "uri", "maxLength": URL_MAX},
                      {"type": "object", "required": ["url"], "properties": {
                          "nama": {"type": "string", "maxLength": 300, "nullable": True},
                          "url": {"type": "string", "format": "uri", "maxLength": URL_MAX}}}]})
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = {"url": value}
        if not isinstance(value, dict) or not isinstance(value.get("url"), str) or \
                set(value) - {"nama", "url"}:
            raise ValidationError("Harus berupa URL atau objek {nama, url}.")
        nama = value.get("nama")
        if nama is not None and (not isinstance(nama, str) or len(nama) > 300):
            raise ValidationError("Nama bukti dukung tidak valid.")
        if len(value["url"]) > URL_MAX:
            raise ValidationError("URL terlalu panjang.")
        url(value["url"])
        return {"nama": nama, "url": value["url"]}

    def _serialize(self, value, attr, obj, **kwargs):
        return value


class NilaiPerAspek(fields.Field):
    """``{ASPEK: 0-100}`` read as Decimals, with the messages per aspect
    (``nilai_perilaku_pp30.KOMITMEN``); which aspects apply to a penilaian is checked by the
    service (KEPEMIMPINAN is for a pimpinan)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, dict):
            raise ValidationError("Harus berupa objek {ASPEK: nilai}.")
        out, errors = {}, {}
        for aspek, nilai in value.items():
            if aspek not in ASPEK_PP30:
                errors[str(aspek)] = ["Aspek tidak dikenal: " + ", ".join(ASPEK_PP30) + "."]
                continue
            angka = _desimal(nilai)
            if angka is None:
                errors[aspek] = ["Harus berupa angka."]
            elif not 0 <= angka <= 100:
                errors[aspek] = ["Harus dalam rentang 0-100."]
            else:
                out[aspek] = angka
        if errors:
            raise ValidationError(errors)
        return out


def _desimal(nilai) -> Decimal | None:
    if isinstance(nilai, bool) or not isinstance(nilai, (int, float, str)):
        return None
    try:
        angka = Decimal(str(nilai).strip())
    except InvalidOperation:
        return None
    return angka if angka.is_finite() else None


def nilai_per_aspek(description: str) -> NilaiPerAspek:
    return NilaiPerAspek(load_default=None, allow_none=True, metadata={
        "type": "object", "description": description,
        "properties": {a: dict(_NILAI) for a in ASPEK_PP30}, "additionalProperties": False})
