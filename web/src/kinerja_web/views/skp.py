"""SKP: my SKPs, one SKP (RHK, indikator, perilaku, ajukan; the pejabat penilai's approval,
return and edits on the same page), riwayat, Matriks Peran Hasil."""
from __future__ import annotations

from flask import Blueprint, g, redirect, request, url_for

from .. import format as fmt
from ..sesi import perlu_masuk
from .common import ambil, api, daftar, hasil, render

bp = Blueprint("skp", __name__, url_prefix="/skp")

DAPAT_DIUBAH = {"DRAFT", "DIKEMBALIKAN"}


@bp.get("", endpoint="daftar")
@perlu_masuk
def daftar_skp():
    return _daftar()


def _daftar(status: int = 200):
    tahun = request.args.get("tahun") or fmt.tahun_ini()
    items, paging = daftar("skp", "/skp", {"pegawai_id": g.pengguna.id, "tahun": tahun})
    return render("skp/daftar.html", status, items=items, paging=paging, tahun=tahun)



@bp.post("")
@perlu_masuk
def buat():
    f = request.form
    body = {"periode_awal": f.get("periode_awal") or None,
            "periode_akhir": f.get("periode_akhir") or None,
            "pendekatan": f.get("pendekatan") or "KUANTITATIF"}
    if f.get("model"):
        body["model"] = f["model"]
    if f.get("pejabat_penilai_nip"):
        body["pejabat_penilai_nip"] = f["pejabat_penilai_nip"].strip()
    j = api("POST", "skp", "/skp", json=body)
    if hasil(j, "SKP dibuat. Tambahkan rencana hasil kerja (RHK) dan indikatornya."):
        return redirect(url_for("skp.detail", skp_id=j.body["id"]))
    return _daftar(422 if j.status == 422 else j.status)


def peran_saya(skp: dict) -> str:
    p = g.pengguna
    if skp["pegawai_id"] == p.id:
        return "pemilik"
    if (skp.get("pejabat_penilai") or {}).get("id") == p.id:
        return "penilai"
    return "pembaca"


def tampil(skp_id: str, status: int = 200):
    skp = ambil("skp", f"/skp/{skp_id}")
    peran = peran_saya(skp)
    ubah = (peran == "pemilik" and skp["status"] in DAPAT_DIUBAH) or \
        (peran == "penilai" and skp["status"] == "DIAJUKAN")
    ctx = {"skp": skp, "peran": peran, "ubah": ubah, "rhk_atasan": [], "peran_mph": [],
           "relasi": {}}
    if peran == "pemilik":  # rekan and bawahan for "Set penilai"; bawahan: the MPH link
        j = api("GET", "identity", f"/pegawai/{skp['pegawai_id']}/relasi",
                params={"tanggal": skp.get("periode_awal")})
        ctx["relasi"] = j.body if j.ok else {}
    if ubah:
        j = api("GET", "skp", f"/skp/{skp_id}/rhk-atasan")
        ctx["rhk_atasan"] = j.body if j.ok else []
        if peran == "pemilik":
            tahun = (skp.get("periode_awal") or "")[:4] or fmt.tahun_ini()
            j = api("GET", "skp", "/peran-saya", params={"tahun": tahun, "page_size": 100})
            ctx["peran_mph"] = j.body if j.ok else []
    ctx["relasi_bawahan"] = bool(ctx["relasi"].get("bawahan"))
    ctx["perjanjian"] = []
    if ubah and peran == "pemilik" and skp.get("jenis") == "JPT":  # "Salin" (SKP JPT)
        j = api("GET", "skp", "/perjanjian-kinerja", params={
            "pegawai_id": skp["pegawai_id"], "tahun": (skp.get("periode_awal") or "")[:4],
            "page_size": 1})
        ctx["perjanjian"] = j.body if j.ok else []
    return render("skp/detail.html", status, **ctx)


@bp.get("/<skp_id>")
@perlu_masuk
def detail(skp_id):
    return tampil(skp_id)


def _setelah(j, skp_id: str, pesan: str, jangkar: str = ""):
    if hasil(j, pesan):
        return redirect(url_for("skp.detail", skp_id=skp_id) + jangkar)
    return tampil(skp_id, 422 if j.status == 422 else j.status)


@bp.post("/<skp_id>/rhk")
@perlu_masuk
def tambah_rhk(skp_id):
    f = request.form
    body = {"jenis": f.get("jenis") or "UTAMA", "uraian": f.get("uraian", "").strip()}
    if f.get("peran_id"):
        body = {"jenis": body["jenis"], "peran_id": f["peran_id"]}
    for key in ("rhk_atasan_id", "referensi"):
        if f.get(key):
            body[key] = f[key]
    body.update(_target_pp30(f))
    j = api("POST", "skp", f"/skp/{skp_id}/rhk", json=body)
    return _setelah(j, skp_id, "Rencana hasil kerja ditambahkan.", "#rhk")


