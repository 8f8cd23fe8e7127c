"""Angka kredit (BKN manual §2.6, §2.14, §2.15; PermenPAN-RB 1/2023): the pegawai's AK
(konversi per year, akumulasi, kebutuhan and selisih for the next pangkat and jenjang); for
admins (and the pejabat penilai on the rows he may act on) the list, one PAK with its lifecycle
(ajukan, setujui, tandatangani, kembalikan with a reason, batalkan an integrasi), the rows
ticked on the list taking one step together, and the integrasi import with its dry run. Everything through angka-kredit's API."""
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
                                                     STATUS=STATUS, SUMBER=SUMBER,
                                                     halaman=request.args.get("page", ""),
                                                     hari_ini=fmt.hari_ini().isoformat()))


MASSAL = {"ajukan": ("ajukan-massal", "diajukan"), "setujui": ("setujui-massal", "disetujui"),
          "tandatangani": ("tandatangani-massal", "ditandatangani")}


ISIAN_MASSAL = {"tempat": "Tempat penetapan", "tanggal_sk": "Tanggal SK",
                "metode": "Metode tanda tangan"}


@bp.post("/kelola/massal")
@perlu_admin
def kelola_massal():
    """The rows ticked on the list take one step together (ajukan, setujui or tandatangani):
    all or nothing, as the API does it; back to the same filtered list."""
    f = request.form
    kembali = {k: f.get(f"kembali_{k}", "") for k in (*FILTER, "instansi_id", "page")}
    kembali = {k: v for k, v in kembali.items() if v}
    ids = list(dict.fromkeys(f.getlist("pilih")))
    aksi = f.get("aksi", "")
    if aksi not in MASSAL:
        flash("Pilih tindakan untuk PAK yang dicentang.", "galat")
    elif not ids:
        flash("Centang minimal satu PAK.", "galat")
    else:
        jalur, kata = MASSAL[aksi]
        if aksi == "ajukan":
            body = {"items": [{"angka_kredit_id": i} for i in ids],
                    "tempat": f.get("tempat", "").strip(),
                    "tanggal_sk": f.get("tanggal_sk") or None}
        elif aksi == "tandatangani":
            body = {"angka_kredit_ids": ids, "metode": f.get("metode") or None}
        else:
            body = {"angka_kredit_ids": ids}
        j = api("POST", "angka-kredit", f"/angka-kredit/{jalur}", json=body)
        if j.ok:
            flash(f"{j.body['jumlah']} PAK {kata}.", "sukses")
        else:
            # the API names the PAK and what is wrong with it; the form's own fields
            # (tempat, tanggal, metode) come back as field errors of the request
            salah = "; ".join(f"{ISIAN_MASSAL[k]}: {' '.join(v)}"
                              for k, v in (j.errors or {}).items() if k in ISIAN_MASSAL)
            flash(f"{salah or j.detail} Tidak ada PAK yang diubah.", "galat")
    return redirect(url_for("angka_kredit.kelola", **kembali))


@bp.route("/integrasi", methods=["GET", "POST"])
@perlu_admin
def integrasi():
    if request.method == "GET":
        return render("angka_kredit/integrasi.html", **_ctx(laporan=None, terpilih=[]))
    berkas = request.files.get("berkas")
    if berkas is None or not berkas.filename:
        g.errors = {"berkas": ["Pilih berkas CSV atau Excel."]}
        return render("angka_kredit/integrasi.html", 422, **_ctx(laporan=None, terpilih=[]))
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
                  **_ctx(laporan=laporan, terpilih=[]))


