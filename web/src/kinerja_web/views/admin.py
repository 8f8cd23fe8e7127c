"""Admin of an instansi: unor tree (browse, edit, move), pegawai (search, edit, PLT/PLH),
bulk import with the dry-run report, periods (generate), capaian organisasi with its
distribution chart and statistics, progress per unor."""
from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, abort, g, redirect, request, url_for

from .. import format as fmt
from .. import grafik
from ..sesi import perlu_admin
from .common import ambil, api, daftar, hasil, render
from .pilih import nama_unor

bp = Blueprint("admin", __name__, url_prefix="/admin")

PEGAWAI_FIELDS = ("nama", "gelar_depan", "gelar_belakang", "jabatan", "jenis_jabatan",
                  "kategori_jabatan", "jenjang", "golongan", "unor_id", "email",
                  "status_kepegawaian", "tmt_jabatan", "tmt_golongan", "tmt_status")
UNOR_FIELDS = ("nama", "kode", "jenis", "eselon", "unor_atasan_id", "kota")


def instansi_id() -> str:
    """The instansi the admin works on: their own; an admin_pusat may pick another."""
    pilih = request.values.get("instansi_id")
    if pilih and "admin_pusat" in g.pengguna.roles:
        return pilih
    return g.pengguna.instansi_id


def _ctx(**kw) -> dict:
    iid = instansi_id()
    ctx = {"instansi_id": iid, "daftar_instansi": []}
    if "admin_pusat" in g.pengguna.roles:
        j = api("GET", "identity", "/instansi", params={"page_size": 500})
        ctx["daftar_instansi"] = j.body if j.ok else []
    ctx.update(kw)
    return ctx


def _isi(form, fields) -> dict:
    body = {}
    for k in fields:
        if k in form:
            v = form.get(k, "").strip()
            body[k] = v or None
    return body


# -- unor -------------------------------------------------------------------------------------

@bp.get("/unor")
@perlu_admin
def unor():
    iid = instansi_id()
    atasan = request.args.get("atasan")
    params = {"instansi_id": iid}
    if atasan:
        params["unor_atasan_id"] = atasan
    items, paging = daftar("identity", "/unor", params, page_size=500 if not atasan else 100)
    if not atasan:
        ada = {u["id"] for u in items}
        items = [u for u in items if not u.get("unor_atasan_id") or u["unor_atasan_id"] not in ada]
    if request.headers.get("HX-Request"):
        return render("admin/_unor_cabang.html", items=items, instansi_id=iid)
    return render("admin/unor.html", **_ctx(items=items, paging=paging))


@bp.route("/unor/baru", methods=["GET", "POST"])
@perlu_admin
def unor_baru():
    if request.method == "POST":
        body = {**_isi(request.form, UNOR_FIELDS), "instansi_id": instansi_id(),
                "mandiri": request.form.get("mandiri") == "ya"}
        j = api("POST", "identity", "/unor", json=body)
        if hasil(j, "Unit organisasi dibuat."):
            return redirect(url_for("admin.unor_ubah", unor_id=j.body["id"]))
        return render("admin/unor_form.html", 422, **_ctx(
            u=None, nama_atasan=nama_unor(request.form.get("unor_atasan_id"))))
    return render("admin/unor_form.html", **_ctx(u=None, nama_atasan=None))


@bp.route("/unor/<unor_id>", methods=["GET", "POST"])
@perlu_admin
def unor_ubah(unor_id):
    u = ambil("identity", f"/unor/{unor_id}")
    if request.method == "POST":
        body = {**_isi(request.form, UNOR_FIELDS), "mandiri": request.form.get("mandiri") == "ya"}
        j = api("PATCH", "identity", f"/unor/{unor_id}", json=body)
        if hasil(j, "Unit organisasi disimpan."):
            return redirect(url_for("admin.unor_ubah", unor_id=unor_id))
        return render("admin/unor_form.html", 422, **_ctx(
            u=u, nama_atasan=nama_unor(request.form.get("unor_atasan_id"))))
    return render("admin/unor_form.html",
                  **_ctx(u=u, nama_atasan=nama_unor(u.get("unor_atasan_id"))))


# -- pegawai ----------------------------------------------------------------------------------

