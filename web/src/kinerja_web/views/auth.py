"""Masuk (login by NIP), keluar, keluar dari semua perangkat, ganti kata sandi."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, request, url_for

from .. import sesi
from .common import api, render

bp = Blueprint("auth", __name__)


@bp.route("/masuk", methods=["GET", "POST"])
def masuk():
    lanjut = request.values.get("lanjut", "")
    if request.method == "GET":
        if g.get("pengguna"):
            return redirect(sesi.tujuan_aman(lanjut))
        return render("auth/masuk.html", lanjut=lanjut)
    nip = (request.form.get("nip") or "").strip()
    errors = {}
    if not nip:
        errors["nip"] = ["NIP wajib diisi."]
    if not request.form.get("password"):
        errors["password"] = ["Kata sandi wajib diisi."]
    if errors:
        return render("auth/masuk.html", 422, lanjut=lanjut, errors=errors)
    j = api("POST", "identity", "/auth/login", token=None, retry=False,
            json={"nip": nip, "password": request.form["password"]})
    if j.ok:
        sesi.mulai(j.body)
        flash(f"Selamat datang, {j.body['pegawai']['nama']}.", "sukses")
        return redirect(sesi.tujuan_aman(lanjut))
    pesan = j.detail if j.status in (401, 429) else "Masuk gagal. Periksa NIP dan kata sandi."
    return render("auth/masuk.html", j.status if j.status in (401, 429) else 422,
                  lanjut=lanjut, errors={"password": [pesan]} if j.status == 401 else
                  {**{k: v for k, v in j.errors.items()}, "_": [pesan]})


@bp.post("/keluar")
def keluar():
    refresh = (g.token_baru[1] if g.get("token_baru") else request.cookies.get(sesi.REFRESH))
    if refresh:
        api("POST", "identity", "/auth/keluar", token=None, retry=False,
            json={"refresh_token": refresh})
    sesi.akhiri()
    flash("Anda telah keluar.", "sukses")
    return redirect(url_for("auth.masuk"))


@bp.post("/keluar-semua")
@sesi.perlu_masuk
def keluar_semua():
    j = api("POST", "identity", "/auth/keluar-semua")
    sesi.akhiri()
    if j.ok:
        flash("Anda telah keluar dari semua perangkat.", "sukses")
    else:
        flash(j.detail, "galat")
    return redirect(url_for("auth.masuk"))


@bp.route("/akun/kata-sandi", methods=["GET", "POST"])
@sesi.perlu_masuk
def kata_sandi():
    if request.method == "GET":
        return render("auth/kata_sandi.html")
    j = api("POST", "identity", "/auth/password", json={
        "password_lama": request.form.get("password_lama", ""),
        "password_baru": request.form.get("password_baru", "")})
    if not j.ok:
        return render("auth/kata_sandi.html", 422 if j.status == 422 else j.status,
                      errors=j.errors or {"_": [j.detail]})
    sesi.akhiri()
    flash("Kata sandi telah diganti. Semua sesi diakhiri; silakan masuk dengan kata sandi baru.",
          "sukses")
    return redirect(url_for("auth.masuk"))
