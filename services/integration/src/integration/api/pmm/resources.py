"""PMM (teachers' platform): PMM users, the sync of SKP and scores, the PLT mapping, the sync
log and the teachers' scores (API.md; BKN admin manual §2.8-2.10)."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from kinerja_shared.auth import login_required, roles_required
from kinerja_shared.runtime.runtime import current_runtime
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page
from kinerja_shared.web.problems import Problem

from ...service_layer import pmm as svc
from ..siasn.resources import accepted
from ..siasn.schemas import SinkronSchema

blp = Blueprint("pmm", __name__, url_prefix="/pmm",
                description="PMM: teachers' SKP and scores (Kemendikdasmen)")
ADMIN = "admin_instansi"
TIPE = ("GURU", "KEPALA_SEKOLAH")


class PenggunaBaruSchema(Schema):
    nip = fields.Str(required=True, validate=validate.Length(equal=18))
    tipe_skp = fields.Str(load_default="GURU", validate=validate.OneOf(TIPE))


class PenggunaSchema(Schema):
    pegawai_id = fields.Str()
    nip = fields.Str()
    nama = fields.Str()
    tipe_skp = fields.Str()
    pmm_id = fields.Str(allow_none=True)
    jabatan = fields.Str(allow_none=True)
    unor_nama = fields.Str(allow_none=True)
    dibuat_at = fields.DateTime()


class PenggunaQuerySchema(Schema):
    nip = fields.Str(validate=validate.Length(max=18))
    nama = fields.Str(validate=validate.Length(max=100))


class SinkronPmmSchema(Schema):
    pegawai_id = fields.Str(validate=validate.Length(max=64), metadata={
        "description": "admin: one teacher (none: every PMM user of the instansi); a teacher "
                       "leaves it out to sync himself"})


class PasanganSchema(Schema):
    pmm_sekolah = fields.Str(required=True, validate=validate.Length(min=1, max=100),
                             metadata={"description": "PMM's school (NPSN)"})
    unor_id = fields.Str(required=True, validate=validate.Length(max=64))


class PltSchema(Schema):
    pasangan = fields.List(fields.Nested(PasanganSchema), required=True,
                           validate=validate.Length(min=1, max=1000))


class PltJawabSchema(Schema):
    pmm_sekolah = fields.Str()
    unor_id = fields.Str()
    unor_nama = fields.Str(allow_none=True)
    diubah_at = fields.DateTime()


class LogQuerySchema(Schema):
    nip = fields.Str(validate=validate.Length(max=18))
    nama = fields.Str(validate=validate.Length(max=100))
    status = fields.Str(validate=validate.OneOf(("BERHASIL", "GAGAL")))
    tipe_skp = fields.Str(validate=validate.OneOf(TIPE))


class LogSchema(Schema):
    id = fields.Str()
    sinkron_id = fields.Str(allow_none=True)
    nip = fields.Str()
    nama = fields.Str(allow_none=True)
    tipe_skp = fields.Str(allow_none=True)
    periode = fields.Str(allow_none=True)
    status = fields.Str(metadata={"description": "BERHASIL or GAGAL"})
    kode = fields.Str(allow_none=True, metadata={"description": "stable reason code"})
    keterangan = fields.Str(allow_none=True, metadata={"description": "the reason"})
    catatan = fields.Str(allow_none=True)
    waktu = fields.DateTime()


class KinerjaGuruQuerySchema(Schema):
    periode = fields.Str(validate=validate.Regexp(r"^\d{4}-S[12]$"), metadata={
        "description": "`YYYY-S1` or `YYYY-S2`"})
    nama = fields.Str(validate=validate.Length(max=100))


class KinerjaGuruSchema(Schema):
    nip = fields.Str()
    nama = fields.Str(allow_none=True)
    periode = fields.Str()
    tipe_skp = fields.Str(allow_none=True)
    sekolah_npsn = fields.Str(allow_none=True)
    sekolah_nama = fields.Str(allow_none=True)
    daerah = fields.Str(allow_none=True)
    rating_hasil_kerja = fields.Str(allow_none=True)
    rating_perilaku = fields.Str(allow_none=True)
    predikat = fields.Str(allow_none=True)
    diimpor_at = fields.DateTime()


def _pmm():
    return current_runtime().components.pmm()


@blp.route("/pengguna")
class Pengguna(MethodView):
    @roles_required(ADMIN)
    @blp.arguments(PenggunaQuerySchema, location="query")
    @blp.response(200, PenggunaSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """Teachers and school heads registered as PMM users (manual §2.9)."""
        return run_page(pagination_parameters, svc.daftar_pengguna, filters=filters)

    @roles_required(ADMIN)
    @blp.arguments(PenggunaBaruSchema)
    @blp.response(201, PenggunaSchema)
    @blp.alt_response(503, description="PMM could not be reached")
    def post(self, data):
        """Register a pegawai of the instansi (by NIP) as a PMM user, at PMM as well."""
        try:
            row = run_command(svc.tambah_pengguna, **data, pmm=_pmm())
        except svc.PmmTidakTersedia:
            raise Problem(503, "PMM tidak dapat dihubungi; coba lagi nanti.") from None
        return created(row, PenggunaById, pegawai_id=row["pegawai_id"])


@blp.route("/pengguna/<pegawai_id>")
class PenggunaById(MethodView):
    @roles_required(ADMIN)
    @blp.response(200, PenggunaSchema)
    def get(self, pegawai_id):
        """One PMM user."""
        return run_query(svc.ambil_pengguna, pegawai_id)

    @roles_required(ADMIN)
    @blp.response(204)
    @blp.alt_response(503, description="PMM could not be reached")
    def delete(self, pegawai_id):
        """Remove a PMM user (at PMM as well)."""
        try:
            run_command(svc.hapus_pengguna, pegawai_id, pmm=_pmm())
        except svc.PmmTidakTersedia:
            raise Problem(503, "PMM tidak dapat dihubungi; coba lagi nanti.") from None


@blp.route("/sinkron")
class Sinkron(MethodView):
    @login_required
    @blp.arguments(SinkronPmmSchema)
    @blp.response(202, SinkronSchema, headers={"Location": {
        "description": "the job to poll", "schema": {"type": "string"}}})
    def post(self, data):
        """Pull SKP and scores from PMM as a job: a teacher for himself (a PMM user), an admin
        for one teacher or every PMM user of the instansi. Each teacher's semester is checked
        (NIP known, school = the teacher's unit or its PLT mapping, penilai known, the
        atasan's organisation SKP made); `GET /pmm/log` has the outcome and reason of each."""
        row = run_command(svc.minta_sinkron, pegawai_id=data.get("pegawai_id"))
        return accepted(row, SinkronById, sinkron_id=row["id"])


@blp.route("/sinkron/<sinkron_id>")
class SinkronById(MethodView):
    @login_required
    @blp.response(200, SinkronSchema)
    def get(self, sinkron_id):
        """One PMM sync job (its admin's, or the teacher's who asked)."""
        return run_query(svc.ambil_sinkron, sinkron_id)


@blp.route("/sinkron-plt")
class SinkronPlt(MethodView):
    @roles_required(ADMIN)
    @blp.arguments(PltSchema)
    @blp.response(200, PltJawabSchema(many=True))
    def post(self, data):
        """Map PMM schools to the unor of their PLT kepala sekolah (a teacher acting as PLT is
        then assessed in that unor); answers every mapping of the instansi."""
        return run_command(svc.atur_plt, pasangan=data["pasangan"])

    @roles_required(ADMIN)
    @blp.response(200, PltJawabSchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters):
        """The instansi's PLT mapping: every PMM school with the unor it is mapped to."""
        return run_page(pagination_parameters, svc.daftar_plt)


@blp.route("/sinkron-plt/<pmm_sekolah>")
class SinkronPltBySekolah(MethodView):
    @roles_required(ADMIN)
    @blp.response(204)
    def delete(self, pmm_sekolah):
        """Remove a school's PLT mapping (its teachers are then assessed in their own unit)."""
        run_command(svc.hapus_plt, pmm_sekolah)


@blp.route("/log")
class Log(MethodView):
    @roles_required(ADMIN)
    @blp.arguments(LogQuerySchema, location="query")
    @blp.response(200, LogSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """The PMM sync log (manual §2.10), newest first, with the reason of each failure."""
        return run_page(pagination_parameters, svc.log, filters=filters)


@blp.route("/kinerja-guru")
class KinerjaGuru(MethodView):
    @roles_required(ADMIN)
    @blp.arguments(KinerjaGuruQuerySchema, location="query")
    @blp.response(200, KinerjaGuruSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """The teachers' scores brought from PMM (manual §2.8)."""
        return run_page(pagination_parameters, svc.kinerja_guru, filters=filters)