@bp.get("/pegawai")
@perlu_admin
def pegawai():
    q = (request.args.get("q") or "").strip()
    params = {"instansi_id": instansi_id(), "unor_id": request.args.get("unor_id")}
    if q.isdigit():
        params["nip"] = q
    elif len(q) >= 3:
        params["nama"] = q
    items, paging = daftar("identity", "/pegawai", params)
    ctx = _ctx(items=items, paging=paging, q=q, pendek=bool(q) and not q.isdigit() and len(q) < 3)
    if request.headers.get("HX-Request"):
        return render("admin/_pegawai_hasil.html", **ctx)
    return render("admin/pegawai.html", **ctx)


@bp.route("/pegawai/<pegawai_id>", methods=["GET", "POST"])
@perlu_admin
def pegawai_ubah(pegawai_id):
    p = ambil("identity", f"/pegawai/{pegawai_id}")
    status = 200
    if request.method == "POST":
        body = _isi(request.form, PEGAWAI_FIELDS)
        j = api("PATCH", "identity", f"/pegawai/{pegawai_id}", json=body)
        if hasil(j, "Data pegawai disimpan."):
            return redirect(url_for("admin.pegawai_ubah", pegawai_id=pegawai_id))
        status = 422
    return _halaman_pegawai(p, status)


def _halaman_pegawai(p: dict, status: int = 200):
    """The pegawai's form, their Plt./Plh. with the units' names, the pickers' current units."""
    plt, _ = daftar("identity", "/plt-plh", {"pegawai_id": p["id"]}, page_size=50)
    nama = {}
    for x in plt:
        if x.get("unor_id") and x["unor_id"] not in nama:
            nama[x["unor_id"]] = nama_unor(x["unor_id"])
        x["unor_nama"] = nama.get(x.get("unor_id"))
    f = request.form if request.method == "POST" else {}
    unor_pegawai = f.get("unor_id") if f.get("form") == "pegawai" else p.get("unor_id")
    return render("admin/pegawai_form.html", status, **_ctx(
        p=p, plt=plt, nama_unor=nama_unor(unor_pegawai),
        nama_unor_plt=nama_unor(f.get("unor_id")) if f.get("form") == "plt" else None))


@bp.post("/pegawai/<pegawai_id>/plt-plh")
@perlu_admin
def plt_plh(pegawai_id):
    f = request.form
    body = {"pegawai_id": pegawai_id, "unor_id": f.get("unor_id") or None,
            "jenis": f.get("jenis") or None, "mulai": f.get("mulai") or None,
            "selesai": f.get("selesai") or None, "jabatan": f.get("jabatan") or None}
    j = api("POST", "identity", "/plt-plh", json=body)
    if hasil(j, f"Penugasan {fmt.label(body['jenis'])} disimpan."):
        return redirect(url_for("admin.pegawai_ubah", pegawai_id=pegawai_id) + "#plt")
    return _halaman_pegawai(ambil("identity", f"/pegawai/{pegawai_id}"), 422)


@bp.post("/pegawai/<pegawai_id>/password")
@perlu_admin
def reset_password(pegawai_id):
    j = api("POST", "identity", f"/pegawai/{pegawai_id}/password",
            json={"password_baru": request.form.get("password_baru", "")})
    hasil(j, "Kata sandi diatur ulang; sesi pegawai diakhiri.")
    return redirect(url_for("admin.pegawai_ubah", pegawai_id=pegawai_id))


# -- impor ------------------------------------------------------------------------------------

@bp.route("/impor", methods=["GET", "POST"])
@perlu_admin
def impor():
    if request.method == "GET":
        return render("admin/impor.html", **_ctx(laporan=None))
    jenis = request.form.get("jenis") if request.form.get("jenis") in ("pegawai", "unor") else None
    berkas = request.files.get("berkas")
    if not jenis or berkas is None or not berkas.filename:
        g.errors = {"berkas": ["Pilih berkas CSV atau Excel."]} if jenis else \
            {"jenis": ["Pilih jenis data."]}
        return render("admin/impor.html", 422, **_ctx(laporan=None))
    dry_run = request.form.get("dry_run") == "ya"
    j = api("POST", "identity", f"/impor/{jenis}",
            params={"instansi_id": instansi_id(), "dry_run": "true" if dry_run else "false"},
            files={"berkas": (berkas.filename, berkas.read(),
                              berkas.mimetype or "application/octet-stream")})
    laporan = j.body if isinstance(j.body, dict) and "jumlah_baris" in j.body else None
    if laporan is None and isinstance(j.body, dict) and "galat" in j.body:
        laporan = {"dry_run": dry_run, "galat": j.body["galat"],
                   "jumlah_baris": j.body.get("jumlah_baris"), "tambah": 0, "ubah": 0}
    if j.ok and laporan and laporan.get("galat"):
        from flask import flash
        flash(f"Uji coba menemukan {len(laporan['galat'])} baris bermasalah; belum ada yang "
              "disimpan.", "peringatan")
    elif j.ok:
        hasil(j, "Uji coba selesai: belum ada yang disimpan." if dry_run else
              "Impor selesai dan tersimpan.")
    else:
        g.errors = j.errors
        hasil(j)
    return render("admin/impor.html", 200 if j.ok else 422,
                  **_ctx(laporan=laporan, jenis=jenis))


