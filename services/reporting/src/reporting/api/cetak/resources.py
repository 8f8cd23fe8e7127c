"""PDF documents, each verifiable by its QR code, and bulk prints as jobs."""
from __future__ import annotations

from flask import url_for
from flask.views import MethodView

from kinerja_shared.auth.flask import login_required
from kinerja_shared.web.commands import run_command, run_query, run_read
from kinerja_shared.web.http import Blueprint

from ...service_layer import cetak, cetak_massal, laporan
from ..common import LOCATION, JobSchema, comp, job_args, kirim, pdf_response, redirect
from . import schemas as sc

blp = Blueprint("cetak", __name__, url_prefix="/cetak", description=(
    "PDF documents laid out as BKN prints them (A4, Indonesian), each with a QR code and a "
    "verification code; bulk prints of a unit induk as a zip."))

PDF = {"content_type": "application/pdf",
       "description": "The PDF; headers X-Kode-Verifikasi and X-Dokumen-SHA256 name it."}


def _opsi(args) -> cetak.Opsi:
    return cetak.Opsi(**{k: args.get(k) for k in ("tanggal", "lokasi", "anchor_pegawai",
                                                  "anchor_penilai")})


@blp.route("/skp/<skp_id>/rencana.pdf")
class RencanaSkp(MethodView):
    @login_required
    @blp.arguments(sc.OpsiCetak, location="query")
    @blp.response(200, **PDF)
    def get(self, args, skp_id):
        """Rencana SKP (JPT or JF/JA) with perilaku, ekspektasi, signatures and the lampiran
        (manual indikator); 409 before the SKP was approved.

        The pegawai, his pejabat penilai and atasan pejabat penilai, and admins of the
        instansi; anyone else 404."""
        return pdf_response(run_command(cetak.rencana_skp, comp(), skp_id, _opsi(args)))


@blp.route("/penilaian/<penilaian_id>/evaluasi.pdf")
class Evaluasi(MethodView):
    @login_required
    @blp.arguments(sc.OpsiCetak, location="query")
    @blp.response(200, **PDF)
    def get(self, args, penilaian_id):
        """Dokumen Evaluasi Kinerja Pegawai (periodic, or annual for the final period): hasil
        kerja with realisasi and feedback, perilaku, ratings, predikat, the capaian
        organisasi and the distribution of predikat in the unit induk.

        The pegawai, his pejabat penilai and atasan pejabat penilai, and admins of the
        instansi; anyone else 404."""
        return pdf_response(run_command(cetak.evaluasi, comp(), penilaian_id, _opsi(args)))


@blp.route("/penilaian/<penilaian_id>/form.pdf")
class FormPp30(MethodView):
    @login_required
    @blp.arguments(sc.OpsiCetak, location="query")
    @blp.response(200, **PDF)
    def get(self, args, penilaian_id):
        """The PP 30/2019 penilaian form (DKI, fields 1-8) and the kegiatan measured; 409 for
        a penilaian of another model.

        The pegawai, his pejabat penilai and atasan pejabat penilai, and admins of the
        instansi; anyone else 404."""
        return pdf_response(run_command(cetak.form_pp30, comp(), penilaian_id, _opsi(args)))


@blp.route("/angka-kredit/<angka_kredit_id>/konversi.pdf")
class KonversiAk(MethodView):
    @login_required
    @blp.arguments(sc.OpsiCetakAk, location="query")
    @blp.response(200, **PDF)
    def get(self, args, angka_kredit_id):
        """KONVERSI PREDIKAT KINERJA KE ANGKA KREDIT of an AK row (Peraturan BKN 3/2023): the
        pegawai's particulars, the months, predikat, persentase, koefisien and the angka kredit
        (three decimals); 409 for an integrasi row.

        The pegawai, the pejabat penilai and atasan pejabat penilai of its predikat, and
        admins of the instansi; anyone else 404. 409 for a cancelled row."""
        return pdf_response(run_command(cetak.angka_kredit, comp(), angka_kredit_id,
                                        cetak.AK_KONVERSI, _opsi(args)))