@bp.post("/integrasi/satu")
@perlu_admin
def integrasi_satu():
    """One pegawai's integrasi (angka-kredit's single endpoint): the pegawai chosen with the
    picker, AK lama and the integrasi date; the new row opens on success."""
    f = request.form
    body = {"pegawai_id": f.get("pegawai_id") or None,
            "ak_lama": (f.get("ak_lama") or "").strip().replace(",", ".") or None,
            "tanggal": f.get("tanggal") or None}
    j = api("POST", "angka-kredit", "/angka-kredit/integrasi", json=body)
    if hasil(j, "Integrasi angka kredit tersimpan."):
        return redirect(url_for("angka_kredit.detail", angka_kredit_id=j.body["id"]))
    terpilih = []
    if f.get("pegawai_id"):
        p = api("GET", "identity", f"/pegawai/{f['pegawai_id']}")
        terpilih = [p.body] if p.ok else []
    return render("angka_kredit/integrasi.html", 422 if j.status == 422 else j.status,
                  **_ctx(laporan=None, terpilih=terpilih, satu=True))


# -- the instansi's pengaturan and PAK templates (BKN admin manual §2.14, §2.15) --------------

PENOMORAN = ("MANUAL", "OTOMATIS")
METODE = ("TTE", "TTD_BASAH")
# the unsettled keterampilan figures: pengaturan key -> (referensi list, key of a row, label)
ANGKA = {"kebutuhan_pangkat": ("pangkat", "golongan", "Kebutuhan AK kenaikan pangkat"),
         "kebutuhan_jenjang": ("jenjang", "jenjang", "Kebutuhan AK kenaikan jenjang"),
         "nilai_dasar": ("nilai_dasar", "jenjang", "Nilai dasar integrasi")}
fmt.LABEL.update({"MANUAL": "Manual (nomor SK diisi saat pengajuan)",
                  "OTOMATIS": "Otomatis (nomor SK dibuat saat persetujuan)"})


def _iid() -> dict:
    return {"instansi_id": instansi_id()} if "admin_pusat" in g.pengguna.roles else {}


def _angka_diatur() -> list[dict]:
    """The keterampilan figures an instansi may set (the version in force today), each with
    its default: ``{nama, kunci, field, label, bawaan}``."""
    j = api("GET", "angka-kredit", "/referensi/kebutuhan",
            params={"tanggal": fmt.hari_ini().isoformat()})
    versi = j.body[-1] if j.ok and j.body else {}
    out = []
    for nama, (daftar_, kunci, judul) in ANGKA.items():
        for r in versi.get(daftar_) or []:
            if r.get("tidak_tetap"):
                k = r.get(kunci)
                out.append({"nama": nama, "kunci": k, "field": f"{nama}.{k}", "judul": judul,
                            "label": (f"{k} ke {r['golongan_berikutnya']}"
                                      if r.get("golongan_berikutnya") else
                                      k if kunci == "golongan" else fmt.label(k)),
                            "bawaan": r.get("bawaan")})
    return out


def _isian_pengaturan(p: dict, angka: list[dict]) -> dict:
    v = {k: p.get(k) for k in ("penomoran", "format_nomor", "hari_acuan_bulan", "tempat")}
    for a in angka:
        v[a["field"]] = (p.get(a["nama"]) or {}).get(a["kunci"]) or ""
    return v


def _isian_template(t: dict) -> dict:
    return {"judul": t.get("judul") or "", "kop": "\n".join(t.get("kop") or []),
            "tembusan": "\n".join(t.get("tembusan") or []), "catatan": t.get("catatan") or ""}


def _galat(errors: dict) -> dict:
    """422 keys of a figure (``kebutuhan_pangkat.III/a`` or deeper) on the figure's field."""
    out: dict = {}
    for k, v in (errors or {}).items():
        nama, _, sisa = k.partition(".")
        kunci = sisa.rsplit(".", 1)[0] if sisa.endswith((".value", ".key")) else sisa
        out.setdefault(f"{nama}.{kunci}" if nama in ANGKA and kunci else k, []).extend(v)
    return out


