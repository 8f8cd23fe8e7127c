"""Perjanjian Kinerja (BKN manual): one per pegawai and year, its sasaran strategis with their
indikator and targets; an SKP JPT copies the sasaran into RHK utama ("Salin", on the SKP)."""
from __future__ import annotations

from flask import Blueprint, abort, g, redirect, request, url_for

from .. import format as fmt
from ..sesi import perlu_masuk
from .common import ambil, api, daftar, hasil, render

bp = Blueprint("perjanjian", __name__, url_prefix="/perjanjian-kinerja")


@bp.route("", methods=["GET", "POST"], endpoint="daftar")
@perlu_masuk
def daftar_pk():
    tahun = request.values.get("tahun") or str(fmt.tahun_ini())
    status = 200
    if request.method == "POST":
        j = api("POST", "skp", "/perjanjian-kinerja",
                json={"tahun": int(tahun) if tahun.isdigit() else tahun, "sasaran": []})
        if hasil(j, f"Perjanjian Kinerja tahun {tahun} dibuat. Tambahkan sasaran strategis."):
            return redirect(url_for("perjanjian.detail", pk_id=j.body["id"]))
        status = 422 if j.status == 422 else j.status
    items, paging = daftar("skp", "/perjanjian-kinerja", {"pegawai_id": g.pengguna.id})
    items.sort(key=lambda p: p.get("tahun") or 0, reverse=True)
    return render("perjanjian/daftar.html", status, items=items, paging=paging, tahun=tahun)


def _tampil(pk_id: str, status: int = 200):
    pk = ambil("skp", f"/perjanjian-kinerja/{pk_id}")
    return render("perjanjian/detail.html", status, pk=pk,
                  milik=pk.get("pegawai_id") == g.pengguna.id)


@bp.get("/<pk_id>")
@perlu_masuk
def detail(pk_id):
    return _tampil(pk_id)


def _setelah(j, pk_id: str, pesan: str, jangkar: str = ""):
    if hasil(j, pesan):
        return redirect(url_for("perjanjian.detail", pk_id=pk_id) + jangkar)
    return _tampil(pk_id, 422 if j.status == 422 else j.status)


def _indikator(f) -> dict:
    return {"uraian": (f.get("uraian") or "").strip(),
            "target": (f.get("target") or "").strip() or None,
            "satuan": (f.get("satuan") or "").strip() or None}


@bp.post("/<pk_id>/<aksi>")
@bp.post("/<pk_id>/sasaran/<sid>/<aksi>")
@bp.post("/<pk_id>/sasaran/<sid>/indikator/<iid>/<aksi>")
@perlu_masuk
def ubah(pk_id, aksi, sid=None, iid=None):
    """Every write of the page: sasaran (tambah, ubah, hapus), indikator (tambah, ubah, hapus),
    the Perjanjian Kinerja itself (hapus)."""
    f = request.form
    dasar = f"/perjanjian-kinerja/{pk_id}"
    if sid is None and aksi == "tambah-sasaran":
        j = api("POST", "skp", f"{dasar}/sasaran", json={"uraian": f.get("uraian", "").strip()})
        return _setelah(j, pk_id, "Sasaran strategis ditambahkan.", "#sasaran")
    if sid is None and aksi == "hapus":
        j = api("DELETE", "skp", dasar)
        if hasil(j, "Perjanjian Kinerja dihapus."):
            return redirect(url_for("perjanjian.daftar"))
        return _tampil(pk_id, j.status)
    if sid and iid is None:
        jalur = f"{dasar}/sasaran/{sid}"
        if aksi == "ubah":
            j = api("PATCH", "skp", jalur, json={"uraian": f.get("uraian", "").strip()})
            return _setelah(j, pk_id, "Sasaran strategis diubah.", f"#sasaran-{sid}")
        if aksi == "hapus":
            j = api("DELETE", "skp", jalur)
            return _setelah(j, pk_id, "Sasaran strategis dihapus.", "#sasaran")
        if aksi == "tambah-indikator":
            j = api("POST", "skp", f"{jalur}/indikator", json=_indikator(f))
            return _setelah(j, pk_id, "Indikator ditambahkan.", f"#sasaran-{sid}")
    if sid and iid:
        jalur = f"{dasar}/sasaran/{sid}/indikator/{iid}"
        if aksi == "ubah":
            j = api("PATCH", "skp", jalur, json=_indikator(f))
            return _setelah(j, pk_id, "Indikator diubah.", f"#sasaran-{sid}")
        if aksi == "hapus":
            j = api("DELETE", "skp", jalur)
            return _setelah(j, pk_id, "Indikator dihapus.", f"#sasaran-{sid}")
    abort(404)
