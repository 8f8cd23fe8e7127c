"""Excel reports as jobs with progress."""
from __future__ import annotations

from flask import url_for
from flask.views import MethodView

from kinerja_shared.auth.flask import login_required
from kinerja_shared.db.paging import PageRequest
from kinerja_shared.web.commands import run_query, run_read
from kinerja_shared.web.http import Blueprint

from ...service_layer import laporan
from ..common import LOCATION, JobSchema, comp, job_args, kirim, redirect
from . import schemas as sc

blp = Blueprint("laporan", __name__, url_prefix="/laporan", description=(
    "Excel reports (RENCANA_SKP_TAHUNAN, PENILAIAN_SKP, JUMLAH_TIM, ANGKA_KREDIT, KINERJA_GURU, "
    "LOG_PMM, KEPATUHAN, KEBERATAN) built from reporting's read models as background jobs."))


@blp.route("")
class LaporanMinta(MethodView):
    @login_required
    @blp.arguments(sc.LaporanDaftarQuery, location="query")
    @blp.response(200, JobSchema(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """The report requests the caller may see, newest first, each as
        GET /laporan/{id} answers it (status, progress, the file's link while it is kept):
        his own, and for an admin every request of his instansi (admin_pusat: of every
        instansi, or `instansi_id`). Filters: `jenis`, `status`."""
        page = PageRequest(pagination_parameters.page, pagination_parameters.page_size)
        got = run_read(laporan.daftar, comp().storage, page=page, **args, **job_args())
        pagination_parameters.item_count = got.total
        return list(got.items)

    @login_required
    @blp.arguments(sc.LaporanMinta)
    @blp.response(202, JobSchema, headers=LOCATION)
    def post(self, data):
        """Start a report: 202 with the job's Location. Admins of the instansi for any unit;
        a pimpinan (or active PLT/PLH) for the units he leads (403 otherwise); a unit of another
        instansi is 422; 503 with Retry-After when the job queue cannot take the job."""
        job_id = kirim(run_query(laporan.periksa, **data))
        body = run_query(laporan.lihat, comp().runner, comp().storage, job_id, **job_args())
        return body, 202, {"Location": url_for("laporan.LaporanById", job_id=job_id)}


@blp.route("/<job_id>")
class LaporanById(MethodView):
    @login_required
    @blp.response(200, JobSchema)
    def get(self, job_id):
        """The report job: status, rows done of total, an estimate of the seconds left, and
        once done the file with a signed link that expires. Who asked for it and admins of
        its instansi; anyone else 404."""
        return run_read(laporan.lihat, comp().runner, comp().storage, job_id, **job_args())


@blp.route("/<job_id>/berkas")
class LaporanBerkas(MethodView):
    @login_required
    @blp.response(303, description="Redirect to the signed, expiring download link.")
    def get(self, job_id):
        """Download the report: 303 to its signed link (409 while not ready, 404 once
        expired or for anyone who may not see the job)."""
        return redirect(run_read(laporan.tautan, comp().runner, comp().storage, job_id,
                                  **job_args()))
