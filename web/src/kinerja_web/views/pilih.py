"""Pickers for forms that take a unit or a pegawai: search by name with htmx (and, for a unit,
choose from the tree). Each answers a fragment of radio buttons (or check boxes) named as the
form's field, which htmx puts under the picker; the form posts the chosen id as before."""
from __future__ import annotations

import re

from flask import Blueprint, abort, g, request

from ..sesi import perlu_admin, perlu_masuk
from .common import api, render

bp = Blueprint("pilih", __name__, url_prefix="/pilih")

_NAMA_ISIAN = re.compile(r"^[a-z_]{1,40}$")
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _isian() -> tuple[str, str]:
    """The form field the choices post as, and the picker's element id prefix."""
    name, untuk = request.args.get("name", ""), request.args.get("untuk", "")
    if not _NAMA_ISIAN.match(name) or not _ID.match(untuk):
        abort(404)
    return name, untuk


def _instansi() -> str:
    pilih = request.args.get("instansi_id")
    if pilih and "admin_pusat" in g.pengguna.roles and _ID.match(pilih):
        return pilih
    return g.pengguna.instansi_id


@bp.get("/unor")
@perlu_admin
def unor():
    """Units whose name holds ``q`` (2+ letters), or one level of the tree (``atasan``; the
    top level without it)."""
    name, untuk = _isian()
    q = (request.args.get("q") or "").strip()
    atasan = request.args.get("atasan")
    params = {"instansi_id": _instansi(), "page_size": 500 if not (q or atasan) else 30}
    mode = "pohon"
    if q:
        mode = "cari"
        if len(q) < 2:
            return render("pilih/_unor.html", items=[], q=q, mode=mode, name=name, untuk=untuk,
                          pendek=True)
        params["nama"] = q
    elif atasan:
        if not _ID.match(atasan):
            abort(404)
        params["unor_atasan_id"] = atasan
    j = api("GET", "identity", "/unor", params=params)
    items = j.body if j.ok else []
    if mode == "pohon" and not atasan:  # the top of the tree: units without a parent here
        ada = {u["id"] for u in items}
        items = [u for u in items if not u.get("unor_atasan_id") or u["unor_atasan_id"] not in ada]
    total = j.paging.get("total", len(items)) if j.ok else 0
    return render("pilih/_unor.html", items=items, q=q, mode=mode, name=name, untuk=untuk,
                  total=total, pendek=False, atasan=atasan,
                  instansi_id=request.args.get("instansi_id", ""))


@bp.get("/pegawai")
@perlu_masuk
def pegawai():
    """Pegawai of the user's instansi by NIP prefix or name (3+ letters)."""
    name, untuk = _isian()
    q = (request.args.get("q") or "").strip()
    jamak = request.args.get("jamak") == "1"
    params = {"instansi_id": _instansi(), "aktif": "true", "page_size": 20}
    if q.isdigit():
        params["nip"] = q
    elif len(q) >= 3:
        params["nama"] = q
    else:
        return render("pilih/_pegawai.html", items=[], q=q, name=name, untuk=untuk,
                      jamak=jamak, pendek=bool(q), total=0)
    j = api("GET", "identity", "/pegawai", params=params)
    items = [p for p in (j.body or []) if p["id"] != request.args.get("kecuali")] if j.ok else []
    return render("pilih/_pegawai.html", items=items, q=q, name=name, untuk=untuk, jamak=jamak,
                  pendek=False, total=j.paging.get("total", len(items)) if j.ok else 0)


def nama_unor(unor_id: str | None) -> str | None:
    """The name of a unit for a picker's current choice (the id when it cannot be read)."""
    if not unor_id:
        return None
    j = api("GET", "identity", f"/unor/{unor_id}")
    return j.body.get("nama") if j.ok and isinstance(j.body, dict) else unor_id
