"""Penilaian: my periods (realisasi with bukti dukung, kirim), the pejabat penilai's umpan
balik, rating and tetapkan on the same page, the perilaku feedback I owe, riwayat."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask import Blueprint, abort, g, redirect, request, url_for

from .. import format as fmt
from ..sesi import perlu_masuk
from .common import ambil, api, daftar, hasil, render

bp = Blueprint("penilaian", __name__, url_prefix="/penilaian")

TERBUKA = {"DRAFT", "DIKIRIM"}


@bp.get("", endpoint="daftar")
@perlu_masuk
def daftar_saya():
    tahun = request.args.get("tahun") or fmt.tahun_ini()
    items, paging = daftar("penilaian", "/penilaian",
                           {"pegawai_id": g.pengguna.id, "tahun": tahun}, page_size=50)
    items.sort(key=lambda p: ((p.get("periode") or {}).get("final") or False,
                              (p.get("periode") or {}).get("awal") or ""))
    return render("penilaian/daftar.html", items=items, paging=paging, tahun=tahun)


@bp.get("/riwayat", endpoint="riwayat_saya")
@perlu_masuk
def riwayat_saya():
    items, paging = daftar("penilaian", "/penilaian",
                           {"pegawai_id": g.pengguna.id, "status": "DITETAPKAN"}, page_size=50)
    items.sort(key=lambda p: (p.get("tahun") or 0, (p.get("periode") or {}).get("awal") or ""),
               reverse=True)
    return render("penilaian/riwayat_saya.html", items=items, paging=paging)


def peran(p: dict) -> str:
    me = g.pengguna.id
    if p.get("pegawai_id") == me:
        return "pemilik"
    if (p.get("pejabat_penilai") or {}).get("id") == me:
        return "penilai"
    return "pembaca"


def tampil(penilaian_id: str, status: int = 200):
    p = ambil("penilaian", f"/penilaian/{penilaian_id}")
    realisasi = {r["indikator_id"]: r for r in p.get("realisasi") or []}
    pp30 = p.get("pp30") or {}
    for r in pp30.get("realisasi") or []:  # "10.0000" as the pegawai typed it: "10"
        for k in PP30_NILAI:
            r[k] = _polos(r.get(k))
        r["target_revisi"] = {k: _polos(v) for k, v in (r.get("target_revisi") or {}).items()}
    pp30["perilaku"] = {k: _polos(v) for k, v in (pp30.get("perilaku") or {}).items()}
    aspek = ASPEK_PP30
    if p.get("model") == "PP_30_2019" and peran(p) == "penilai" and p.get("status") in TERBUKA:
        aspek = _aspek_pp30(p, pp30["perilaku"])
    return render("penilaian/detail.html", status, p=p, peran=peran(p), realisasi=realisasi,
                  terbuka=p.get("status") in TERBUKA,
                  pp30_realisasi={r["rhk_id"]: r for r in pp30.get("realisasi") or []},
                  pp30_tambahan=pp30.get("tambahan") or [],
                  pp30_perilaku=pp30.get("perilaku") or {},
                  ASPEK_PP30=aspek)


def _aspek_pp30(p: dict, nilai: dict) -> tuple[str, ...]:
    """The aspects the pejabat penilai rates (penilaian's rule): KEPEMIMPINAN for a pimpinan
    or an SKP JPT, or for everybody when the instansi sets pp30_kepemimpinan_hanya_pimpinan
    off; already rated ones always."""
    if "KEPEMIMPINAN" in nilai or p.get("jenis") == "JPT":
        return ASPEK_PP30
    peg = api("GET", "identity", f"/pegawai/{p['pegawai_id']}")
    if peg.ok and peg.body.get("jenis_jabatan") == "PIMPINAN":
        return ASPEK_PP30
    ins = api("GET", "identity", f"/instansi/{g.pengguna.instansi_id}")
    atur = (ins.body or {}).get("pengaturan") or {} if ins.ok else {}
    if atur.get("pp30_kepemimpinan_hanya_pimpinan") is False:
        return ASPEK_PP30
    return ASPEK_PP30[:-1]


def _polos(v):
    """A decimal string without trailing zeros (``"12.5000"`` -> ``"12.5"``)."""
    if v in (None, ""):
        return v
    try:
        d = Decimal(str(v))
    except InvalidOperation:
        return v
    return format(d.normalize(), "f")


@bp.get("/<penilaian_id>")
@perlu_masuk
def detail(penilaian_id):
    return tampil(penilaian_id)


def _setelah(j, penilaian_id: str, pesan: str, jangkar: str = ""):
    ok = hasil(j, pesan)
    if request.headers.get("HX-Request"):
        # htmx swaps the part of the page it asked for (hx-select), the error or the saved
        # value with its note; it does not swap 4xx answers, so this one is 200 either way
        g.tersimpan = ok
        return tampil(penilaian_id)
    if ok:
        return redirect(url_for("penilaian.detail", penilaian_id=penilaian_id) + jangkar)
    return tampil(penilaian_id, 422 if j.status == 422 else j.status)


def _bukti(form) -> list[dict]:
    out = []
    for nama, url in zip(form.getlist("bukti_nama"), form.getlist("bukti_url")):
        if url.strip():
            out.append({"nama": nama.strip() or None, "url": url.strip()})
    return out


@bp.post("/<penilaian_id>/realisasi/<indikator_id>")
@perlu_masuk
def realisasi(penilaian_id, indikator_id):
    f = request.form
    body = {"realisasi": f.get("realisasi", "").strip() or None, "bukti_dukung": _bukti(f),
            "keterangan": f.get("keterangan", "").strip() or None}
    j = api("PUT", "penilaian", f"/penilaian/{penilaian_id}/realisasi/{indikator_id}", json=body)
    return _setelah(j, penilaian_id, "Realisasi disimpan.", f"#ind-{indikator_id}")


@bp.post("/<penilaian_id>/umpan-balik/<indikator_id>")
@perlu_masuk
def umpan_balik(penilaian_id, indikator_id):
    j = api("PUT", "penilaian", f"/penilaian/{penilaian_id}/umpan-balik/{indikator_id}",
            json={"umpan_balik": request.form.get("umpan_balik", "").strip()})
    return _setelah(j, penilaian_id, "Umpan balik disimpan.", f"#ind-{indikator_id}")


@bp.post("/<penilaian_id>/perilaku/<aspek>")
@perlu_masuk
def perilaku(penilaian_id, aspek):
    j = api("PUT", "penilaian", f"/penilaian/{penilaian_id}/perilaku/{aspek}",
            json={"umpan_balik": request.form.get("umpan_balik", "").strip()})
    if request.form.get("kembali") == "tugas":
        hasil(j, f"Umpan balik perilaku {fmt.label(aspek)} disimpan.")
        return redirect(url_for("penilaian.tugas_perilaku"))
    return _setelah(j, penilaian_id, f"Umpan balik perilaku {fmt.label(aspek)} disimpan.",
                    "#perilaku")


@bp.post("/<penilaian_id>/rating")
@perlu_masuk
def rating(penilaian_id):
    f = request.form
    body = {"rating_hasil_kerja": f.get("rating_hasil_kerja") or None,
            "rating_perilaku": f.get("rating_perilaku") or None}
    if f.get("justifikasi", "").strip():
        body["justifikasi"] = f["justifikasi"].strip()
    j = api("PUT", "penilaian", f"/penilaian/{penilaian_id}/rating", json=body)
    return _setelah(j, penilaian_id, "Rating disimpan.", "#rating")


# -- PP 30/2019 (DKI): pengukuran per kegiatan, tugas tambahan, kreativitas, nilai perilaku ----

PP30_NILAI = ("kuantitas", "kualitas", "waktu", "biaya")
ASPEK_PP30 = ("ORIENTASI_PELAYANAN", "KOMITMEN", "INISIATIF_KERJA", "KERJA_SAMA", "KEPEMIMPINAN")
ENTRI = {"tugas-tambahan": "Tugas tambahan", "kreativitas": "Kreativitas"}


@bp.post("/<penilaian_id>/pp30/realisasi/<rhk_id>")
@perlu_masuk
def pp30_realisasi(penilaian_id, rhk_id):
    f = request.form
    body = {k: (f.get(k) or "").strip() or None for k in PP30_NILAI}
    revisi = {k: f.get(f"revisi_{k}").strip() for k in PP30_NILAI
              if (f.get(f"revisi_{k}") or "").strip()}
    body["target_revisi"] = revisi or None
    j = api("PUT", "penilaian", f"/penilaian/{penilaian_id}/pp30/realisasi/{rhk_id}", json=body)
    return _setelah(j, penilaian_id, "Realisasi kegiatan disimpan.", f"#keg-{rhk_id}")


@bp.post("/<penilaian_id>/pp30/perilaku")
@perlu_masuk
def pp30_perilaku(penilaian_id):
    f = request.form
    nilai = {a: f[a].strip() for a in ASPEK_PP30 if (f.get(a) or "").strip()}
    j = api("PUT", "penilaian", f"/penilaian/{penilaian_id}/pp30/perilaku", json={"nilai": nilai})
    return _setelah(j, penilaian_id, "Nilai perilaku kerja disimpan.", "#nilai-perilaku")


@bp.post("/<penilaian_id>/pp30/<jenis>")
@perlu_masuk
def pp30_tambah(penilaian_id, jenis):
    if jenis not in ENTRI:
        abort(404)
    f = request.form
    jumlah = (f.get("jumlah") or "").strip()
    body = {"uraian": (f.get("uraian") or "").strip(),
            "jumlah": int(jumlah) if jumlah.isdigit() else jumlah or None}
    j = api("POST", "penilaian", f"/penilaian/{penilaian_id}/pp30/{jenis}", json=body)
    return _setelah(j, penilaian_id, f"{ENTRI[jenis]} ditambahkan.", f"#{jenis}")


@bp.post("/<penilaian_id>/pp30/<jenis>/<entri_id>/ubah")
@perlu_masuk
def pp30_ubah(penilaian_id, jenis, entri_id):
    """Correct a tugas tambahan or kreativitas (uraian, jumlah) with an optional alasan."""
    if jenis not in ENTRI:
        abort(404)
    f = request.form
    jumlah = (f.get("jumlah") or "").strip()
    body = {"uraian": (f.get("uraian") or "").strip(),
            "jumlah": int(jumlah) if jumlah.isdigit() else jumlah or None,
            "alasan": (f.get("alasan") or "").strip() or None}
    j = api("PATCH", "penilaian", f"/penilaian/{penilaian_id}/pp30/{jenis}/{entri_id}",
            json=body)
    return _setelah(j, penilaian_id, f"{ENTRI[jenis]} diubah.", f"#{jenis}")


@bp.post("/<penilaian_id>/pp30/<jenis>/<entri_id>/hapus")
@perlu_masuk
def pp30_hapus(penilaian_id, jenis, entri_id):
    if jenis not in ENTRI:
        abort(404)
    j = api("DELETE", "penilaian", f"/penilaian/{penilaian_id}/pp30/{jenis}/{entri_id}")
    return _setelah(j, penilaian_id, f"{ENTRI[jenis]} dihapus.", f"#{jenis}")


# -- Buku Catatan Perilaku (the pejabat penilai's notes on behaviour, both models) ------------

@bp.post("/<penilaian_id>/catatan-perilaku")
@perlu_masuk
def catatan_tambah(penilaian_id):
    f = request.form
    j = api("POST", "penilaian", f"/penilaian/{penilaian_id}/catatan-perilaku", json={
        "tanggal": f.get("tanggal") or None, "uraian": (f.get("uraian") or "").strip()})
    return _setelah(j, penilaian_id, "Catatan perilaku ditambahkan.", "#catatan-perilaku")


@bp.post("/<penilaian_id>/catatan-perilaku/<catatan_id>/ubah")
@perlu_masuk
def catatan_ubah(penilaian_id, catatan_id):
    f = request.form
    body = {"tanggal": f.get("tanggal") or None, "uraian": (f.get("uraian") or "").strip(),
            "alasan": (f.get("alasan") or "").strip() or None}
    j = api("PATCH", "penilaian", f"/penilaian/{penilaian_id}/catatan-perilaku/{catatan_id}",
            json=body)
    return _setelah(j, penilaian_id, "Catatan perilaku diubah.", "#catatan-perilaku")


@bp.post("/<penilaian_id>/catatan-perilaku/<catatan_id>/hapus")
@perlu_masuk
def catatan_hapus(penilaian_id, catatan_id):
    j = api("DELETE", "penilaian", f"/penilaian/{penilaian_id}/catatan-perilaku/{catatan_id}")
    return _setelah(j, penilaian_id, "Catatan perilaku dihapus.", "#catatan-perilaku")


AKSI = {"kirim": "Realisasi dikirim ke pejabat penilai.",
        "tetapkan": "Penilaian ditetapkan."}


@bp.post("/<penilaian_id>/<aksi>")
@perlu_masuk
def alur(penilaian_id, aksi):
    if aksi not in AKSI:
        abort(404)
    j = api("POST", "penilaian", f"/penilaian/{penilaian_id}/{aksi}")
    return _setelah(j, penilaian_id, AKSI[aksi])


@bp.get("/<penilaian_id>/riwayat")
@perlu_masuk
def riwayat(penilaian_id):
    p = ambil("penilaian", f"/penilaian/{penilaian_id}")
    items = ambil("penilaian", f"/penilaian/{penilaian_id}/riwayat")
    return render("penilaian/riwayat.html", p=p, riwayat=items or [])


@bp.get("/tugas-perilaku", endpoint="tugas_perilaku")
@perlu_masuk
def tugas_perilaku():
    tahun = request.args.get("tahun") or fmt.tahun_ini()
    items, paging = daftar("penilaian", "/tugas-perilaku", {"tahun": tahun}, page_size=50)
    return render("penilaian/tugas_perilaku.html", items=items, paging=paging, tahun=tahun)
