"""Keberatan (objections to a set predikat; BKN manual §2.7, DKI form fields 5-8): the pegawai
files one on a DITETAPKAN penilaian, follows its status and timeline and the nilai sebelum /
diminta / sesudah table, withdraws it; the pejabat penilai's penjelasan (or the DKI
sanggahan); the decider's sanggahan and keputusan; the admin's monitoring list with counts per
status. Everything through keberatan's API (`/keberatan`)."""
from __future__ import annotations

from flask import Blueprint, abort, g, redirect, request, url_for

from .. import format as fmt
from ..sesi import perlu_admin, perlu_masuk
from .common import ambil, api, daftar, hasil, render
from .pilih import nama_unor
from .saringan import daftar_tersaring

bp = Blueprint("keberatan", __name__, url_prefix="/keberatan")

STATUS = ("DIAJUKAN", "DIJELASKAN", "DISANGGAH_ATASAN", "DISANGGAH_PENILAI", "DISETUJUI",
          "DITOLAK", "DITARIK", "TERLAMBAT")
TERBUKA = ("DIAJUKAN", "DIJELASKAN", "DISANGGAH_ATASAN", "DISANGGAH_PENILAI")
ASPEK_PP30 = ("ORIENTASI_PELAYANAN", "KOMITMEN", "INISIATIF_KERJA", "KERJA_SAMA",
              "KEPEMIMPINAN")
# the words of the manuals for keberatan's values (added to the shared labels)
fmt.LABEL.update({
    "DIJELASKAN": "Sudah dijelaskan pejabat penilai",
    "DISANGGAH_ATASAN": "Disanggah atasan pejabat penilai",
    "DISANGGAH_PENILAI": "Disanggah pejabat penilai",
    "DITOLAK": "Ditolak",
    "DITARIK": "Ditarik",
    "TERLAMBAT": "Terlambat",
    "PEJABAT_PENILAI": "Pejabat penilai",
    "PEMUTUS": "Atasan pejabat penilai (pemutus)",
    "SISTEM": "Sistem",
    "DIBUKA": "Dibuka atasan pejabat penilai",
    "PENJELASAN": "Penjelasan pejabat penilai",
    "SANGGAHAN_ATASAN": "Sanggahan atasan pejabat penilai",
    "SANGGAHAN_PENILAI": "Sanggahan pejabat penilai",
    "KEPUTUSAN": "Keputusan",
    "PEMUTUS_BERUBAH": "Pemutus berubah",
    "PREDIKAT_DIREVISI": "Predikat direvisi",
    "ATASAN_PEJABAT_PENILAI": "Atasan pejabat penilai",
    "PENGATURAN": "Ditunjuk dalam pengaturan instansi",
    "DKI": "DKI (sanggahan atasan dan pejabat penilai)",
    "ORIENTASI_PELAYANAN": "Orientasi Pelayanan",
    "KOMITMEN": "Komitmen",
    "INISIATIF_KERJA": "Inisiatif Kerja",
    "KERJA_SAMA": "Kerja Sama",
    "KEPEMIMPINAN": "Kepemimpinan",
})


STATUS_LABEL = {"DIAJUKAN": "Diajukan"}
AKSI_LABEL = {"DIAJUKAN": "Keberatan diajukan", "KEPUTUSAN": "Keputusan ditetapkan",
              "DITARIK": "Keberatan ditarik"}


@bp.app_template_filter("aksi_keberatan")
def aksi_keberatan(value) -> str:
    return AKSI_LABEL.get(value) or fmt.label(value)


@bp.app_template_filter("batas_terakhir")
def batas_terakhir(value) -> str:
    """The window ends at the midnight starting the day after the last day: shown as the last
    minute of that day (``20 Desember 2026 pukul 23.59 WIB``)."""
    from datetime import datetime, timedelta
    try:
        d = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return fmt.waktu(value)
    return fmt.waktu(d - timedelta(seconds=1))


@bp.app_template_filter("status_keberatan")
def status_keberatan(value) -> str:
    """A keberatan's status in the manual's words (DIAJUKAN is not the SKP's "menunggu
    persetujuan atasan")."""
    return STATUS_LABEL.get(value) or fmt.label(value)


def _bukti(form) -> list[dict]:
    out = []
    for nama, url in zip(form.getlist("bukti_nama"), form.getlist("bukti_url")):
        if url.strip():
            out.append({"nama": nama.strip() or None, "url": url.strip()})
    return out


def _pp30(form, field: str) -> dict | None:
    """``field.ASPEK`` inputs as ``{ASPEK: "nilai"}`` (the API reads decimal strings)."""
    out = {a: form[f"{field}.{a}"].strip().replace(",", ".") for a in ASPEK_PP30
           if form.get(f"{field}.{a}", "").strip()}
    return out or None