@bp.post("/<skp_id>/rhk/<rhk_id>/ubah")
@perlu_masuk
def ubah_rhk(skp_id, rhk_id):
    f = request.form
    body = {"uraian": f.get("uraian", "").strip()}
    if f.get("jenis"):
        body["jenis"] = f["jenis"]
    if "rhk_atasan_id" in f:  # "" takes the intervention away
        body["rhk_atasan_id"] = f["rhk_atasan_id"] or None
    body.update(_target_pp30(f))
    j = api("PATCH", "skp", f"/skp/{skp_id}/rhk/{rhk_id}", json=body)
    return _setelah(j, skp_id, "Rencana hasil kerja diubah.", f"#rhk-{rhk_id}")


@bp.post("/<skp_id>/rhk/<rhk_id>/indikator/<ind_id>/ubah")
@perlu_masuk
def ubah_indikator(skp_id, rhk_id, ind_id):
    f = request.form
    body = {k: f.get(k, "").strip() for k in ("uraian", "target", "satuan") if k in f}
    for k in ("aspek", "perspektif"):
        if k in f:
            body[k] = f[k] or None
    if "target_maks" in f:
        body["target_maks"] = f["target_maks"].strip() or None
    j = api("PATCH", "skp", f"/skp/{skp_id}/rhk/{rhk_id}/indikator/{ind_id}", json=body)
    return _setelah(j, skp_id, "Indikator diubah.", f"#rhk-{rhk_id}")


PP30_TARGET = ("target_kuantitas", "satuan", "target_kualitas", "target_waktu", "target_biaya")


def _target_pp30(f) -> dict:
    """A kegiatan's targets (PP 30/2019 SKP): the fields the form has, empty ones as null."""
    return {k: (f.get(k) or "").strip() or None for k in PP30_TARGET if k in f}


@bp.post("/<skp_id>/salin-perjanjian-kinerja")
@perlu_masuk
def salin_perjanjian(skp_id):
    j = api("POST", "skp", f"/skp/{skp_id}/salin-perjanjian-kinerja",
            json={"perjanjian_kinerja_id": request.form.get("perjanjian_kinerja_id") or None})
    return _setelah(j, skp_id, "Sasaran strategis Perjanjian Kinerja disalin menjadi RHK "
                    "utama.", "#rhk")


MANUAL = ("definisi", "formula", "tujuan", "satuan_pengukuran", "jenis_iku", "penanggung_jawab",
          "penyedia_data", "sumber_data", "periode_pelaporan")


@bp.route("/<skp_id>/rhk/<rhk_id>/indikator/<ind_id>/manual", methods=["GET", "POST"])
@perlu_masuk
def manual_indikator(skp_id, rhk_id, ind_id):
    """Manual Indikator Kinerja of one indikator (BKN manual: definisi, formula, tujuan, ...)."""
    status = 200
    if request.method == "POST":
        body = {k: (request.form.get(k) or "").strip() or None for k in MANUAL}
        j = api("PUT", "skp", f"/skp/{skp_id}/rhk/{rhk_id}/indikator/{ind_id}/manual", json=body)
        if hasil(j, "Manual indikator disimpan."):
            return redirect(url_for("skp.detail", skp_id=skp_id) + f"#rhk-{rhk_id}")
        status = 422 if j.status == 422 else j.status
    skp = ambil("skp", f"/skp/{skp_id}")
    rhk = next((r for r in skp.get("rhk") or [] if r["id"] == rhk_id), None)
    ind = next((i for i in (rhk or {}).get("indikator") or [] if i["id"] == ind_id), None)
    if ind is None:
        from flask import abort
        abort(404)
    peran = peran_saya(skp)
    ubah = (peran == "pemilik" and skp["status"] in DAPAT_DIUBAH) or \
        (peran == "penilai" and skp["status"] == "DIAJUKAN")
    return render("skp/manual_indikator.html", status, skp=skp, rhk=rhk, ind=ind, ubah=ubah,
                  m=ind.get("manual") or {})


@bp.post("/<skp_id>/rhk/<rhk_id>/hapus")
@perlu_masuk
def hapus_rhk(skp_id, rhk_id):
    j = api("DELETE", "skp", f"/skp/{skp_id}/rhk/{rhk_id}")
    return _setelah(j, skp_id, "Rencana hasil kerja dihapus.", "#rhk")


@bp.post("/<skp_id>/rhk/<rhk_id>/indikator")
@perlu_masuk
def tambah_indikator(skp_id, rhk_id):
    f = request.form
    body = {k: f.get(k).strip() for k in ("uraian", "aspek", "target", "target_maks", "satuan",
                                            "perspektif") if f.get(k)}
    body.setdefault("uraian", "")
    j = api("POST", "skp", f"/skp/{skp_id}/rhk/{rhk_id}/indikator", json=body)
    return _setelah(j, skp_id, "Indikator ditambahkan.", f"#rhk-{rhk_id}")


