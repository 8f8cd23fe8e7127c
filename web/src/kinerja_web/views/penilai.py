"""Pejabat penilai: SKP bawahan to approve or return, penilaian bawahan (umpan balik, rating,
tetapkan on the penilaian page), and the bulk rating grid with the what-if distribution next
to what the capaian organisasi allows, and "Tetapkan semua" for the predikat it saved."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, request, url_for

from .. import format as fmt
from .. import grafik
from ..sesi import perlu_masuk
from .common import api, daftar, render

bp = Blueprint("penilai", __name__, url_prefix="/penilai")


@bp.get("/skp")
@perlu_masuk
def skp_bawahan():
    tahun = request.args.get("tahun") or fmt.tahun_ini()
    status = request.args.get("status") or ""
    items, paging = daftar("skp", "/skp/bawahan", {"tahun": tahun, "status": status})
    return render("penilai/skp_bawahan.html", items=items, paging=paging, tahun=tahun,
                  status_filter=status)


@bp.get("/penilaian")
@perlu_masuk
def penilaian_bawahan():
    tahun = request.args.get("tahun") or fmt.tahun_ini()
    status = request.args.get("status") or ""
    items, paging = daftar("penilaian", "/penilaian", {"sebagai": "PEJABAT_PENILAI",
                                                       "tahun": tahun, "status": status})
    return render("penilai/penilaian_bawahan.html", items=items, paging=paging, tahun=tahun,
                  status_filter=status)


def _grid(tahun, periode_id):
    """The penilaian of my bawahan in one period, and the instansi's periods of the year to
    choose from (default: the period of today, else the first)."""
    per, _ = daftar("identity", "/periode", {"instansi_id": g.pengguna.instansi_id,
                                             "tahun": tahun}, page_size=50)
    per.sort(key=lambda p: (p.get("final") or False, p.get("tanggal_awal") or ""))
    pilihan = [(p["id"], p) for p in per]
    if not periode_id and per:
        hari_ini = fmt.hari_ini().isoformat()
        kini = [p for p in per if not p.get("final")
                and (p.get("tanggal_awal") or "") <= hari_ini <= (p.get("tanggal_akhir") or "")]
        periode_id = (kini or per)[0]["id"]
    baris = []
    if periode_id:
        baris, _ = daftar("penilaian", "/penilaian", {"sebagai": "PEJABAT_PENILAI",
                                                      "periode_id": periode_id}, page_size=500)
        baris.sort(key=lambda p: (p.get("pegawai") or {}).get("nama") or "")
    return baris, pilihan, periode_id


def _items(form, baris) -> list[dict]:
    out = []
    for p in baris:
        rp = form.get(f"rp-{p['id']}")
        if not rp:
            continue
        out.append({"penilaian_id": p["id"], "rating_perilaku": rp,
                    "rating_hasil_kerja": form.get(f"rhk-{p['id']}") or None})
    return out


@bp.route("/rating-massal", methods=["GET", "POST"])
@perlu_masuk
def rating_massal():
    tahun = request.values.get("tahun") or fmt.tahun_ini()
    baris, pilihan, periode_id = _grid(tahun, request.values.get("periode_id"))
    ctx = {"tahun": tahun, "baris": baris, "pilihan": pilihan, "periode_id": periode_id,
           "grafik": None, "hasil": None, "siap": len(siap_ditetapkan(baris))}
    if request.method == "POST":
        items = _items(request.form, baris)
        simpan = request.form.get("aksi") == "simpan"
        if not items:
            flash("Pilih rating untuk minimal satu pegawai.", "galat")
            return render("penilai/rating_massal.html", 422, **ctx)
        body = {"items": items, "dry_run": not simpan}
        if request.form.get("justifikasi", "").strip():
            body["justifikasi"] = request.form["justifikasi"].strip()
        j = api("POST", "penilaian", "/penilaian/rating-massal", json=body)
        if j.ok:
            ctx["hasil"] = j.body
            d = (j.body.get("distribusi") or [{}])[0]
            ctx["grafik"] = grafik.distribusi(d.get("jumlah") or {}, d.get("aturan"))
            ctx["distribusi"] = d
            if simpan:
                flash(f"Rating {len(items)} pegawai disimpan.", "sukses")
                if not request.headers.get("HX-Request"):
                    return redirect(url_for("penilai.rating_massal", tahun=tahun,
                                            periode_id=periode_id))
        else:
            g.errors = j.errors
            flash(j.detail, "galat")
            if isinstance(j.body, dict) and j.body.get("distribusi"):
                d = j.body["distribusi"][0] if isinstance(j.body["distribusi"], list) \
                    else j.body["distribusi"]
                ctx["grafik"] = grafik.distribusi(d.get("jumlah") or {}, d.get("aturan"))
                ctx["distribusi"] = d
        if request.headers.get("HX-Request"):
            return render("penilai/_distribusi.html", 200, **ctx)
        return render("penilai/rating_massal.html", 200 if j.ok else 422, **ctx)
    return render("penilai/rating_massal.html", **ctx)


def siap_ditetapkan(baris) -> list[dict]:
    """The rows with a predikat that is not set yet."""
    return [p for p in baris if p.get("predikat") and p.get("status") in ("DRAFT", "DIKIRIM")]


@bp.post("/rating-massal/tetapkan")
@perlu_masuk
def tetapkan_massal():
    """"Tetapkan semua": every penilaian of the period shown that has a predikat and is not set
    yet, in one call (all or nothing)."""
    tahun = request.form.get("tahun") or fmt.tahun_ini()
    baris, _pilihan, periode_id = _grid(tahun, request.form.get("periode_id"))
    siap = siap_ditetapkan(baris)
    if not siap:
        flash("Tidak ada predikat yang siap ditetapkan pada periode ini.", "galat")
    else:
        j = api("POST", "penilaian", "/penilaian/tetapkan-massal",
                json={"penilaian_ids": [p["id"] for p in siap]})
        if j.ok:
            flash(f"Predikat {j.body['jumlah']} pegawai ditetapkan.", "sukses")
        else:
            flash(j.detail, "galat")
    return redirect(url_for("penilai.rating_massal", tahun=tahun, periode_id=periode_id))
