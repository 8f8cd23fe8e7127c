"""POST /impor/unor and /impor/pegawai: bulk import from CSV or Excel, with a dry run."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest.fields import Upload
from marshmallow import Schema, fields

from kinerja_shared.auth import ADMIN_ROLES, roles_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint

from ...service_layer import impor_pegawai, impor_unor

blp = Blueprint("impor", __name__, url_prefix="/impor",
                description="Bulk import of unor and pegawai")


class ImporQuerySchema(Schema):
    instansi_id = fields.Str(required=True, metadata={
        "description": "an instansi the caller administers (else 422)"})
    dry_run = fields.Bool(load_default=False, metadata={
        "description": "true: check only, report the errors per row, save nothing"})


class BerkasSchema(Schema):
    berkas = Upload(required=True, metadata={
        "description": "CSV (comma or semicolon separated) or .xlsx, the header in row 1; at "
                       "most 50,000 rows"})


class GalatBarisSchema(Schema):
    baris = fields.Int(metadata={"description": "row number in the file (row 1 is the header)"})
    errors = fields.Dict(metadata={"description": "column -> messages"})


class HasilImporSchema(Schema):
    dry_run = fields.Bool()
    jumlah_baris = fields.Int()
    tambah = fields.Int(metadata={"description": "rows that add a new one"})
    ubah = fields.Int(metadata={"description": "rows that change a stored one"})
    galat = fields.List(fields.Nested(GalatBarisSchema))


def _impor(fn, query, files):
    """A dry run only reads (it is never committed); a real import is one command."""
    berkas = files["berkas"]
    run = run_query if query["dry_run"] else run_command
    return run(fn, instansi_id=query["instansi_id"], nama_berkas=berkas.filename or "",
               berkas=berkas.read(), dry_run=query["dry_run"])


@blp.route("/unor")
class ImporUnor(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(ImporQuerySchema, location="query")
    @blp.arguments(BerkasSchema, location="files")
    @blp.response(200, HasilImporSchema)
    def post(self, query, files):
        """Import unor (columns: kode, nama, jenis, eselon, kode_atasan, kode_induk, mandiri
        as `ya`/`tidak`, kota); a stored kode is updated, parents may come later in the file. With
        any row error nothing is saved: 422 with the same `galat` (or, with `dry_run`, 200).
        An unreadable file is 422 `berkas`."""
        return _impor(impor_unor.impor, query, files)


@blp.route("/pegawai")
class ImporPegawai(MethodView):
    @roles_required(*ADMIN_ROLES)
    @blp.arguments(ImporQuerySchema, location="query")
    @blp.arguments(BerkasSchema, location="files")
    @blp.response(200, HasilImporSchema)
    def post(self, query, files):
        """Import pegawai (columns: nip, nama, gelar_depan, gelar_belakang, kode_unor or
        unor_id, jenis_jabatan, jabatan, kategori_jabatan, jenjang, golongan, tmt_golongan,
        tmt_jabatan, status_kepegawaian, tmt_status, email, checked as in POST /pegawai; dates
        as YYYY-MM-DD); a NIP stored in this instansi is updated (an empty cell keeps its value,
        except that a changed golongan or status without its TMT clears that TMT, as PATCH
        does), a NIP of another instansi is a row error. A status that ends the service
        (PENSIUN, PINDAH, BERHENTI, MENINGGAL) deactivates the account and revokes its tokens;
        only an admin_pusat changes the status of an admin_pusat account (else a row error).
        New pegawai have no password yet. With any row error nothing is saved: 422 with the
        same `galat` (or, with `dry_run`, 200)."""
        return _impor(impor_pegawai.impor, query, files)
