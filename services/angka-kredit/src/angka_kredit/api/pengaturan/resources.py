"""An instansi's angka-kredit pengaturan (numbering, month rule, unsettled figures) and its PAK
templates (BKN admin manual §2.14, §2.15)."""
from __future__ import annotations

from flask import Response
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from kinerja_shared.auth import ADMIN_ROLES, roles_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint

from ...service_layer import pengaturan as svc
from ..common import ID_MAX, Angka

blp = Blueprint("pengaturan", __name__, url_prefix="/pengaturan",
                description="The instansi's angka-kredit settings (admins)")
blp_template = Blueprint("template", __name__, url_prefix="/template",
                         description="PAK templates, TTE and TTD_BASAH (admins)")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class InstansiQuery(Schema):
    instansi_id = fields.Str(load_default=None, validate=validate.Length(max=ID_MAX), metadata={
        "description": "admin_pusat: the instansi (default the caller's)"})


def _angka_map(description):
    return fields.Dict(keys=fields.Str(validate=validate.Length(max=20)), values=Angka(),
                       validate=validate.Length(max=20), metadata={"description": description})


class PengaturanInput(Schema):
    penomoran = fields.Str(validate=validate.OneOf(("MANUAL", "OTOMATIS")), metadata={
        "description": "MANUAL: the nomor SK is entered at ajukan; OTOMATIS: made at setujui "
                       "from format_nomor"})
    format_nomor = fields.Str(validate=validate.Length(min=1, max=100), metadata={
        "description": "placeholders {urut} (required; {urut:4} pads to 4 digits), {tahun}, "
                       "{bulan}, {bulan_romawi}, {kode_unor}, {kode_unor_induk}, "
                       "{kode_instansi}; e.g. {urut}/PAK/{kode_unor}/{tahun}"})
    hari_acuan_bulan = fields.Int(validate=validate.Range(min=1, max=28), metadata={
        "description": "a month counts for the range holding this day of it (default 15)"})
    tempat = fields.Str(allow_none=True, validate=validate.Length(max=200))
    kebutuhan_pangkat = _angka_map("keterampilan only: golongan -> AK for the next pangkat")
    kebutuhan_jenjang = _angka_map("keterampilan only: jenjang -> AK for the next jenjang")
    nilai_dasar = _angka_map("keterampilan only: jenjang -> nilai dasar of integrasi")


class PengaturanSchema(PengaturanInput):
    instansi_id = fields.Str()
    contoh_nomor = fields.Str(metadata={"description": "format_nomor with number 1 today"})
    angka_kredit_periodik = fields.Bool(metadata={
        "description": "from identity's instansi pengaturan: periodic predikat convert too"})
    revisi = fields.Int()
    diubah_oleh = fields.Str(allow_none=True)
    diubah_at = fields.DateTime(allow_none=True)


class TemplateInput(Schema):
    judul = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=300))
    kop = fields.List(fields.Str(validate=validate.Length(max=300)), load_default=list,
                      validate=validate.Length(max=10), metadata={"description": "letterhead lines"})
    tembusan = fields.List(fields.Str(validate=validate.Length(max=300)), load_default=list,
                           validate=validate.Length(max=20))
    catatan = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=2000),
                         metadata={"description": "e.g. the TTE statement printed at the foot"})
    berkas_nama = fields.Str(load_default=None, allow_none=True,
                             validate=validate.Length(max=300))
    berkas_base64 = fields.Str(load_default=None, allow_none=True,
                               validate=validate.Length(max=3_000_000), metadata={
        "description": "the instansi's .docx template, base64 (at most 2 MB); absent keeps the "
                       "stored one"})


class TemplateSchema(Schema):
    instansi_id = fields.Str()
    metode = fields.Str()
    versi = fields.Int(metadata={"description": "0: never set (the default layout)"})
    judul = fields.Str(allow_none=True)
    kop = fields.List(fields.Str())
    tembusan = fields.List(fields.Str())
    catatan = fields.Str(allow_none=True)
    berkas_nama = fields.Str(allow_none=True)
    berkas_sha256 = fields.Str(allow_none=True)
    diubah_oleh = fields.Str(allow_none=True)
    diubah_at = fields.DateTime(allow_none=True)


@blp.route("")
class Pengaturan(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(InstansiQuery, location="query")
    @blp.response(200, PengaturanSchema)
    def get(self, query):
        """The instansi's pengaturan with its defaults filled in."""
        return run_query(svc.baca, **query)

    @roles_required(*ADMIN_ROLES)
    @blp.arguments(InstansiQuery, location="query")
    @blp.arguments(PengaturanInput)
    @blp.response(200, PengaturanSchema)
    def put(self, query, data):
        """Change the pengaturan (fields not sent keep their value). Only the unsettled
        keterampilan figures may be set (422 per field otherwise); a changed figure recomputes
        the unsigned AK rows of the instansi (signed PAKs keep their figures)."""
        return run_command(svc.simpan, **query, **data)


@blp_template.route("/<any(TTE, TTD_BASAH):metode>")
class Template(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp_template.arguments(InstansiQuery, location="query")
    @blp_template.response(200, TemplateSchema)
    def get(self, query, metode):
        """The template of a signing method (TTE or TTD_BASAH)."""
        return run_query(svc.template, metode, **query)

    @roles_required(*ADMIN_ROLES)
    @blp_template.arguments(InstansiQuery, location="query")
    @blp_template.arguments(TemplateInput)
    @blp_template.response(200, TemplateSchema)
    def put(self, query, data, metode):
        """A new version of the template (the manual's "Unggah Template"); PAKs signed from
        now on name it in PakDitandatangani."""
        return run_command(svc.simpan_template, metode, **query, **data)


@blp_template.route("/<any(TTE, TTD_BASAH):metode>/berkas")
class TemplateBerkas(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp_template.arguments(InstansiQuery, location="query")
    @blp_template.response(200, content_type=DOCX, description="the uploaded .docx")
    def get(self, query, metode):
        """Download the uploaded .docx template (404 when none was uploaded)."""
        nama, data = run_query(svc.berkas_template, metode, **query)
        return Response(data, mimetype=DOCX, headers={
            "Content-Disposition": f'attachment; filename="{nama}"'})
