"""Relasi overrides, the "Ubah Profile" form of the manuals: who the pegawai's atasan (I-III),
rekan kerja and bawahan are when the unit structure says otherwise. The pegawai sets their own
(`/profil/relasi`), an admin any pegawai of the instansi (`/admin/pegawai/{id}/relasi`); the
computed relasi is shown next to the form."""
from __future__ import annotations

from flask import Blueprint, g, redirect, request, url_for

from ..sesi import perlu_admin, perlu_masuk
from .common import ambil, api, hasil, render

bp = Blueprint("relasi", __name__)

ATASAN = ("atasan_langsung_id", "atasan_ii_id", "atasan_iii_id")
DAFTAR = ("rekan_kerja_ids", "bawahan_ids")
# the resolved relasi field that shows each override's people
TAMPIL = {"atasan_langsung_id": "atasan_langsung", "atasan_ii_id": "atasan_ii",
          "atasan_iii_id": "atasan_iii", "rekan_kerja_ids": "rekan_kerja",
          "bawahan_ids": "bawahan"}


def _orang(relasi: dict, ids: list[str]) -> list[dict]:
    """``{id, nama, nip}`` of each id: from the resolved relasi, else identity."""
    kenal = {}
    for k in TAMPIL.values():
        v = relasi.get(k)
        for o in (v if isinstance(v, list) else [v] if v else []):
            kenal[o["id"]] = o
    out = []
    for i in ids:
        if i not in kenal:
            j = api("GET", "identity", f"/pegawai/{i}")
            kenal[i] = j.body if j.ok else {"id": i, "nama": i}
        out.append(kenal[i])
    return out


def _halaman(pegawai_id: str, admin: bool):
    p = ambil("identity", f"/pegawai/{pegawai_id}")
    status = 200
    if request.method == "POST":
        f = request.form
        body = {**{k: f.get(k) or None for k in ATASAN},
                **{k: [x for x in f.getlist(k) if x] for k in DAFTAR}}
        if f.get("aksi") == "kosongkan":
            body = {}
        j = api("PUT", "identity", f"/pegawai/{pegawai_id}/relasi", json=body)
        if hasil(j, "Relasi dikembalikan mengikuti struktur organisasi." if not body else
                 "Relasi disimpan."):
            return redirect(url_for("relasi.admin", pegawai_id=pegawai_id) if admin
                            else url_for("relasi.saya"))
        status = 422 if j.status == 422 else j.status
    r = ambil("identity", f"/pegawai/{pegawai_id}/relasi")
    manual = r.get("manual") or {}
    if request.method == "POST":
        f = request.form
        pilih = {**{k: [f[k]] if f.get(k) else [] for k in ATASAN},
                 **{k: [x for x in f.getlist(k) if x] for k in DAFTAR}}
    else:
        pilih = {**{k: [manual[k]] if manual.get(k) else [] for k in ATASAN},
                 **{k: list(manual.get(k) or []) for k in DAFTAR}}
    terpilih = {k: _orang(r, ids) for k, ids in pilih.items()}
    return render("relasi/ubah.html", status, p=p, r=r, terpilih=terpilih, admin=admin,
                  ada_manual=any(manual.get(k) for k in (*ATASAN, *DAFTAR)))


@bp.route("/profil/relasi", methods=["GET", "POST"])
@perlu_masuk
def saya():
    return _halaman(g.pengguna.id, admin=False)


@bp.route("/admin/pegawai/<pegawai_id>/relasi", methods=["GET", "POST"])
@perlu_admin
def admin(pegawai_id):
    return _halaman(pegawai_id, admin=True)
