"""Penilaian: list and read, realisasi, kirim, umpan balik, perilaku, rating, tetapkan and the
history of changes."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from kinerja_shared.auth import current_principal, login_required
from kinerja_shared.runtime import current_runtime

from ... import views
from ...service_layer import akses, muat, pengisian, rating
from ..common import pagination_header
from . import schemas as sc

blp = Blueprint("penilaian", __name__, description=(
    "Penilaian kinerja per periode: dibuat saat SKP disetujui, satu per periode penilaian."))


def detail(penilaian_id: str) -> dict:
    with current_runtime().uow() as uow:
        pen = muat.penilaian_row(uow.session, penilaian_id)
        return views.penilaian_detail(uow.session, pen, current_principal())


def _act(penilaian_id: str, check, action) -> object:
    """Load (locked), check the caller, run ``action(uow, pen)``, commit."""
    p = current_principal()
    with current_runtime().uow() as uow:
        pen = muat.penilaian_row(uow.session, penilaian_id, for_update=True)
        check(p, pen)
        result = action(uow, pen)
        uow.commit()
    return result


@blp.route("/penilaian")
class PenilaianList(MethodView):
    @login_required
    @blp.arguments(sc.PenilaianQuery, location="query")
    @blp.response(200, sc.PenilaianRingkasSchema(many=True))
    def get(self, args):
        """Daftar penilaian yang terlihat: milik sendiri, sebagai pejabat penilai atau atasannya,
        atau seluruh instansi bagi admin. Filter: skp_id, pegawai_id, tahun, periode_id, unor_id,
        status, predikat, sebagai. Paging: page, page_size, header X-Pagination."""
        page, size = args.pop("page"), args.pop("page_size")
        with current_runtime().uow() as uow:
            items, total = views.daftar_penilaian(uow.session, current_principal(), args, page, size)
        return items, 200, pagination_header(total, page, size)


@blp.route("/penilaian/<penilaian_id>")
class PenilaianById(MethodView):
    @login_required
    @blp.response(200, sc.PenilaianSchema)
    def get(self, penilaian_id):
        """Satu penilaian: realisasi, umpan balik, perilaku, rating, predikat, nilai PP 30."""
        with current_runtime().uow() as uow:
            pen = muat.penilaian_row(uow.session, penilaian_id)
            akses.pastikan_terlihat(current_principal(), pen)
            return views.penilaian_detail(uow.session, pen, current_principal())


@blp.route("/penilaian/<penilaian_id>/realisasi/<indikator_id>")
class Realisasi(MethodView):
    @login_required
    @blp.arguments(sc.RealisasiInput)
    @blp.response(200, sc.PenilaianSchema)
    def put(self, data, penilaian_id, indikator_id):
        """Realisasi satu indikator dengan tautan bukti dukung (pegawai pemilik, status DRAFT,
        sebelum batas pengisian atau perpanjangannya; 409 setelahnya)."""
        _act(penilaian_id, akses.pastikan_pemilik, lambda uow, pen: pengisian.isi_realisasi(
            uow, pen, indikator_id, realisasi_=data["realisasi"],
            bukti_dukung=data["bukti_dukung"], keterangan=data["keterangan"]))
        return detail(penilaian_id)


@blp.route("/penilaian/<penilaian_id>/kirim")
class Kirim(MethodView):
    @login_required
    @blp.response(200, sc.PenilaianSchema)
    def post(self, penilaian_id):
        """Kirim realisasi ke pejabat penilai (DRAFT → DIKIRIM)."""
        p = current_principal()
        _act(penilaian_id, akses.pastikan_pemilik,
             lambda uow, pen: pengisian.kirim(uow, pen, oleh=p.pegawai_id))
        return detail(penilaian_id)


@blp.route("/penilaian/<penilaian_id>/umpan-balik/<indikator_id>")
class UmpanBalik(MethodView):
    @login_required
    @blp.arguments(sc.UmpanBalikInput)
    @blp.response(200, sc.PenilaianSchema)
    def put(self, data, penilaian_id, indikator_id):
        """Umpan balik pejabat penilai atas satu indikator."""
        p = current_principal()
        _act(penilaian_id, akses.pastikan_pejabat_penilai, lambda uow, pen: pengisian.umpan_balik(
            uow, pen, indikator_id, teks=data["umpan_balik"], oleh=p.pegawai_id))
        return detail(penilaian_id)


@blp.route("/penilaian/<penilaian_id>/perilaku/<aspek>")
class Perilaku(MethodView):
    @login_required
    @blp.arguments(sc.PerilakuInput)
    @blp.response(200, sc.PerilakuSchema(many=True))
    def put(self, data, penilaian_id, aspek):
        """Umpan balik perilaku oleh penilai yang ditetapkan SKP untuk aspek itu (atasan, rekan
        atau bawahan); selain dia 404."""
        p = current_principal()

        def check(principal, pen):
            akses.pastikan_terlihat(principal, pen, juga_penilai_perilaku=True)

        _act(penilaian_id, check, lambda uow, pen: pengisian.umpan_balik_perilaku_(
            uow, pen, aspek.upper(), teks=data["umpan_balik"], oleh=p.pegawai_id, nama=p.nama))
        with current_runtime().uow() as uow:
            pen = muat.penilaian_row(uow.session, penilaian_id)
            return [x for x in views.perilaku(uow.session, pen, p) if x["aspek"] == aspek.upper()]


@blp.route("/tugas-perilaku")
class TugasPerilaku(MethodView):
    @login_required
    @blp.arguments(sc.TugasPerilakuQuery, location="query")
    @blp.response(200, sc.TugasPerilakuSchema(many=True))
    def get(self, args):
        """Aspek perilaku yang harus saya beri umpan balik (sebagai atasan, rekan, bawahan)."""
        with current_runtime().uow() as uow:
            return views.tugas_perilaku(uow.session, current_principal(), args["tahun"])


@blp.route("/penilaian/<penilaian_id>/rating")
class Rating(MethodView):
    @login_required
    @blp.arguments(sc.RatingInput)
    @blp.response(200, sc.RatingResponse)
    def put(self, data, penilaian_id):
        """Rating hasil kerja dan perilaku (pejabat penilai); jawabannya predikat menurut matriks
        PermenPAN-RB 6/2022. Melanggar pola distribusi: 422 tanpa justifikasi, 409 bila instansi
        memblokir. Pimpinan organisasi: rating hasil kerja = capaian organisasi."""
        p = current_principal()
        h, dist = _act(penilaian_id, akses.pastikan_pejabat_penilai,
                       lambda uow, pen: rating.beri_rating(
                           uow, pen, oleh=p.pegawai_id, rating_hasil_kerja=data["rating_hasil_kerja"],
                           rating_perilaku=data["rating_perilaku"], justifikasi=data["justifikasi"]))
        return {**h.__dict__, "distribusi": [d.to_dict() for d in dist],
                "penilaian": detail(penilaian_id)}


@blp.route("/penilaian/rating-massal")
class RatingMassal(MethodView):
    @login_required
    @blp.arguments(sc.RatingMassalInput)
    @blp.response(200, sc.RatingMassalResponse)
    def post(self, data):
        """Rating banyak bawahan sekaligus (pejabat penilai). ``dry_run: true`` menghitung
        predikat dan distribusi hasilnya terhadap pola (what-if) tanpa menyimpan."""
        p = current_principal()
        with current_runtime().uow() as uow:
            ids = [i["penilaian_id"] for i in data["items"]]
            pens = muat.penilaian_rows(uow.session, ids, for_update=True)
            for pen in pens:
                akses.pastikan_pejabat_penilai(p, pen)
            hasil, dist = rating.rating_massal(uow, pens, data["items"], oleh=p.pegawai_id,
                                               dry_run=data["dry_run"],
                                               justifikasi=data["justifikasi"])
            if not data["dry_run"]:
                uow.commit()
        dists = [d.to_dict() for d in dist]
        return {"dry_run": data["dry_run"], "hasil": [h.__dict__ for h in hasil],
                "distribusi": dists, "sesuai": all(d["sesuai"] for d in dists)}


@blp.route("/penilaian/<penilaian_id>/tetapkan")
class Tetapkan(MethodView):
    @login_required
    @blp.response(200, sc.PenilaianSchema)
    def post(self, penilaian_id):
        """Tetapkan predikat (pejabat penilai): DITETAPKAN, menerbitkan PredikatDitetapkan dan,
        pada periode final, PredikatFinal."""
        p = current_principal()
        _act(penilaian_id, akses.pastikan_pejabat_penilai,
             lambda uow, pen: rating.tetapkan(uow, pen, oleh=p.pegawai_id))
        return detail(penilaian_id)


@blp.route("/penilaian/<penilaian_id>/riwayat")
class Riwayat(MethodView):
    @login_required
    @blp.response(200, sc.RiwayatSchema(many=True))
    def get(self, penilaian_id):
        """Riwayat setiap perubahan rating, predikat, nilai, status, tugas tambahan, kreativitas,
        catatan perilaku dan keputusan keberatan: siapa, kapan, sebelum, sesudah, alasan."""
        with current_runtime().uow() as uow:
            pen = muat.penilaian_row(uow.session, penilaian_id)
            akses.pastikan_terlihat(current_principal(), pen)
            return views.riwayat_penilaian(uow.session, penilaian_id)