@bp.post("/<skp_id>/rhk/<rhk_id>/indikator/<ind_id>/hapus")
@perlu_masuk
def hapus_indikator(skp_id, rhk_id, ind_id):
    j = api("DELETE", "skp", f"/skp/{skp_id}/rhk/{rhk_id}/indikator/{ind_id}")
    return _setelah(j, skp_id, "Indikator dihapus.", f"#rhk-{rhk_id}")


@bp.post("/<skp_id>/perilaku/<aspek>")
@perlu_masuk
def set_penilai(skp_id, aspek):
    f = request.form
    body = {"penilai": f.get("penilai") or "ATASAN"}
    if body["penilai"] != "ATASAN" and f.get("penilai_pegawai_id"):
        body["penilai_pegawai_id"] = f["penilai_pegawai_id"]
    j = api("PUT", "skp", f"/skp/{skp_id}/perilaku/{aspek}", json=body)
    return _setelah(j, skp_id, f"Penilai perilaku {fmt.label(aspek)} disimpan.", "#perilaku")


@bp.post("/<skp_id>/perilaku/<aspek>/ekspektasi")
@perlu_masuk
def ekspektasi(skp_id, aspek):
    j = api("PUT", "skp", f"/skp/{skp_id}/perilaku/{aspek}/ekspektasi",
            json={"ekspektasi_khusus": request.form.get("ekspektasi_khusus", "").strip()})
    return _setelah(j, skp_id, f"Ekspektasi khusus {fmt.label(aspek)} disimpan.", "#perilaku")


AKSI = {
    "ajukan": "SKP diajukan ke pejabat penilai.",
    "setujui": "SKP disetujui.",
    "kembalikan": "SKP dikembalikan ke pegawai dengan catatan.",
}


@bp.post("/<skp_id>/<aksi>")
@perlu_masuk
def alur(skp_id, aksi):
    if aksi not in AKSI:
        from flask import abort
        abort(404)
    body = {"catatan": request.form.get("catatan", "").strip()} if aksi == "kembalikan" else None
    j = api("POST", "skp", f"/skp/{skp_id}/{aksi}", json=body)
    return _setelah(j, skp_id, AKSI[aksi])


@bp.get("/<skp_id>/riwayat")
@perlu_masuk
def riwayat(skp_id):
    skp = ambil("skp", f"/skp/{skp_id}")
    return render("skp/riwayat.html", skp=skp, riwayat=skp.get("riwayat") or [])


# -- Matriks Peran Hasil (a pimpinan shares an RHK out to his bawahan) ------------------------

KOLOM = 4  # columns shown in the editor (empty ones are left out)


@bp.route("/<skp_id>/rhk/<rhk_id>/matriks-peran", methods=["GET", "POST"])
@perlu_masuk
def matriks_peran(skp_id, rhk_id):
    skp = ambil("skp", f"/skp/{skp_id}")
    rhk = next((r for r in skp.get("rhk") or [] if r["id"] == rhk_id), None)
    if rhk is None:
        from flask import abort
        abort(404)
    relasi = api("GET", "identity", f"/pegawai/{skp['pegawai_id']}/relasi",
                 params={"tanggal": skp.get("periode_awal")})
    bawahan = (relasi.body or {}).get("bawahan") or [] if relasi.ok else []
    status = 200
    if request.method == "POST":
        f = request.form
        kolom = [f.get(f"kolom-{k}", "").strip() for k in range(KOLOM)]
        dipakai = [k for k, nama in enumerate(kolom) if nama]
        baris = []
        for b in bawahan:
            peran = [f.get(f"peran-{b['id']}-{k}", "").strip() or None for k in dipakai]
            if f.get(f"ikut-{b['id']}") or any(peran):
                baris.append({"pegawai_id": b["id"],
                              "jabatan_tim": f.get(f"tim-{b['id']}") or "ANGGOTA",
                              "peran": peran})
        j = api("PUT", "skp", f"/skp/{skp_id}/rhk/{rhk_id}/matriks-peran",
                json={"kolom": [kolom[k] for k in dipakai], "baris": baris})
        if hasil(j, "Matriks Peran Hasil disimpan."):
            return redirect(url_for("skp.matriks_peran", skp_id=skp_id, rhk_id=rhk_id))
        status = 422 if j.status == 422 else j.status
    mph = rhk.get("matriks_peran") or {"kolom": [], "baris": []}
    isian = {b["pegawai_id"]: b for b in mph.get("baris") or []}
    return render("skp/matriks_peran.html", status, skp=skp, rhk=rhk, bawahan=bawahan,
                  kolom=(mph.get("kolom") or []) + [""] * (KOLOM - len(mph.get("kolom") or [])),
                  isian=isian, milik=skp["pegawai_id"] == g.pengguna.id)
