"""Penilaian: list and read, realisasi, kirim, umpan balik, perilaku, rating, tetapkan and the
history of changes. Every write answers the penilaian (the body of GET /penilaian/{id}) and
publishes it (PenilaianDiperbarui, once per request)."""
from __future__ import annotations

from flask.views import MethodView

from kinerja_shared.auth.flask import login_required
from kinerja_shared.web.commands import run_command, run_query
from kinerja_shared.web.http import Blueprint, run_page, unpaged

from ... import views
from ...service_layer import pengisian, rating
from . import schemas as sc

blp = Blueprint("penilaian", __name__, url_prefix="/penilaian", description=(
    "Performance assessment per period: made when an SKP is approved, one per assessment "
    "period the SKP covers."))


@blp.route("")
class PenilaianList(MethodView):
    @login_required
    @blp.arguments(sc.PenilaianQuery, location="query")
    @blp.response(200, sc.PenilaianRingkasSchema(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """The penilaian the caller sees: their own, as pejabat penilai or as its atasan, or
        the whole instansi for an admin (`sebagai` narrows it), newest year first."""
        return run_page(pagination_parameters, views.daftar_penilaian, args)


@blp.route("/<penilaian_id>")
class PenilaianById(MethodView):
    @login_required
    @blp.response(200, sc.PenilaianSchema)
    def get(self, penilaian_id):
        """One penilaian: realisasi, feedback, perilaku, catatan perilaku, ratings, predikat,
        PP 30 values."""
        return run_query(views.penilaian, penilaian_id)


@blp.route("/<penilaian_id>/realisasi/<indikator_id>")
class Realisasi(MethodView):
    @login_required
    @blp.arguments(sc.RealisasiInput)
    @blp.response(200, sc.PenilaianSchema)
    def put(self, data, penilaian_id, indikator_id):
        """Realisasi of one indikator with links to evidence. The owning pegawai, while DRAFT,
        until the batas pengisian or its extension (409 `batas-pengisian-lewat` after it)."""
        run_command(pengisian.isi_realisasi, penilaian_id, indikator_id,
                    realisasi_=data["realisasi"], bukti_dukung=data["bukti_dukung"],
                    keterangan=data["keterangan"])
        return run_query(views.penilaian, penilaian_id)


@blp.route("/<penilaian_id>/kirim")
class Kirim(MethodView):
    @login_required
    @blp.response(200, sc.PenilaianSchema)
    def post(self, penilaian_id):
        """The owner sends the realisasi to the pejabat penilai (DRAFT -> DIKIRIM)."""
        run_command(pengisian.kirim, penilaian_id)
        return run_query(views.penilaian, penilaian_id)


@blp.route("/<penilaian_id>/umpan-balik/<indikator_id>")
class UmpanBalik(MethodView):
    @login_required
    @blp.arguments(sc.UmpanBalikInput)
    @blp.response(200, sc.PenilaianSchema)
    def put(self, data, penilaian_id, indikator_id):
        """The pejabat penilai's feedback on one indikator (DRAFT or DIKIRIM)."""
        run_command(pengisian.umpan_balik, penilaian_id, indikator_id, teks=data["umpan_balik"])
        return run_query(views.penilaian, penilaian_id)


@blp.route("/<penilaian_id>/perilaku/<aspek>")
class Perilaku(MethodView):
    @login_required
    @blp.arguments(sc.PerilakuInput)
    @blp.response(200, sc.PenilaianSchema)
    def put(self, data, penilaian_id, aspek):
        """Behaviour feedback by the penilai the SKP set for that aspect (atasan, rekan or
        bawahan); anybody else gets 404. Answers the penilaian as the caller may see it: a
        rekan or bawahan who sees the penilaian only for this gets who and which period, and
        the aspects they give feedback on."""
        run_command(pengisian.umpan_balik_perilaku_, penilaian_id, aspek.upper(),
                    teks=data["umpan_balik"])
        return run_query(views.penilaian, penilaian_id, juga_penilai_perilaku=True)


@blp.route("/<penilaian_id>/rating")
class Rating(MethodView):
    @login_required
    @blp.arguments(sc.RatingInput)
    @blp.response(200, sc.PenilaianSchema)
    def put(self, data, penilaian_id):
        """Ratings of hasil kerja and perilaku (pejabat penilai); the penilaian answered holds
        the predikat the PermenPAN-RB 6/2022 matrix gives. Breaking the pola distribusi: 422
        `justifikasi-diperlukan` without a justification, 409 `pola-distribusi-dilanggar`
        when the instansi blocks. The pimpinan of the organisation: his rating hasil kerja is
        the capaian organisasi's (409 when another is given)."""
        run_command(rating.beri_rating, penilaian_id,
                    rating_hasil_kerja=data["rating_hasil_kerja"],
                    rating_perilaku=data["rating_perilaku"], justifikasi=data["justifikasi"])
        return run_query(views.penilaian, penilaian_id)


@blp.route("/rating-massal")
class RatingMassal(MethodView):
    @login_required
    @blp.arguments(sc.RatingMassalInput)
    @blp.response(200, sc.RatingMassalResponse)
    def post(self, data):
        """Ratings of many penilaian at once (their pejabat penilai): each one's predikat and
        the resulting distribution of every unit against its pola. `dry_run: true` computes
        them (what-if) without saving. One missing penilaian is 404, one already set 409, and
        nothing is saved."""
        run = run_query if data["dry_run"] else run_command
        return run(rating.rating_massal, data["items"], dry_run=data["dry_run"],
                   justifikasi=data["justifikasi"])


@blp.route("/<penilaian_id>/tetapkan")
class Tetapkan(MethodView):
    @login_required
    @blp.response(200, sc.PenilaianSchema)
    def post(self, penilaian_id):
        """The pejabat penilai sets the predikat (-> DITETAPKAN); publishes PredikatDitetapkan
        and, for the final period, PredikatFinal, next to PenilaianDiperbarui as every write
        does."""
        run_command(rating.tetapkan, penilaian_id)
        return run_query(views.penilaian, penilaian_id)


@blp.route("/tetapkan-massal")
class TetapkanMassal(MethodView):
    @login_required
    @blp.arguments(sc.TetapkanMassalInput)
    @blp.response(200, sc.TetapkanMassalResponse)
    def post(self, data):
        """The pejabat penilai sets the predikat of many of his penilaian at once (the "Tetapkan
        semua" of a bulk rating): each as ``POST /penilaian/{id}/tetapkan`` would, with its own
        revisi, riwayat and events, in one transaction. One missing or not his is 404, one
        already set (or closed) or without a predikat 409, and nothing is set."""
        return run_command(rating.tetapkan_massal, data["penilaian_ids"])


@blp.route("/<penilaian_id>/riwayat")
class Riwayat(MethodView):
    @login_required
    @blp.response(200, sc.RiwayatSchema(many=True))
    @unpaged("the history of one penilaian")
    def get(self, penilaian_id):
        """Every change of rating, predikat, nilai, status, tugas tambahan, kreativitas,
        catatan perilaku and keberatan decisions: who, when, before, after, why."""
        return run_query(views.riwayat, penilaian_id)