# -- periode ----------------------------------------------------------------------------------

@bp.route("/periode", methods=["GET", "POST"])
@perlu_admin
def periode():
    tahun = request.values.get("tahun") or str(fmt.tahun_ini())
    status = 200
    if request.method == "POST":
        j = api("POST", "identity", "/periode/generate",
                json={"instansi_id": instansi_id(), "tahun": int(tahun) if tahun.isdigit()
                      else tahun, "skema": request.form.get("skema") or None})
        if hasil(j, f"Periode penilaian tahun {tahun} dibuat."):
            return redirect(url_for("admin.periode", tahun=tahun, instansi_id=instansi_id()))
        status = 422 if j.status == 422 else j.status
    items, paging = daftar("identity", "/periode", {"instansi_id": instansi_id(),
                                                    "tahun": tahun}, page_size=50)
    items.sort(key=lambda p: (p.get("final"), p.get("tanggal_awal") or ""))
    return render("admin/periode.html", status, **_ctx(items=items, paging=paging, tahun=tahun))


# -- capaian organisasi -----------------------------------------------------------------------

@bp.route("/capaian", methods=["GET", "POST"])
@perlu_admin
def capaian():
    tahun = request.values.get("tahun") or str(fmt.tahun_ini())
    status = 200
    if request.method == "POST":
        f = request.form
        body = {"periode_id": f.get("periode_id") or None, "unor_induk_id":
                f.get("unor_induk_id") or None, "capaian": f.get("capaian") or None}
        if f.get("bukti_dukung", "").strip():
            body["bukti_dukung"] = f["bukti_dukung"].strip()
        j = api("POST", "penilaian", "/capaian-organisasi", json=body)
        if hasil(j, "Capaian organisasi disimpan."):
            return redirect(url_for("admin.capaian_detail", capaian_id=j.body["id"]))
        status = 422 if j.status == 422 else j.status
    items, paging = daftar("penilaian", "/capaian-organisasi", {"tahun": tahun})
    per, _ = daftar("identity", "/periode", {"instansi_id": instansi_id(), "tahun": tahun},
                    page_size=50)
    induk, _ = daftar("identity", "/unor", {"instansi_id": instansi_id()}, page_size=500)
    induk = [u for u in induk if not u.get("unor_induk_id") or u.get("mandiri")]
    return render("admin/capaian.html", status, **_ctx(
        items=items, paging=paging, tahun=tahun, periode=per, induk=induk,
        nama_periode={p["id"]: p["nama"] for p in per},
        nama_unor={u["id"]: u["nama"] for u in induk}))


@bp.route("/capaian/<capaian_id>", methods=["GET", "POST"])
@perlu_admin
def capaian_detail(capaian_id):
    if request.method == "POST":
        aksi = request.form.get("aksi")
        if aksi not in ("final", "batal-final"):
            abort(404)
        j = api("POST", "penilaian", f"/capaian-organisasi/{capaian_id}/{aksi}")
        hasil(j, "Capaian difinalkan." if aksi == "final" else "Finalisasi dibatalkan.")
        return redirect(url_for("admin.capaian_detail", capaian_id=capaian_id))
    c = ambil("penilaian", f"/capaian-organisasi/{capaian_id}")
    st = ambil("penilaian", f"/capaian-organisasi/{capaian_id}/statistik")
    return render("admin/capaian_detail.html", **_ctx(
        c=c, st=st, grafik=grafik.distribusi(st.get("jumlah") or {}, st.get("aturan"))))


# -- progres ----------------------------------------------------------------------------------

def _total(service: str, path: str, params: dict) -> int | None:
    j = api("GET", service, path, params={**params, "page_size": 1})
    return j.paging.get("total", 0) if j.ok else None


