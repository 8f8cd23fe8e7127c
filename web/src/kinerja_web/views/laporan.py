"""Laporan and cetak (BKN manual §2.12; reporting's API): request an Excel report or a bulk
print of a unit induk as a job, follow its progress (htmx polls the job), download the file;
the documents of one SKP or penilaian as PDF (Rencana SKP, Dokumen Evaluasi Kinerja, the PP 30
form, the Matriks Peran Hasil of a unit); and the public verification page a document's QR code
points to.

The browser never holds a token, so files pass through the UI: a PDF is answered as reporting
issued it (with its verification code), a finished job's file is fetched from the signed link
reporting redirects to (an absolute link, such as an S3 presigned URL, is handed to the browser
as it is)."""
from __future__ import annotations

from urllib.parse import quote, urlparse

from flask import Blueprint, Response, abort, flash, g, redirect, request, url_for

from .. import format as fmt
from ..sesi import panggil_api, perlu_masuk
from .common import api, hasil, render

bp = Blueprint("laporan", __name__)

JENIS = {
    "RENCANA_SKP_TAHUNAN": "Rencana SKP tahunan",
    "PENILAIAN_SKP": "Penilaian SKP",
    "JUMLAH_TIM": "Jumlah tim (ketua dan anggota)",
    "KEPATUHAN": "Kepatuhan pengisian SKP",
}
# the status filter each report has (reporting's LaporanMinta)
STATUS = {
    "RENCANA_SKP_TAHUNAN": ("BELUM_ADA", "DRAFT", "DIAJUKAN", "DIKEMBALIKAN", "DISETUJUI"),
    "PENILAIAN_SKP": ("DRAFT", "DIKIRIM", "DITETAPKAN", "DITUTUP"),
    "KEPATUHAN": ("TANPA_SKP", "TANPA_REALISASI", "TANPA_RATING", "PATUH"),
}
JENIS_MASSAL = {"EVALUASI": "Dokumen evaluasi kinerja", "RENCANA_SKP": "Rencana SKP"}
JOB_LABEL = {"MENUNGGU": "Menunggu giliran", "BERJALAN": "Sedang diproses",
             "MENYUSUN": "Menyusun berkas zip", "SELESAI": "Selesai", "GAGAL": "Gagal"}
fmt.LABEL.update({"BELUM_ADA": "Belum ada SKP", "TANPA_SKP": "Tanpa SKP",
                  "TANPA_REALISASI": "Tanpa realisasi", "TANPA_RATING": "Belum dinilai",
                  "PATUH": "Patuh"})
# job kinds: where reporting keeps them
JOB = {"laporan": "/laporan", "massal": "/cetak/massal"}


@bp.app_template_filter("status_job")
def status_job(value) -> str:
    return JOB_LABEL.get(value) or fmt.label(value)


def _pilihan():
    """The periods of the year and the units of the user's instansi, for the selects."""
    tahun = request.values.get("tahun") or str(fmt.tahun_ini())
    iid = g.pengguna.instansi_id
    periode = api("GET", "identity", "/periode", params={"instansi_id": iid, "tahun": tahun,
                                                         "page_size": 100})
    unor = api("GET", "identity", "/unor", params={"instansi_id": iid, "page_size": 500})
    # the latest report requests the user may see (his own; an admin's instansi's)
    sebelumnya = api("GET", "reporting", "/laporan", params={"page_size": 10})
    return {"tahun": tahun, "periode": periode.body if periode.ok else [],
            "unor": sorted(unor.body if unor.ok else [], key=lambda u: u.get("nama") or ""),
            "JENIS": JENIS, "STATUS": STATUS, "JENIS_MASSAL": JENIS_MASSAL,
            "sebelumnya": sebelumnya.body if sebelumnya.ok else [],
            "sebelumnya_total": sebelumnya.paging.get("total", 0) if sebelumnya.ok else 0}


@bp.route("/laporan", methods=["GET", "POST"], endpoint="daftar")
@perlu_masuk
def minta():
    if request.method == "GET":
        return render("laporan/minta.html", **_pilihan())
    f = request.form
    massal = f.get("form") == "massal"
    if massal:
        body = {"jenis": f.get("jenis") or None, "unor_induk_id": f.get("unor_induk_id") or None,
                "tahun": f.get("tahun") or None, "periode_id": f.get("periode_id") or None}
    else:
        body = {k: (f.get(k) or None) for k in ("jenis", "tahun", "periode_id", "unor_id",
                                                "unor_induk_id", "status")}
    j = api("POST", "reporting", JOB["massal" if massal else "laporan"], json=body)
    if hasil(j, "Permintaan diterima; berkas sedang disiapkan."):
        return redirect(url_for("laporan.job", jenis="massal" if massal else "laporan",
                                job_id=j.body["id"]))
    return render("laporan/minta.html", 422 if j.status == 422 else j.status, **_pilihan())


@bp.get("/laporan/<jenis>/<job_id>")
@perlu_masuk
def job(jenis, job_id):
    if jenis not in JOB:
        abort(404)
    j = api("GET", "reporting", f"{JOB[jenis]}/{job_id}")
    if j.status in (403, 404):
        abort(j.status)
    if not j.ok:
        if request.headers.get("HX-Request"):  # busy a moment (the embedded mode's database)
            return render("laporan/_sibuk.html", jenis=jenis, job_id=job_id)
        abort(502)
    x = j.body
    ctx = {"x": x, "jenis": jenis, "JENIS": {**JENIS, **JENIS_MASSAL}}
    if request.headers.get("HX-Request"):
        return render("laporan/_progres.html", **ctx)
    return render("laporan/job.html", **ctx)


