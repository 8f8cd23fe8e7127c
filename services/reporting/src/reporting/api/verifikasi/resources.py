"""Public verification of issued documents."""
from __future__ import annotations

from flask import request
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate

from kinerja_shared.errors import Invalid
from kinerja_shared.web.commands import run_public_query
from kinerja_shared.web.http import Blueprint

from ...service_layer import verifikasi

blp = Blueprint("verifikasi", __name__, url_prefix="/verifikasi", description=(
    "What a document's QR code points to: the document, whose, the SHA-256 of the bytes "
    "issued, the signers and when; and a check of a PDF against it. Public."))

MAX_PDF = 20 * 1024 * 1024


class PenandatanganSchema(Schema):
    peran = fields.Str()
    nama = fields.Str()
    nip = fields.Str(allow_none=True)


class DokumenSchema(Schema):
    kode = fields.Str()
    jenis = fields.Str()
    nama_jenis = fields.Str(allow_none=True)
    judul = fields.Str()
    instansi = fields.Str(allow_none=True)
    pegawai = fields.Dict(allow_none=True)
    sha256 = fields.Str(metadata={"description": "SHA-256 of the exact bytes issued."})
    ukuran = fields.Int()
    penandatangan = fields.List(fields.Nested(PenandatanganSchema))
    diterbitkan_at = fields.DateTime()


class HasilPeriksaSchema(DokumenSchema):
    sha256_diperiksa = fields.Str()
    cocok = fields.Bool(metadata={"description": "True only for the very bytes issued."})
    keterangan = fields.Str()


class PeriksaJson(Schema):
    sha256 = fields.Str(required=True, validate=validate.Regexp(
        r"^[0-9a-fA-F]{64}$", error="SHA-256 berupa 64 digit heksadesimal."))


@blp.route("/<kode>")
class Verifikasi(MethodView):
    @blp.response(200, DokumenSchema)
    def get(self, kode):
        """The document issued under this code (404 for a code never issued)."""
        return run_public_query(verifikasi.lihat, kode)

    @blp.response(200, HasilPeriksaSchema)
    @blp.doc(requestBody={"description": "The PDF to check: multipart field `berkas`, a raw "
                                         "application/pdf body, or JSON {\"sha256\": ...}.",
                          "content": {"application/pdf": {"schema": {"type": "string",
                                                                     "format": "binary"}},
                                      "multipart/form-data": {"schema": {
                                          "type": "object", "properties": {"berkas": {
                                              "type": "string", "format": "binary"}}}},
                                      "application/json": {"schema": {
                                          "type": "object", "required": ["sha256"],
                                          "additionalProperties": False,
                                          "properties": {"sha256": {
                                              "type": "string",
                                              "pattern": "^[0-9a-fA-F]{64}$"}}}}}})
    def post(self, kode):
        """Check a PDF (or its SHA-256) against the document issued under this code: `cocok`
        is true only for the exact bytes issued; a document changed after issue is false."""
        isi, sha = _isi()
        return run_public_query(verifikasi.periksa, kode, isi=isi, sha256=sha)


def _isi() -> tuple[bytes | None, str | None]:
    if request.content_length and request.content_length > MAX_PDF:
        raise Invalid(errors={"berkas": ["Berkas terlalu besar."]})
    if request.mimetype == "multipart/form-data":
        f = request.files.get("berkas")
        if f is None:
            raise Invalid(errors={"berkas": ["Wajib diisi."]})
        return f.read(MAX_PDF + 1), None
    if request.mimetype == "application/json":
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise Invalid(errors={"sha256": ["Kirim JSON {\"sha256\": ...}."]})
        try:
            data = PeriksaJson().load(body)
        except ValidationError as exc:
            raise Invalid(errors=exc.normalized_messages()) from None
        return None, data["sha256"]
    if request.mimetype == "application/pdf":
        return request.get_data(), None
    raise Invalid(errors={"berkas": ["Kirim PDF (application/pdf atau multipart berkas) "
                                     "atau JSON sha256."]})