@bp.get("/progres")
@perlu_admin
def progres():
    tahun = request.args.get("tahun") or str(fmt.tahun_ini())
    iid = instansi_id()
    units, paging = daftar("identity", "/unor", {"instansi_id": iid}, page_size=10)
    baris = []
    for u in units:
        q = {"unor_id": u["id"], "tahun": tahun}
        baris.append({
            "unor": u,
            "pegawai": _total("identity", "/pegawai", {"instansi_id": iid, "unor_id": u["id"],
                                                        "aktif": "true"}),
            "skp": _total("skp", "/skp", {**q, "status": "DISETUJUI"}),
            "skp_semua": _total("skp", "/skp", q),
            "dikirim": _total("penilaian", "/penilaian", {**q, "status": "DIKIRIM"}),
            "ditetapkan": _total("penilaian", "/penilaian", {**q, "status": "DITETAPKAN"}),
        })
    return render("admin/progres.html", **_ctx(baris=baris, paging=paging, tahun=tahun))


# -- perpanjangan batas pengisian -------------------------------------------------------------

@bp.route("/perpanjangan", methods=["GET", "POST"])
@perlu_admin
def perpanjangan():
    """Extend a period's batas pengisian for one pegawai or one unit (penilaian's
    /perpanjangan): the periods of a year, the extensions of the chosen one, the form."""
    tahun = request.values.get("tahun") or str(fmt.tahun_ini())
    per, _ = daftar("identity", "/periode", {"instansi_id": instansi_id(), "tahun": tahun},
                    page_size=50)
    per.sort(key=lambda p: (p.get("final") or False, p.get("tanggal_awal") or ""))
    periode_id = request.values.get("periode_id") or (per[0]["id"] if per else None)
    status = 200
    f = request.form
    if request.method == "POST":
        sasaran = f.get("sasaran")
        body = {"periode_id": periode_id,
                "pegawai_id": (f.get("pegawai_id") or None) if sasaran == "pegawai" else None,
                "unor_id": (f.get("unor_id") or None) if sasaran == "unor" else None,
                "batas_pengisian": f.get("batas_pengisian") or None,
                "alasan": (f.get("alasan") or "").strip() or None}
        j = api("POST", "penilaian", "/perpanjangan", json=body)
        if hasil(j, "Batas pengisian diperpanjang."):
            return redirect(url_for("admin.perpanjangan", tahun=tahun, periode_id=periode_id,
                                    instansi_id=instansi_id()))
        if sasaran == "unor" and "pegawai_id" in g.errors:  # "one of the two" names pegawai_id
            g.errors["unor_id"] = g.errors.pop("pegawai_id")
        status = 422 if j.status == 422 else j.status
    items, paging = daftar("penilaian", "/perpanjangan", {"periode_id": periode_id}) \
        if periode_id else ([], {"page": 1, "total_pages": 1, "total": 0})
    for x in items:
        if x.get("unor_id"):
            x["nama"] = nama_unor(x["unor_id"])
        elif x.get("pegawai_id"):
            j = api("GET", "identity", f"/pegawai/{x['pegawai_id']}")
            x["nama"] = j.body.get("nama") if j.ok else x["pegawai_id"]
    terpilih_pegawai = []
    if f.get("pegawai_id"):
        j = api("GET", "identity", f"/pegawai/{f['pegawai_id']}")
        terpilih_pegawai = [j.body] if j.ok else []
    return render("admin/perpanjangan.html", status, **_ctx(
        items=items, paging=paging, tahun=tahun, periode=per, periode_id=periode_id,
        periode_ini=next((p for p in per if p["id"] == periode_id), None),
        terpilih_pegawai=terpilih_pegawai, nama_unor_pilih=nama_unor(f.get("unor_id"))))


@bp.post("/perpanjangan/<perpanjangan_id>/cabut")
@perlu_admin
def cabut_perpanjangan(perpanjangan_id):
    """Withdraw an extension (kept on the list as withdrawn); back to the same period."""
    j = api("DELETE", "penilaian", f"/perpanjangan/{quote(perpanjangan_id, safe='')}")
    hasil(j, "Perpanjangan dicabut; batas pengisian kembali seperti semula.")
    f = request.form
    return redirect(url_for("admin.perpanjangan", tahun=f.get("tahun"),
                            periode_id=f.get("periode_id"), instansi_id=instansi_id()))


# -- pengaturan instansi ----------------------------------------------------------------------

PENGATURAN_PILIHAN = ("model_skp", "skema_periode", "penegakan_distribusi", "alur_keberatan",
                      "zona_waktu")
