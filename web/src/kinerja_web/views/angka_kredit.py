"""Angka kredit (BKN manual §2.6, §2.14, §2.15; PermenPAN-RB 1/2023): the pegawai's AK
(konversi per year, akumulasi, kebutuhan and selisih for the next pangkat and jenjang); for
admins (and the pejabat penilai on the rows he may act on) the list, one PAK with its lifecycle
(ajukan, setujui, tandatangani, kembalikan with a reason, batalkan an integrasi) and the
integrasi import with its dry run. Everything through angka-kredit's API."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from flask import Blueprint, abort, flash, g, redirect, request, url_for

from .. import format as fmt
from ..sesi import perlu_admin, perlu_masuk
from .common import ambil, api, daftar, hasil, render
from .admin import _ctx, instansi_id
from .saringan import daftar_tersaring

bp = Blueprint("angka_kredit", __name__, url_prefix="/angka-kredit")

STATUS = ("DRAFT", "DIAJUKAN", "DISETUJUI", "DITANDATANGANI", "DIBATALKAN")
SUMBER = ("KONVERSI", "INTEGRASI")
STATUS_LABEL = {"DRAFT": "Draf", "DIAJUKAN": "Diajukan", "DISETUJUI": "Disetujui",
                "DITANDATANGANI": "Ditandatangani", "DIBATALKAN": "Dibatalkan"}
fmt.LABEL.update({
    "KONVERSI": "Konversi predikat", "INTEGRASI": "Integrasi AK konvensional",
    "PEMULA": "Pemula", "TERAMPIL": "Terampil", "MAHIR": "Mahir", "PENYELIA": "Penyelia",
    "AHLI_PERTAMA": "Ahli Pertama", "AHLI_MUDA": "Ahli Muda", "AHLI_MADYA": "Ahli Madya",
    "AHLI_UTAMA": "Ahli Utama", "TTE": "Tanda tangan elektronik (TTE)",
    "TTD_BASAH": "Tanda tangan basah", "DIBUAT": "Dibuat", "DIHITUNG_ULANG": "Dihitung ulang",
    "DIGANTIKAN": "Digantikan", "DIKOREKSI": "Dikoreksi", "DIBATALKAN": "Dibatalkan",
    "AJUKAN": "Diajukan", "SETUJUI": "Disetujui", "TANDATANGANI": "Ditandatangani",
    "KEMBALIKAN": "Dikembalikan ke draf", "FUNGSIONAL": "Fungsional",
})


@bp.app_template_filter("status_pak")
def status_pak(value) -> str:
    return STATUS_LABEL.get(value) or fmt.label(value)


@bp.app_template_filter("ak")
def ak(value) -> str:
    """An angka kredit as BKN shows it: three decimals, ROUND_HALF_UP, Indonesian comma
    (``10.9375`` -> ``10,938``); the API's decimal strings never pass through a float."""
    if value is None or value == "":
        return "—"
    try:
        d = Decimal(str(value)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return str(value)
    whole, _, frac = f"{d:,.3f}".partition(".")
    return f"{whole.replace(',', '.')},{frac}"


@bp.app_template_filter("persen")
def persen(value) -> str:
    """``1.5`` -> ``150 %``."""
    if value in (None, ""):
        return "—"
    try:
        return f"{fmt.angka(str(Decimal(str(value)) * 100))} %"
    except InvalidOperation:
        return str(value)


# -- the pegawai ------------------------------------------------------------------------------

@bp.get("", endpoint="daftar")
@perlu_masuk
def daftar_saya():
    items, paging = daftar("angka-kredit", "/angka-kredit", {"pegawai_id": g.pengguna.id},
                           page_size=100)
    items.sort(key=lambda r: (r.get("awal") or "", r.get("id")))
    terakhir = items[-1] if items else None  # the newest row carries the akumulasi
    tahun: dict = {}
    for r in items:
        tahun.setdefault(r.get("tahun"), []).append(r)
    return render("angka_kredit/daftar.html", items=items, paging=paging, terakhir=terakhir,
                  per_tahun=sorted(tahun.items(), reverse=True))


# -- one row: the PAK and its lifecycle --------------------------------------------------------

def _boleh(r: dict) -> set[str]:
    """The steps whose forms are shown (the API decides; a refusal comes back as a message)."""
    me, st = g.pengguna.id, r.get("status")
    penilai = (r.get("pejabat_penilai") or {}).get("id") == me
    pemilik = r.get("pegawai_id") == me
    out: set[str] = set()
    if not r.get("aktif", True):
        return out
    if st == "DRAFT" and (g.pengguna.admin or penilai or pemilik):
        out.add("ajukan")
    if st == "DIAJUKAN" and (g.pengguna.admin or penilai):
        out.add("setujui")
    if st == "DISETUJUI" and (g.pengguna.admin or penilai):
        out.add("tandatangani")
    if st in ("DIAJUKAN", "DISETUJUI") and g.pengguna.admin:
        out.add("kembalikan")
    if st in ("DRAFT", "DIAJUKAN", "DISETUJUI") and r.get("sumber") == "INTEGRASI" and \
            g.pengguna.admin:
        out.add("batalkan")
    return out


def tampil(angka_kredit_id: str, status: int = 200):
    r = ambil("angka-kredit", f"/angka-kredit/{angka_kredit_id}")
    return render("angka_kredit/detail.html", status, r=r, boleh=_boleh(r),
                  hari_ini=fmt.hari_ini().isoformat())


@bp.get("/<angka_kredit_id>")
@perlu_masuk
def detail(angka_kredit_id):
    return tampil(angka_kredit_id)


PESAN = {"ajukan": "PAK diajukan.", "setujui": "PAK disetujui.",
         "tandatangani": "PAK ditandatangani.", "kembalikan": "PAK dikembalikan ke draf.",
         "batalkan": "Integrasi dibatalkan."}


@bp.post("/<angka_kredit_id>/<aksi>")
@perlu_masuk
def langkah(angka_kredit_id, aksi):
    if aksi not in PESAN:
        abort(404)
    f = request.form
    body: dict | None = None
    if aksi == "ajukan":
        body = {"nomor_sk": f.get("nomor_sk", "").strip() or None,
                "tempat": f.get("tempat", "").strip(), "tanggal_sk": f.get("tanggal_sk") or None}
    elif aksi == "tandatangani":
        body = {"metode": f.get("metode") or None}
    elif aksi in ("kembalikan", "batalkan"):
        body = {"alasan": f.get("alasan", "").strip()}
    j = api("POST", "angka-kredit", f"/angka-kredit/{angka_kredit_id}/{aksi}", json=body)
    if hasil(j, PESAN[aksi]):
        return redirect(url_for("angka_kredit.detail", angka_kredit_id=angka_kredit_id))
    return tampil(angka_kredit_id, 422 if j.status == 422 else j.status)


# -- admin: the list and the integrasi import ---------------------------------------------------

FILTER = ("tahun", "nip", "nama", "jabatan", "status", "sumber")


@bp.get("/kelola")
@perlu_admin
def kelola():
    args = {k: request.args.get(k, "").strip() for k in FILTER}
    params = {**args, "instansi_id": instansi_id() if "admin_pusat" in g.pengguna.roles else ""}
    items, paging, errors = daftar_tersaring("angka-kredit", "/angka-kredit", params)
    return render("angka_kredit/kelola.html", **_ctx(items=items, paging=paging, args=args,
                                                     errors=errors, nilai=args,
                                                     STATUS=STATUS, SUMBER=SUMBER))


@bp.route("/integrasi", methods=["GET", "POST"])
@perlu_admin
def integrasi():
    if request.method == "GET":
        return render("angka_kredit/integrasi.html", **_ctx(laporan=None))
    berkas = request.files.get("berkas")
    if berkas is None or not berkas.filename:
        g.errors = {"berkas": ["Pilih berkas CSV atau Excel."]}
        return render("angka_kredit/integrasi.html", 422, **_ctx(laporan=None))
    dry_run = request.form.get("dry_run") == "ya"
    params = {"dry_run": "true" if dry_run else "false"}
    if "admin_pusat" in g.pengguna.roles:
        params["instansi_id"] = instansi_id()
    j = api("POST", "angka-kredit", "/angka-kredit/integrasi/impor", params=params,
            files={"berkas": (berkas.filename, berkas.read(),
                              berkas.mimetype or "application/octet-stream")})
    laporan = j.body if isinstance(j.body, dict) and "jumlah_baris" in j.body else None
    if laporan is None and isinstance(j.body, dict) and "galat" in j.body:
        laporan = {"dry_run": dry_run, "galat": j.body["galat"], "hasil": [],
                   "jumlah_baris": j.body.get("jumlah_baris"), "tambah": 0}
    if j.ok and laporan and laporan.get("galat"):
        flash(f"Uji coba menemukan {len(laporan['galat'])} baris bermasalah; belum ada yang "
              "disimpan.", "peringatan")
    elif j.ok:
        hasil(j, "Uji coba selesai: belum ada yang disimpan." if dry_run else
              "Integrasi angka kredit tersimpan.")
    else:
        g.errors = {k: v for k, v in j.errors.items() if not k.startswith("galat")}
        flash(j.detail if not laporan else "Tidak ada yang disimpan: perbaiki baris yang "
              "bermasalah lalu unggah lagi.", "galat")
    return render("angka_kredit/integrasi.html", 200 if j.ok else 422,
                  **_ctx(laporan=laporan))
