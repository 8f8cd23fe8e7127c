"""Beranda: what the user has to do now."""
from __future__ import annotations

from flask import Blueprint, g

from .. import format as fmt
from ..sesi import perlu_masuk
from .common import api, render

bp = Blueprint("beranda", __name__)


def _total(service: str, path: str, params: dict) -> int:
    j = api("GET", service, path, params={**params, "page_size": 1})
    return j.paging.get("total", 0) if j.ok else 0


@bp.get("/")
@perlu_masuk
def index():
    tahun = fmt.tahun_ini()
    j = api("GET", "skp", "/skp", params={"pegawai_id": g.pengguna.id, "tahun": tahun,
                                         "page_size": 5})
    skp = j.body if j.ok else []
    kartu = {
        "realisasi_draf": _total("penilaian", "/penilaian", {"pegawai_id": g.pengguna.id,
                                                             "tahun": tahun, "status": "DRAFT"}),
        "tugas_perilaku": _total("penilaian", "/tugas-perilaku", {"tahun": tahun}),
        "skp_menunggu": _total("skp", "/skp/bawahan", {"tahun": tahun, "status": "DIAJUKAN"}),
        "penilaian_dikirim": _total("penilaian", "/penilaian", {
            "sebagai": "PEJABAT_PENILAI", "tahun": tahun, "status": "DIKIRIM"}),
    }
    return render("beranda.html", skp=skp, kartu=kartu, tahun=tahun)