@blp.route("/angka-kredit/<angka_kredit_id>/akumulasi.pdf")
class AkumulasiAk(MethodView):
    @login_required
    @blp.arguments(sc.OpsiCetakAk, location="query")
    @blp.response(200, **PDF)
    def get(self, args, angka_kredit_id):
        """AKUMULASI ANGKA KREDIT up to an AK row: every row counted in the jenjang (the
        integrasi, then each konversi), the cumulative total, what the next pangkat and
        jenjang need and the excess or shortfall, and the conclusion.

        The pegawai, the pejabat penilai and atasan pejabat penilai of its predikat, and
        admins of the instansi; anyone else 404. 409 for a cancelled row."""
        return pdf_response(run_command(cetak.angka_kredit, comp(), angka_kredit_id,
                                        cetak.AK_AKUMULASI, _opsi(args)))


@blp.route("/angka-kredit/<angka_kredit_id>/pak.pdf")
class Pak(MethodView):
    @login_required
    @blp.arguments(sc.OpsiCetakAk, location="query")
    @blp.response(200, **PDF)
    def get(self, args, angka_kredit_id):
        """PENETAPAN ANGKA KREDIT (PAK) of an approved or signed AK row: particulars, table II
        (lama, baru, jumlah), kebutuhan and selisih for pangkat and jenjang, the conclusion, and
        the signature as the instansi's template of the signing method has it (kop, title,
        tembusan; TTE anchor ``#ttd_penandatangan#`` or the space of a wet signature); 409
        before approval.

        The pegawai, the pejabat penilai and atasan pejabat penilai of its predikat, and
        admins of the instansi; anyone else 404. 409 for a cancelled row."""
        return pdf_response(run_command(cetak.angka_kredit, comp(), angka_kredit_id, cetak.PAK,
                                        _opsi(args)))


@blp.route("/mph/<unor_id>.pdf")
class Mph(MethodView):
    @login_required
    @blp.arguments(sc.OpsiMph, location="query")
    @blp.response(200, **PDF)
    def get(self, args, unor_id):
        """Matriks Peran Hasil of a unit for a year (landscape): admins of the instansi and the
        unit's pimpinan; anyone else 404."""
        return pdf_response(run_command(cetak.mph, comp(), unor_id, args["tahun"], _opsi(args)))


@blp.route("/massal")
class MassalMinta(MethodView):
    @login_required
    @blp.arguments(sc.MassalMinta)
    @blp.response(202, JobSchema, headers=LOCATION)
    def post(self, data):
        """Start a bulk print of a unit induk: 202 with the job's Location. Admins of the
        instansi (a pimpinan for the units he leads); 503 with Retry-After when the job queue
        cannot take the job."""
        job_id = kirim(run_query(cetak_massal.periksa, **data))
        body = run_query(cetak_massal.lihat, comp().runner, comp().storage, job_id,
                         **job_args())
        return body, 202, {"Location": url_for("cetak.MassalById", job_id=job_id)}


@blp.route("/massal/<job_id>")
class MassalById(MethodView):
    @login_required
    @blp.response(200, JobSchema)
    def get(self, job_id):
        """The bulk print: documents done of total, an estimate, the zip's signed link once
        done. Who asked for it and admins of its instansi; anyone else 404."""
        return run_read(cetak_massal.lihat, comp().runner, comp().storage, job_id,
                         **job_args())


@blp.route("/massal/<job_id>/berkas")
class MassalBerkas(MethodView):
    @login_required
    @blp.response(303, description="Redirect to the signed, expiring download link.")
    def get(self, job_id):
        """Download the zip: 303 to its signed link (409 while not ready)."""
        return redirect(run_read(laporan.tautan, comp().runner, comp().storage, job_id,
                                  jenis=(cetak_massal.JOB,), **job_args()))