def aspek_pp30(p: dict) -> list[str]:
    """The PP 30 aspects of a penilaian: those it was rated on, else the four of a pegawai."""
    dinilai = list(((p.get("pp30") or {}).get("perilaku") or {}).keys())
    return [a for a in ASPEK_PP30 if a in dinilai] or list(ASPEK_PP30[:4])


# -- the pegawai ------------------------------------------------------------------------------

@bp.get("", endpoint="daftar")
@perlu_masuk
def daftar_saya():
    items, paging = daftar("keberatan", "/keberatan", {"sebagai": "PEGAWAI"})
    # the predikat he may object to: his penilaian ditetapkan (the newest first)
    ditetapkan, _ = daftar("penilaian", "/penilaian", {"pegawai_id": g.pengguna.id,
                                                       "status": "DITETAPKAN"}, page_size=50)
    ditetapkan.sort(key=lambda p: (p.get("tahun") or 0,
                                   (p.get("periode") or {}).get("awal") or ""), reverse=True)
    # one still open is followed there; after a decision the new predikat revision may take
    # another (a decided revision's second filing is refused by the API, shown as a message)
    aktif = {k["penilaian_id"]: k for k in items if k.get("status") in TERBUKA}
    return render("keberatan/daftar.html", items=items, paging=paging, ditetapkan=ditetapkan,
                  aktif=aktif)


@bp.route("/ajukan/<penilaian_id>", methods=["GET", "POST"])
@perlu_masuk
def ajukan(penilaian_id):
    p = ambil("penilaian", f"/penilaian/{penilaian_id}")
    if p.get("pegawai_id") != g.pengguna.id:
        abort(404)
    if request.method == "POST":
        f = request.form
        body = {"penilaian_id": penilaian_id, "alasan": f.get("alasan", "").strip(),
                "bukti_dukung": _bukti(f)}
        if p.get("model") == "PP_30_2019":
            body["nilai_perilaku_pp30_diminta"] = _pp30(f, "nilai_perilaku_pp30_diminta")
        else:
            body["rating_hasil_kerja_diminta"] = f.get("rating_hasil_kerja_diminta") or None
            body["rating_perilaku_diminta"] = f.get("rating_perilaku_diminta") or None
        j = api("POST", "keberatan", "/keberatan", json=body)
        pesan = "Keberatan diajukan."
        if j.ok and j.body.get("status") == "TERLAMBAT":
            pesan = ("Keberatan dicatat sebagai terlambat: diajukan setelah batas waktu, tidak "
                     "diproses.")
        if hasil(j, pesan):
            return redirect(url_for("keberatan.detail", keberatan_id=j.body["id"]))
        if j.status == 409 and isinstance(j.body, dict) and j.body.get("keberatan_id"):
            return redirect(url_for("keberatan.detail", keberatan_id=j.body["keberatan_id"]))
        return render("keberatan/ajukan.html", 422 if j.status == 422 else j.status, p=p,
                      aspek=aspek_pp30(p))
    return render("keberatan/ajukan.html", p=p, aspek=aspek_pp30(p))


# -- one keberatan, every role ----------------------------------------------------------------

def tampil(keberatan_id: str, status: int = 200):
    k = ambil("keberatan", f"/keberatan/{keberatan_id}")
    peran = set(k.get("peran_saya") or [])
    langkah = bisa(k, peran)
    sebelum = ((k.get("nilai") or {}).get("sebelum") or {}).get("nilai_perilaku_pp30") or {}
    aspek = [a for a in ASPEK_PP30 if a in sebelum] or list(ASPEK_PP30[:4])
    return render("keberatan/detail.html", status, k=k, peran=peran, langkah=langkah,
                  aspek=aspek)


def bisa(k: dict, peran: set[str]) -> set[str]:
    """The steps the user may take now (the API decides; this only picks the forms shown)."""
    st, alur, out = k.get("status"), k.get("alur"), set()
    if "PEGAWAI" in peran and st in TERBUKA:
        out.add("tarik")
    if alur == "DKI":
        if "PEMUTUS" in peran and st == "DIAJUKAN":
            out.add("sanggahan")
        if "PEJABAT_PENILAI" in peran and st == "DISANGGAH_ATASAN":
            out.add("sanggahan")
        if "PEMUTUS" in peran and st == "DISANGGAH_PENILAI":
            out.add("keputusan")
    else:
        if "PEJABAT_PENILAI" in peran and st == "DIAJUKAN":
            out.add("penjelasan")
        if "PEMUTUS" in peran and st == "DIJELASKAN":
            out.add("keputusan")
    return out