PENGATURAN_YA_TIDAK = ("angka_kredit_periodik", "tampilkan_nama_penilai_perilaku",
                       "predikat_tahunan_dari_periode_final", "pp30_penilaian_360",
                       "pp30_kepemimpinan_hanya_pimpinan")
BAND = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG")
# what a key the instansi never set means: identity's PENGATURAN_BAWAAN and, for the keys
# penilaian reads, penilaian's domain/pengaturan.py (identity stores only what was set)
BAWAAN = {"model_skp": "PERMENPAN_6_2022", "skema_periode": "TAHUNAN",
          "jendela_keberatan_hari": 14, "penegakan_distribusi": "PERINGATAN",
          "alur_keberatan": "PERMENPAN_6_2022", "angka_kredit_periodik": False,
          "zona_waktu": "Asia/Jakarta", "tampilkan_nama_penilai_perilaku": False,
          "predikat_tahunan_dari_periode_final": True, "pp30_penilaian_360": False,
          "pp30_kepemimpinan_hanya_pimpinan": True,
          "pp30_band": {"SANGAT_BAIK": 110, "BAIK": 90, "BUTUH_PERBAIKAN": 70, "KURANG": 50}}


def _angka(v: str | None):
    v = (v or "").strip()
    return int(v) if v.isdigit() else (v or None)


def _desimal(v: str | None):
    """A band as typed ("90", "87,5"): a number for the API, else the text (the API says
    what is wrong with it)."""
    v = (v or "").strip().replace(",", ".")
    try:
        return float(v) if v else None
    except ValueError:
        return v


def _teks_angka(v) -> str:
    return fmt.angka(v).replace(".", "") if isinstance(v, (int, float)) else str(v or "")


@bp.route("/pengaturan", methods=["GET", "POST"])
@perlu_admin
def pengaturan():
    """The instansi's pengaturan (identity's /instansi/{id}: model SKP, period scheme, keberatan,
    angka kredit, penilaian's settings, time zone). An admin_pusat changes them; an
    admin_instansi reads them (identity lets only admin_pusat write)."""
    iid = instansi_id()
    boleh = "admin_pusat" in g.pengguna.roles
    status = 200
    f = request.form
    if request.method == "POST":
        if not boleh:
            abort(403)
        p = {k: f.get(k) or None for k in PENGATURAN_PILIHAN}
        p.update({k: f.get(k) == "ya" for k in PENGATURAN_YA_TIDAK})
        p["jendela_keberatan_hari"] = _angka(f.get("jendela_keberatan_hari"))
        p["pemutus_keberatan_pegawai_id"] = f.get("pemutus_keberatan_pegawai_id") or None
        p["pp30_band"] = {b: _desimal(f.get(f"band_{b}")) for b in BAND}
        j = api("PATCH", "identity", f"/instansi/{iid}", json={"pengaturan": p})
        if hasil(j, "Pengaturan instansi disimpan."):
            return redirect(url_for("admin.pengaturan", instansi_id=iid))
        # the API names fields under pengaturan (and pp30_band.<predikat>)
        g.errors = {k.removeprefix("pengaturan.").replace("pp30_band.", "band_")
                    .removesuffix(".value").removesuffix(".key"): v
                    for k, v in g.errors.items()}
        status = 422 if j.status == 422 else j.status
    ins = ambil("identity", f"/instansi/{iid}")
    atur = {**BAWAAN, **(ins.get("pengaturan") or {})}
    if request.method == "POST":
        nilai = dict(f)
    else:
        nilai = {**{k: atur.get(k) for k in (*PENGATURAN_PILIHAN, "jendela_keberatan_hari")},
                 **{f"band_{b}": _teks_angka((atur.get("pp30_band") or {}).get(b))
                    for b in BAND}}
        nilai = {k: ("" if v is None else str(v)) for k, v in nilai.items()}
    ya = {k: (f.get(k) == "ya") if request.method == "POST" else bool(atur.get(k))
          for k in PENGATURAN_YA_TIDAK}
    pemutus_id = f.get("pemutus_keberatan_pegawai_id") if request.method == "POST" \
        else atur.get("pemutus_keberatan_pegawai_id")
    pemutus = []
    if pemutus_id:
        j = api("GET", "identity", f"/pegawai/{pemutus_id}")
        pemutus = [j.body if j.ok else {"id": pemutus_id, "nama": pemutus_id}]
    return render("admin/pengaturan.html", status, **_ctx(
        ins=ins, atur=atur, boleh=boleh, nilai=nilai, ya=ya, pemutus=pemutus, BAND=BAND))
