"""Helpers the resources share."""
from __future__ import annotations

from flask import Response, url_for
from marshmallow import Schema, fields, validate

from kinerja_shared.jobs import JobEnqueueError
from kinerja_shared.runtime import current_runtime
from kinerja_shared.web.problems import Problem

from ..wiring import Components

TAHUN = validate.Range(min=2000, max=2100)
ID = validate.Length(min=1, max=64)
LOCATION = {"Location": {"description": "Path of the job to poll (GET answers it).",
                         "schema": {"type": "string"}}}


def comp() -> Components:
    """reporting's own objects (settings, storage, job runner)."""
    return current_runtime().components


def kirim(pengajuan) -> str:
    """Submit a checked job request (``laporan.ajukan``); a broker that cannot take the job
    answers 503 with Retry-After (the job row is kept, failed), never a 500."""
    from ..service_layer import laporan

    try:
        return laporan.ajukan(comp().runner, pengajuan)
    except JobEnqueueError:
        raise Problem(503, "Antrean pekerjaan sedang tidak tersedia; coba lagi sebentar lagi.",
                      headers={"Retry-After": "30"}) from None


def unduh_base() -> str:
    """The path local download links start with (behind the gateway: /api/reporting/...)."""
    return url_for("unduh.Unduh", token="x")[:-1]


def job_args() -> dict:
    c = comp()
    return {"link_ttl": c.settings.link_ttl, "local_base": unduh_base()}


def pdf_response(terbit) -> Response:
    response = Response(terbit.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{terbit.nama}"'
    response.headers["X-Kode-Verifikasi"] = terbit.kode
    response.headers["X-Dokumen-SHA256"] = terbit.sha256
    response.headers["Cache-Control"] = "no-store"
    return response


class BerkasSchema(Schema):
    nama = fields.Str(metadata={"description": "File name."})
    ukuran = fields.Int(metadata={"description": "Size in bytes."})
    sha256 = fields.Str()
    kedaluwarsa_at = fields.DateTime(metadata={"description": "When the file is deleted."})
    url = fields.Str(metadata={"description": "Signed download link, valid for "
                                              "KINERJA_REPORTING_LINK_TTL seconds."})


class JobSchema(Schema):
    id = fields.Str()
    jenis = fields.Str()
    status = fields.Str(metadata={"description": "MENUNGGU, BERJALAN, (bulk: MENYUSUN while "
                                                 "zipping), SELESAI or GAGAL."})
    progres = fields.Int(metadata={"description": "Percent done."})
    selesai = fields.Int(allow_none=True, metadata={"description": "Rows or documents done."})
    total = fields.Int(allow_none=True, metadata={"description": "Rows or documents in all."})
    estimasi_detik = fields.Float(allow_none=True, metadata={
        "description": "Seconds left at the pace so far."})
    filter = fields.Dict()
    error = fields.Str(allow_none=True)
    dibuat_at = fields.DateTime()
    mulai_at = fields.DateTime(allow_none=True)
    selesai_at = fields.DateTime(allow_none=True)
    berkas = fields.Nested(BerkasSchema, allow_none=True)
    berkas_url = fields.Str(allow_none=True)
    baris = fields.Int(allow_none=True, metadata={"description": "Rows written (reports)."})


def redirect(url: str) -> Response:
    response = Response(status=303)
    response.headers["Location"] = url
    response.headers["Cache-Control"] = "no-store"
    return response
