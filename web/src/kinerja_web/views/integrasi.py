"""SIASN and PMM for the admin_instansi (BKN manual §2.8-2.10, §2.13; integration's API): the
instansi's SIASN id, pulls of unor and pegawai as jobs with their per-record results, pushes of
predikat and angka kredit with the preview of exactly what would be sent, the retry of what
failed, the conflicts a pull left (identity's ``/siasn-konflik``), and the PMM sync log."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for

from .. import format as fmt
from ..sesi import perlu_admin
from .common import api, daftar, hasil, render
from .saringan import daftar_tersaring

bp = Blueprint("integrasi", __name__, url_prefix="/integrasi")

# job kinds: where integration keeps them
JENIS = {"tarik": "/siasn/sinkron", "predikat": "/siasn/sinkron-predikat",
         "angka-kredit": "/siasn/sinkron-angka-kredit"}
JUDUL = {"tarik": "Tarik data dari SIASN", "predikat": "Kirim predikat kinerja ke SIASN",
         "angka-kredit": "Kirim angka kredit ke SIASN"}
JENIS_TARIK = {"UNOR_DAN_PEGAWAI": "Unit organisasi dan pegawai", "UNOR": "Unit organisasi",
               "PEGAWAI": "Pegawai"}
SEDANG = ("MENUNGGU", "BERJALAN")
fmt.LABEL.update({
    "MENUNGGU": "Menunggu antrean", "BERJALAN": "Berjalan", "SELESAI": "Selesai",
    "GAGAL": "Gagal", "BERHASIL": "Berhasil", "TAMBAH": "Tambah", "UBAH": "Ubah",
    "HAPUS": "Hapus", "TERBUKA": "Belum diputuskan", "DITERIMA": "Nilai SIASN diterima",
    "UNOR_DAN_PEGAWAI": "Unit organisasi dan pegawai", "GURU": "Guru",
    "KEPALA_SEKOLAH": "Kepala sekolah", "skp22": "Predikat tahunan",
    "kinerjaperiodik": "Predikat periodik", "angkakredit": "Angka kredit",
})


@bp.route("/siasn", methods=["GET", "POST"])
@perlu_admin
def siasn():
    status = 200
    if request.method == "POST":
        f = request.form
        if f.get("form") == "pengaturan":
            j = api("PUT", "integration", "/pengaturan",
                    json={"siasn_instansi_id": f.get("siasn_instansi_id", "").strip() or None})
            if hasil(j, "Pengaturan SIASN disimpan."):
                return redirect(url_for("integrasi.siasn"))
        else:
            j = api("POST", "integration", JENIS["tarik"], json={"jenis": f.get("jenis") or None})
            if hasil(j, "Penarikan data dari SIASN masuk antrean."):
                return redirect(url_for("integrasi.job", jenis="tarik", sinkron_id=j.body["id"]))
        status = 422 if j.status == 422 else j.status
    peng = api("GET", "integration", "/pengaturan")
    tarik, paging = daftar("integration", JENIS["tarik"], page_size=10)
    kirim = {k: daftar("integration", JENIS[k], page_size=5)[0]
             for k in ("predikat", "angka-kredit")}
    return render("integrasi/siasn.html", status, pengaturan=peng.body if peng.ok else {},
                  tarik=tarik, paging=paging, kirim=kirim, JENIS_TARIK=JENIS_TARIK,
                  JUDUL=JUDUL)


@bp.route("/siasn/kirim", methods=["GET", "POST"])
@perlu_admin
def kirim():
    f = request.values
    jenis = f.get("jenis") if f.get("jenis") in ("predikat", "angka-kredit") else "predikat"
    tahun = f.get("tahun") or str(fmt.tahun_ini())
    pratinjau, status = None, 200
    if request.method == "POST":
        lihat = request.form.get("aksi") != "kirim"
        j = api("POST", "integration", JENIS[jenis], json={"tahun": tahun or None,
                                                           "pratinjau": lihat})
        if j.ok and lihat:
            pratinjau = j.body
        elif hasil(j, f"{JUDUL[jenis]} masuk antrean."):
            return redirect(url_for("integrasi.job", jenis=jenis, sinkron_id=j.body["id"]))
        else:
            if j.status == 429 and j.headers.get("Retry-After"):
                jam = max(1, round(int(j.headers["Retry-After"]) / 3600))
                flash(f"Pengiriman berikutnya dapat dilakukan dalam sekitar {jam} jam "
                      "(sekali sehari per jenis data).", "peringatan")
            status = 422 if j.status == 422 else 200
    return render("integrasi/kirim.html", status, jenis=jenis, tahun=tahun,
                  pratinjau=pratinjau, JUDUL=JUDUL)


def _job(jenis: str, sinkron_id: str) -> dict:
    if jenis not in JENIS:
        abort(404)
    j = api("GET", "integration", f"{JENIS[jenis]}/{sinkron_id}")
    if j.status in (403, 404):
        abort(j.status)
    if not j.ok:
        abort(502)
    return j.body


@bp.get("/siasn/<jenis>/<sinkron_id>")
@perlu_admin
def job(jenis, sinkron_id):
    x = _job(jenis, sinkron_id)
    ctx = {"x": x, "jenis": jenis, "SEDANG": SEDANG, "JUDUL": JUDUL}
    if request.headers.get("HX-Request"):
        return render("integrasi/_status.html", **ctx)
    st = request.args.get("status", "")
    items, paging, errors = daftar_tersaring(
        "integration", f"{JENIS[jenis]}/{sinkron_id}/item",
        {"status": st if st in ("MENUNGGU", "BERHASIL", "GAGAL") else ""})
    return render("integrasi/job.html", items=items, paging=paging, status_filter=st, **ctx)


@bp.post("/siasn/<jenis>/<sinkron_id>/ulangi-gagal")
@perlu_admin
def ulangi(jenis, sinkron_id):
    if jenis not in ("predikat", "angka-kredit"):
        abort(404)
    j = api("POST", "integration", f"{JENIS[jenis]}/{sinkron_id}/ulangi-gagal")
    if hasil(j, "Yang gagal dikirim ulang; hasilnya di bawah."):
        return redirect(url_for("integrasi.job", jenis=jenis, sinkron_id=j.body["id"]))
    return redirect(url_for("integrasi.job", jenis=jenis, sinkron_id=sinkron_id))


# -- conflicts a pull left (identity) ----------------------------------------------------------

@bp.get("/siasn/konflik")
@perlu_admin
def konflik():
    st = request.args.get("status", "TERBUKA")
    items, paging, errors = daftar_tersaring("identity", "/siasn-konflik", {
        "status": st if st in ("TERBUKA", "DITERIMA", "DITOLAK") else ""})
    return render("integrasi/konflik.html", items=items, paging=paging, status_filter=st)


@bp.post("/siasn/konflik/<konflik_id>/<aksi>")
@perlu_admin
def putuskan_konflik(konflik_id, aksi):
    if aksi not in ("terima", "tolak"):
        abort(404)
    j = api("POST", "identity", f"/siasn-konflik/{konflik_id}/{aksi}")
    hasil(j, "Nilai SIASN diterapkan." if aksi == "terima" else "Nilai instansi dipertahankan.")
    return redirect(url_for("integrasi.konflik"))


# -- PMM -------------------------------------------------------------------------------------

FILTER_PMM = ("nip", "nama", "status", "tipe_skp")


@bp.route("/pmm", methods=["GET", "POST"])
@perlu_admin
def pmm():
    if request.method == "POST":
        j = api("POST", "integration", "/pmm/sinkron", json={})
        if hasil(j, "Sinkronisasi PMM seluruh guru masuk antrean."):
            return redirect(url_for("integrasi.pmm", sinkron=j.body["id"]))
    args = {k: request.args.get(k, "").strip() for k in FILTER_PMM}
    items, paging, errors = daftar_tersaring("integration", "/pmm/log", args)
    job = None
    if request.args.get("sinkron"):
        j = api("GET", "integration", f"/pmm/sinkron/{request.args['sinkron']}")
        job = j.body if j.ok else None
    return render("integrasi/pmm.html", items=items, paging=paging, args=args, errors=errors,
                  nilai=args, job=job, SEDANG=SEDANG)
