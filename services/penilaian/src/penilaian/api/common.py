"""Schemas and helpers shared by the resources of this API."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

RATING = ("DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI")
PREDIKAT = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
CAPAIAN = ("ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
ASPEK = ("BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF",
         "KOLABORATIF")
STATUS = ("DRAFT", "DIKIRIM", "DITETAPKAN", "DITUTUP")

_url = validate.URL(schemes={"http", "https"}, require_tld=False, error="URL tidak valid (http/https).")


class BuktiDukung(fields.Field):
    """A link to evidence: a http(s) URL, or ``{nama, url}``; stored as ``{nama, url}``."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = {"url": value}
        if not isinstance(value, dict) or not isinstance(value.get("url"), str):
            raise ValidationError("Harus berupa URL atau objek {nama, url}.")
        nama = value.get("nama")
        if nama is not None and (not isinstance(nama, str) or len(nama) > 300):
            raise ValidationError("Nama bukti dukung tidak valid.")
        if len(value["url"]) > 2000:
            raise ValidationError("URL terlalu panjang.")
        _url(value["url"])
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
        "description": "Alasan penghapusan, dicatat di riwayat penilaian."})


class PagingQuery(Schema):
    page = fields.Int(load_default=1, validate=validate.Range(min=1))
    page_size = fields.Int(load_default=50, validate=validate.Range(min=1, max=500))


def pagination_header(total: int, page: int, page_size: int) -> dict[str, str]:
    """flask-smorest's ``X-Pagination`` header for a list paged in the query."""
    import json

    last = max(1, -(-total // page_size))
    meta = {"total": total, "total_pages": last, "page": page, "first_page": 1, "last_page": last}
    if page < last:
        meta["next_page"] = page + 1
    if page > 1:
        meta["previous_page"] = page - 1
    return {"X-Pagination": json.dumps(meta)}
