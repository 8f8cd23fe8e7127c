"""Schemas and documentation shared by the resources of this API."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

RATING = ("DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI")
PREDIKAT = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
CAPAIAN = ("ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
ASPEK = ("BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF",
         "KOLABORATIF")

ID_MAX = 64  # ids are stored as String(64)
TAHUN = validate.Range(min=1900, max=9999)

# an http(s) URL with a host (no TLD needed), as ``url`` checks it; the documented pattern is
# the plain-ASCII part of what it accepts
URL_MAX = 2000
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
URL_PATTERN = (rf"^https?://(?:(?:{_LABEL}\.)+[A-Za-z0-9-]{{2,}}|{_LABEL}"
               r"|[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})(?::[0-9]{1,5})?"
               r"(?:/|[/?#][!-~]+)?$")
URL_DOC = {"type": "string", "pattern": URL_PATTERN, "maxLength": URL_MAX,
           "description": "An http or https URL with a host."}
url = validate.URL(schemes={"http", "https"}, require_tld=False,
                   error="URL tidak valid (http/https).")

_BUKTI_DOC = {
    "description": "Link to evidence: an http(s) URL, or an object `{nama, url}`; always "
                   "answered as `{nama, url}`.",
    "oneOf": [URL_DOC, {
        "type": "object", "required": ["url"], "properties": {
            "nama": {"type": "string", "maxLength": 300, "nullable": True}, "url": URL_DOC}}],
}


class BuktiDukung(fields.Field):
    """A link to evidence: a http(s) URL, or ``{nama, url}``; stored as ``{nama, url}``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", dict(_BUKTI_DOC))
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = {"url": value}
        if not isinstance(value, dict) or not isinstance(value.get("url"), str):
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


class PegawaiRingkasSchema(Schema):
    id = fields.Str()
    nip = fields.Str(allow_none=True)
    nama = fields.Str()
    jabatan = fields.Str(allow_none=True)
    unor_id = fields.Str(allow_none=True)


class HapusQuery(Schema):
    """DELETE of an entry: why, for the penilaian's riwayat."""

    alasan = fields.Str(load_default=None, validate=validate.Length(max=2000), metadata={
        "description": "Why it is removed; kept in the penilaian's riwayat."})