def _halaman(status: int = 200, bagian: str | None = None, errors: dict | None = None,
             isian: dict | None = None):
    """The page; the form at fault (``bagian``: ``pengaturan`` or a metode) shows what was sent
    and its errors, the others what the API holds."""
    p = ambil("angka-kredit", "/pengaturan", params=_iid())
    angka = _angka_diatur()
    template = {m: ambil("angka-kredit", f"/template/{m}", params=_iid()) for m in METODE}
    galat = {b: {} for b in ("pengaturan", *METODE)}
    nilai = {"pengaturan": _isian_pengaturan(p, angka),
             **{m: _isian_template(t) for m, t in template.items()}}
    if bagian:
        galat[bagian] = errors or {}
        nilai[bagian] = isian or {}
    return render("angka_kredit/pengaturan.html", status, **_ctx(
        p=p, angka=angka, templat=template, salah=galat, isian=nilai, PENOMORAN=PENOMORAN,
        METODE=METODE))


@bp.route("/pengaturan", methods=["GET", "POST"])
@perlu_admin
def pengaturan():
    if request.method == "GET":
        return _halaman()
    f = request.form
    hari = (f.get("hari_acuan_bulan") or "").strip()
    body: dict = {"penomoran": f.get("penomoran") or None,
                  "format_nomor": (f.get("format_nomor") or "").strip() or None,
                  "hari_acuan_bulan": int(hari) if hari.isdigit() else (hari or None),
                  "tempat": (f.get("tempat") or "").strip() or None}
    angka = _angka_diatur()
    for nama in ANGKA:  # every figure sent replaces the map: an empty field is the default
        body[nama] = {a["kunci"]: (f.get(a["field"]) or "").strip().replace(",", ".")
                      for a in angka if a["nama"] == nama and (f.get(a["field"]) or "").strip()}
    j = api("PUT", "angka-kredit", "/pengaturan", params=_iid(), json=body)
    if hasil(j, "Pengaturan angka kredit tersimpan."):
        return redirect(url_for("angka_kredit.pengaturan", **_iid()))
    return _halaman(422 if j.status == 422 else j.status, "pengaturan", _galat(j.errors),
                    f.to_dict())


def _baris(teks: str) -> list[str]:
    return [x.strip() for x in (teks or "").splitlines() if x.strip()]


@bp.post("/template/<any(TTE, TTD_BASAH):metode>")
@perlu_admin
def template(metode):
    import base64

    f = request.form
    body = {"judul": f.get("judul", "").strip() or None, "kop": _baris(f.get("kop", "")),
            "tembusan": _baris(f.get("tembusan", "")),
            "catatan": f.get("catatan", "").strip() or None}
    berkas = request.files.get("berkas")
    if berkas is not None and berkas.filename:
        isi = berkas.read()
        if not berkas.filename.lower().endswith(".docx") or len(isi) > 2 * 1024 * 1024:
            return _halaman(422, metode, {"berkas": [
                "Pilih berkas Word (.docx) paling besar 2 MB."]}, f.to_dict())
        body["berkas_nama"] = berkas.filename
        body["berkas_base64"] = base64.b64encode(isi).decode("ascii")
    j = api("PUT", "angka-kredit", f"/template/{metode}", params=_iid(), json=body)
    nama = "TTE" if metode == "TTE" else "tanda tangan basah"
    if hasil(j, f"Template PAK {nama} tersimpan (versi {(j.body or {}).get('versi', '')})."
             if j.ok else None):
        return redirect(url_for("angka_kredit.pengaturan", **_iid()) + f"#template-{metode}")
    errors = {("berkas" if k.startswith("berkas") else k.split(".")[0]): v
              for k, v in (j.errors or {}).items()}
    return _halaman(422 if j.status == 422 else j.status, metode, errors, f.to_dict())


@bp.get("/template/<any(TTE, TTD_BASAH):metode>/berkas")
@perlu_admin
def template_berkas(metode):
    from .laporan import _berkas

    j = api("GET", "angka-kredit", f"/template/{metode}/berkas", params=_iid())
    if j.status in (403, 404):
        abort(404)
    if not j.ok:
        abort(502)
    return _berkas(j, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
