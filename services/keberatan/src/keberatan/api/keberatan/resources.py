"""Keberatan: file, read (the decider's first read is recorded), monitor, count, to-do lists,
and the steps of both chains. Every step answers the keberatan (the body of GET
/keberatan/{id})."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth.flask import login_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, created, run_page

from ... import views
from ...service_layer import alur, pengajuan
from . import schemas as sc

blp = Blueprint("keberatan", __name__, url_prefix="/keberatan", description=(
    "Objections to a set predikat (DOMAIN.md §6): filed by the pegawai within the instansi's "
    "window, explained (PermenPAN-RB 6/2022) or argued (DKI sanggahan chain), decided by the "
    "atasan pejabat penilai or the instansi's configured pemutus."))


@blp.route("")
class KeberatanList(MethodView):
    @login_required
    @blp.arguments(sc.KeberatanQuery, location="query")
    @blp.response(200, sc.KeberatanRingkasSchema(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """Monitoring list, newest first: the caller's own and those they handle, or the whole
        instansi for an admin; filters by name, NIP, year, period, status, unor, and what has
        waited longer than N days."""
        return run_page(pagination_parameters, views.daftar, args)

    @login_required
    @blp.arguments(sc.KeberatanInput)
    @blp.response(201, sc.KeberatanSchema)
    def post(self, data):
        """File a keberatan against the newest revision of a set predikat (the pegawai only).
        Inside the window (calendar days from the predikat's set time, the instansi's
        `jendela_keberatan_hari`, ending at midnight in the instansi's time zone) it is
        DIAJUKAN; after it, TERLAMBAT: recorded, never decided. 409 `keberatan-sudah-ada` when
        one exists for that revision, `revisi-usang` for an older revision."""
        penilaian_id = data.pop("penilaian_id")
        kid = run_command(pengajuan.ajukan, penilaian_id, **data)
        return created(run_query(views.keberatan, kid), KeberatanById, keberatan_id=kid)


@blp.route("/rekap")
class Rekap(MethodView):
    @login_required
    @blp.arguments(sc.KeberatanQuery, location="query")
    @blp.response(200, sc.RekapSchema)
    def get(self, args):
        """How many keberatan per status under the filters of the list."""
        return run_query(views.rekap, args)


@blp.route("/tugas")
class Tugas(MethodView):
    @login_required
    @blp.arguments(sc.TugasQuery, location="query")
    @blp.response(200, sc.KeberatanRingkasSchema(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """To-do list, oldest first: what waits for my penjelasan or sanggahan as pejabat
        penilai, or for my sanggahan or decision as decider."""
        return run_page(pagination_parameters, views.tugas, args.get("sebagai"))


@blp.route("/<keberatan_id>")
class KeberatanById(MethodView):
    @login_required
    @blp.response(200, sc.KeberatanSchema)
    def get(self, keberatan_id):
        """One keberatan with the table before / asked / after and its history. The decider's
        first read sets `dibuka_atasan_at`."""
        run_command(alur.buka, keberatan_id)
        return run_query(views.keberatan, keberatan_id)


@blp.route("/<keberatan_id>/penjelasan")
class Penjelasan(MethodView):
    @login_required
    @blp.arguments(sc.PenjelasanInput)
    @blp.response(200, sc.KeberatanSchema)
    def post(self, data, keberatan_id):
        """PermenPAN chain: the pejabat penilai's explanation (DIAJUKAN -> DIJELASKAN)."""
        run_command(alur.penjelasan, keberatan_id, data["penjelasan"])
        return run_query(views.keberatan, keberatan_id)


@blp.route("/<keberatan_id>/sanggahan")
class Sanggahan(MethodView):
    @login_required
    @blp.arguments(sc.SanggahanInput)
    @blp.response(200, sc.KeberatanSchema)
    def post(self, data, keberatan_id):
        """DKI chain: first the atasan pejabat penilai's sanggahan (DIAJUKAN ->
        DISANGGAH_ATASAN), then the pejabat penilai's (-> DISANGGAH_PENILAI)."""
        run_command(alur.sanggahan, keberatan_id, data["sanggahan"])
        return run_query(views.keberatan, keberatan_id)


@blp.route("/<keberatan_id>/keputusan")
class Keputusan(MethodView):
    @login_required
    @blp.arguments(sc.KeputusanInput)
    @blp.response(200, sc.KeberatanSchema)
    def post(self, data, keberatan_id):
        """The decider's final decision (after the penjelasan, or after both sanggahan):
        DISETUJUI with new ratings (PermenPAN) or nilai perilaku (PP 30), or DITOLAK; publishes
        KeberatanDiputuskan. 403 for anyone but the decider, 409 when late, closed or the
        predikat has a newer revision."""
        run_command(alur.keputusan, keberatan_id, keputusan_=data.pop("keputusan"), **data)
        return run_query(views.keberatan, keberatan_id)


@blp.route("/<keberatan_id>/tarik")
class Tarik(MethodView):
    @login_required
    @blp.arguments(sc.TarikInput)
    @blp.response(200, sc.KeberatanSchema)
    def post(self, data, keberatan_id):
        """The pegawai withdraws the keberatan before a decision (DITARIK)."""
        run_command(alur.tarik, keberatan_id, data["alasan"])
        return run_query(views.keberatan, keberatan_id)