@bp.get("/<keberatan_id>")
@perlu_masuk
def detail(keberatan_id):
    return tampil(keberatan_id)


PESAN = {"penjelasan": "Penjelasan dikirim.", "sanggahan": "Sanggahan dikirim.",
         "keputusan": "Keputusan keberatan ditetapkan.", "tarik": "Keberatan ditarik."}


@bp.post("/<keberatan_id>/<aksi>")
@perlu_masuk
def langkah(keberatan_id, aksi):
    if aksi not in PESAN:
        abort(404)
    f = request.form
    if aksi == "penjelasan":
        body = {"penjelasan": f.get("penjelasan", "").strip()}
    elif aksi == "sanggahan":
        body = {"sanggahan": f.get("sanggahan", "").strip()}
    elif aksi == "tarik":
        body = {"alasan": f.get("alasan", "").strip() or None}
    else:
        body = {"keputusan": f.get("keputusan") or None, "uraian": f.get("uraian", "").strip(),
                "rekomendasi": f.get("rekomendasi", "").strip() or None}
        if f.get("keputusan") == "DISETUJUI":
            if f.get("model") == "PP_30_2019":
                body["nilai_perilaku_pp30"] = _pp30(f, "nilai_perilaku_pp30")
            else:
                body["rating_hasil_kerja"] = f.get("rating_hasil_kerja") or None
                body["rating_perilaku"] = f.get("rating_perilaku") or None
    j = api("POST", "keberatan", f"/keberatan/{keberatan_id}/{aksi}", json=body)
    if hasil(j, PESAN[aksi]):
        return redirect(url_for("keberatan.detail", keberatan_id=keberatan_id))
    return tampil(keberatan_id, 422 if j.status == 422 else j.status)


# -- the pejabat penilai's and the decider's to-do ---------------------------------------------

@bp.get("/tugas", endpoint="bawahan")
@perlu_masuk
def tugas():
    sebagai = request.args.get("sebagai") or ""
    if sebagai not in ("", "PEJABAT_PENILAI", "PEMUTUS"):
        sebagai = ""
    items, paging = daftar("keberatan", "/keberatan/tugas", {"sebagai": sebagai})
    return render("keberatan/tugas.html", items=items, paging=paging, sebagai=sebagai)


# -- admin monitoring -------------------------------------------------------------------------

FILTER = ("nama", "nip", "tahun", "menunggu_lebih_dari_hari", "unor_id", "periode_id")


def _periode(tahun: str) -> list[dict]:
    """The periods of the year (the current year without one), for the period select."""
    tahun = tahun if tahun.isdigit() else str(fmt.tahun_ini())
    j = api("GET", "identity", "/periode", params={"instansi_id": g.pengguna.instansi_id,
                                                   "tahun": tahun, "page_size": 100})
    return j.body if j.ok and isinstance(j.body, list) else []


def _monitoring(args: dict, status: str, errors: dict | None = None, http: int = 200):
    params = {**args, "status": status if status in STATUS else "", "sebagai": "ADMIN"}
    items, paging, galat = daftar_tersaring("keberatan", "/keberatan", params)
    rekap = None
    if not galat:  # the counts per status under the other filters (a tile picks one)
        j = api("GET", "keberatan", "/keberatan/rekap", params={**params, "status": ""})
        rekap = j.body if j.ok else None
    return render("keberatan/monitoring.html", http, items=items, paging=paging, rekap=rekap,
                  args=args, status_filter=status, STATUS=STATUS,
                  errors={**galat, **(errors or {})}, nilai=args,
                  periode=_periode(args.get("tahun") or ""),
                  nama_unor=nama_unor(args.get("unor_id")))


@bp.get("/monitoring")
@perlu_admin
def monitoring():
    args = {k: request.args.get(k, "").strip() for k in FILTER}
    return _monitoring(args, request.args.get("status", ""))


@bp.post("/monitoring/ekspor")
@perlu_admin
def ekspor():
    """The monitoring list as reporting's KEBERATAN Excel report (a job), under the same
    filters (year, period, unit, status; the year defaults to this year)."""
    args = {k: request.form.get(k, "").strip() for k in FILTER}
    status = request.form.get("status", "")
    body = {"jenis": "KEBERATAN", "tahun": args["tahun"] or str(fmt.tahun_ini()),
            "periode_id": args["periode_id"] or None, "unor_id": args["unor_id"] or None,
            "status": status or None}
    j = api("POST", "reporting", "/laporan", json=body)
    if hasil(j, "Permintaan diterima; berkas sedang disiapkan."):
        return redirect(url_for("laporan.job", jenis="laporan", job_id=j.body["id"]))
    return _monitoring(args, status, j.errors, 422 if j.status == 422 else j.status)