@bp.get("/laporan/<jenis>/<job_id>/unduh")
@perlu_masuk
def unduh(jenis, job_id):
    if jenis not in JOB:
        abort(404)
    j = panggil_api("GET", "reporting", f"{JOB[jenis]}/{job_id}/berkas", redirect=False)
    if j.status in (403, 404):
        abort(404)
    if j.status != 303:
        flash(j.detail, "galat")
        return redirect(url_for("laporan.job", jenis=jenis, job_id=job_id))
    lokasi = j.headers.get("Location") or ""
    if urlparse(lokasi).scheme in ("http", "https"):
        return redirect(lokasi)  # a presigned link of the object store: the link is the key
    # reporting's own signed link (local storage): fetched here, the browser has no way in
    path = lokasi.split("/api/reporting", 1)[-1] if lokasi.startswith("/api/") else lokasi
    isi = panggil_api("GET", "reporting", path, token=None)
    if not isi.ok:
        abort(404)
    return _berkas(isi, "application/octet-stream")


def _berkas(j, mimetype: str, inline: bool = False) -> Response:
    resp = Response(j.raw, mimetype=j.headers.get("Content-Type") or mimetype)
    disp = j.headers.get("Content-Disposition")
    if disp and not inline:
        disp = disp.replace("inline;", "attachment;")
    resp.headers["Content-Disposition"] = disp or "attachment"
    for h in ("X-Kode-Verifikasi", "X-Dokumen-SHA256"):
        if j.headers.get(h):
            resp.headers[h] = j.headers[h]
    return resp


# -- documents (PDF) --------------------------------------------------------------------------

CETAK = {
    "rencana": ("/cetak/skp/{id}/rencana.pdf", "skp.detail", "skp_id"),
    "evaluasi": ("/cetak/penilaian/{id}/evaluasi.pdf", "penilaian.detail", "penilaian_id"),
    "form-pp30": ("/cetak/penilaian/{id}/form.pdf", "penilaian.detail", "penilaian_id"),
    "konversi": ("/cetak/angka-kredit/{id}/konversi.pdf", "angka_kredit.detail",
                 "angka_kredit_id"),
    "akumulasi": ("/cetak/angka-kredit/{id}/akumulasi.pdf", "angka_kredit.detail",
                  "angka_kredit_id"),
    "pak": ("/cetak/angka-kredit/{id}/pak.pdf", "angka_kredit.detail", "angka_kredit_id"),
}


@bp.get("/cetak/<dokumen>/<obj_id>.pdf")
@perlu_masuk
def cetak(dokumen, obj_id):
    if dokumen not in CETAK:
        abort(404)
    path, kembali, arg = CETAK[dokumen]
    j = api("GET", "reporting", path.format(id=quote(obj_id, safe="")))
    if j.status in (403, 404):
        abort(j.status)
    if not j.ok:  # e.g. 409: the SKP is not approved yet
        flash(j.detail, "galat")
        return redirect(url_for(kembali, **{arg: obj_id}))
    return _berkas(j, "application/pdf", inline=True)


@bp.get("/cetak/mph.pdf")
@perlu_masuk
def cetak_mph():
    """The Matriks Peran Hasil of a unit (``unor_id``) for a year: from the form of the
    laporan page."""
    unor_id = request.args.get("unor_id") or ""
    tahun = request.args.get("tahun") or fmt.tahun_ini()
    if not unor_id:
        flash("Pilih unit kerja untuk mencetak Matriks Peran Hasil.", "galat")
        return redirect(url_for("laporan.daftar", tahun=tahun))
    j = api("GET", "reporting", f"/cetak/mph/{quote(unor_id, safe='')}.pdf",
            params={"tahun": tahun})
    if j.status in (403, 404):
        abort(j.status)
    if not j.ok:
        flash(j.detail, "galat")
        return redirect(url_for("laporan.daftar"))
    return _berkas(j, "application/pdf", inline=True)


# -- verification (public) --------------------------------------------------------------------

@bp.route("/verifikasi", methods=["GET"])
def verifikasi_cari():
    kode = (request.args.get("kode") or "").strip().upper()
    if kode:
        return redirect(url_for("laporan.verifikasi", kode=kode))
    return render("laporan/verifikasi.html", d=None, kode="", periksa=None)


@bp.route("/verifikasi/<kode>", methods=["GET", "POST"])
def verifikasi(kode):
    j = panggil_api("GET", "reporting", f"/verifikasi/{quote(kode, safe='')}", token=None)
    if j.status == 404:
        return render("laporan/verifikasi.html", 404, d=None, kode=kode, periksa=None,
                      tidak_ada=True)
    if not j.ok:
        abort(502)
    periksa = None
    if request.method == "POST":
        berkas = request.files.get("berkas")
        if berkas is None or not berkas.filename:
            g.errors = {"berkas": ["Pilih berkas PDF yang akan diperiksa."]}
        else:
            p = panggil_api("POST", "reporting", f"/verifikasi/{quote(kode, safe='')}",
                            token=None, files={"berkas": (berkas.filename, berkas.read(),
                                                          "application/pdf")})
            if p.ok:
                periksa = p.body
            else:
                g.errors = p.errors or {"berkas": [p.detail]}
    return render("laporan/verifikasi.html", d=j.body, kode=kode, periksa=periksa)
