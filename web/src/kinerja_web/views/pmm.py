"""PMM for the admin_instansi over integration's API (BKN manual §2.8 Kinerja Guru, §2.9 User
PMM): the teachers' scores brought from PMM, the teachers registered as PMM users (register,
remove) and the PLT kepala sekolah mapping of PMM schools to units. The sync log is
``integrasi.pmm``."""
from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, g, redirect, request, url_for

from ..sesi import perlu_admin
from .common import ambil, api, hasil, render
from .saringan import daftar_tersaring

bp = Blueprint("pmm", __name__, url_prefix="/integrasi/pmm")

TIPE_SKP = [("GURU", "Guru"), ("KEPALA_SEKOLAH", "Kepala sekolah")]


def _periode(p: str) -> str:
    """``2025-S1`` as "Semester 1 2025"."""
    if len(p or "") == 7 and p[4:6] == "-S":
        return f"Semester {p[6]} {p[:4]}"
    return p or "—"


@bp.get("/kinerja-guru")
@perlu_admin
def kinerja_guru():
    args = {k: request.args.get(k, "").strip() for k in ("periode", "nama")}
    items, paging, errors = daftar_tersaring("integration", "/pmm/kinerja-guru", args)
    return render("pmm/kinerja_guru.html", items=items, paging=paging, args=args,
                  errors=errors, nilai=args, periode=_periode)


@bp.route("/pengguna", methods=["GET", "POST"])
@perlu_admin
def pengguna():
    status = 200
    if request.method == "POST":
        f = request.form
        j = api("POST", "integration", "/pmm/pengguna",
                json={"nip": f.get("nip", "").strip(), "tipe_skp": f.get("tipe_skp") or "GURU"})
        if hasil(j, f"{j.body.get('nama') if j.ok else ''} terdaftar sebagai pengguna PMM."):
            return redirect(url_for("pmm.pengguna"))
        if j.status == 409:  # already registered: said at the NIP
            g.errors = {"nip": [j.detail]}
        status = 422 if j.status == 422 else j.status if j.status in (409, 503) else 200
    args = {k: request.args.get(k, "").strip() for k in ("nip", "nama")}
    items, paging, saring_galat = daftar_tersaring("integration", "/pmm/pengguna", args)
    return render("pmm/pengguna.html", status, items=items, paging=paging, args=args,
                  saring_galat=saring_galat, TIPE_SKP=TIPE_SKP)


@bp.post("/pengguna/<pegawai_id>/hapus")
@perlu_admin
def hapus_pengguna(pegawai_id):
    j = api("DELETE", "integration", f"/pmm/pengguna/{quote(pegawai_id, safe='')}")
    hasil(j, "Pengguna PMM dihapus.")
    return redirect(url_for("pmm.pengguna"))


def _unor() -> list[tuple[str, str]]:
    """The instansi's units for the PLT mapping's choice, by name."""
    j = api("GET", "identity", "/unor", params={"instansi_id": g.pengguna.instansi_id,
                                                 "page_size": 500})
    return sorted(((u["id"], u["nama"]) for u in (j.body or [])), key=lambda u: u[1]) \
        if j.ok else []


@bp.route("/plt", methods=["GET", "POST"])
@perlu_admin
def plt():
    status = 200
    if request.method == "POST":
        f = request.form
        sekolah = f.get("pmm_sekolah", "").strip()
        j = api("POST", "integration", "/pmm/sinkron-plt", json={"pasangan": [
            {"pmm_sekolah": sekolah, "unor_id": f.get("unor_id", "")}]})
        if hasil(j, f"Sekolah {sekolah} dipetakan ke unit PLT kepala sekolahnya."):
            return redirect(url_for("pmm.plt"))
        # one pair: its fields (``pasangan.0.unor_id``) are the form's
        g.errors = {k.split(".")[-1]: v for k, v in (j.errors or {}).items()}
        status = 422 if j.status == 422 else 200
    items, paging, _ = daftar_tersaring("integration", "/pmm/sinkron-plt", {})
    return render("pmm/plt.html", status, items=items, paging=paging, unor=_unor())


@bp.post("/plt/<pmm_sekolah>/hapus")
@perlu_admin
def hapus_plt(pmm_sekolah):
    j = api("DELETE", "integration", f"/pmm/sinkron-plt/{quote(pmm_sekolah, safe='')}")
    hasil(j, f"Pemetaan PLT sekolah {pmm_sekolah} dihapus.")
    return redirect(url_for("pmm.plt"))


# -- pipelines: service accounts and webhooks ----------------------------------------------------

bp_pipeline = Blueprint("pipeline", __name__, url_prefix="/integrasi")

SCOPES = [("feed:predikat", "Feed predikat kinerja"), ("feed:angka-kredit", "Feed angka kredit"),
          ("feed:sinkron", "Feed hasil sinkronisasi"), ("export", "Ekspor NDJSON dan CSV")]
JENIS_WEBHOOK = [("PREDIKAT", "Predikat kinerja"), ("ANGKA_KREDIT", "Angka kredit"),
                 ("SINKRON", "Hasil sinkronisasi")]


def _galat_daftar(errors: dict, name: str) -> dict:
    """A list field's errors (``scopes.0``) shown at the list's fieldset (``scopes``)."""
    out: dict = {}
    for k, v in (errors or {}).items():
        key = name if k.startswith(f"{name}.") else k
        out.setdefault(key, []).extend(v if isinstance(v, list) else [v])
    return out


@bp_pipeline.route("/klien", methods=["GET", "POST"])
@perlu_admin
def klien():
    return _buat_dengan_rahasia(
        "/klien", "pmm/klien.html", "scopes", lambda f: {"nama": f.get("nama", "").strip()},
        "Akun layanan dibuat. Simpan rahasianya sekarang: tidak ditampilkan lagi.",
        SCOPES=SCOPES)


def _buat_dengan_rahasia(jalur: str, templat: str, pilihan: str, isian, berhasil: str, **ctx):
    """A list with a create form whose answer holds a secret shown once (service accounts,
    webhooks): POST creates (201 with the secret on the page), GET lists."""
    status, baru = 200, None
    if request.method == "POST":
        f = request.form
        j = api("POST", "integration", jalur, json={**isian(f), pilihan: f.getlist(pilihan)})
        if hasil(j, berhasil):
            baru, status = j.body, 201
        else:
            g.errors = _galat_daftar(j.errors, pilihan)
            status = 422 if j.status == 422 else 200
    items, paging, _ = daftar_tersaring("integration", jalur, {})
    return render(templat, status, items=items, paging=paging, baru=baru,
                  pilihan=request.form.getlist(pilihan) if not baru else [], **ctx)


@bp_pipeline.post("/klien/<klien_id>/cabut")
@perlu_admin
def cabut_klien(klien_id):
    j = api("DELETE", "integration", f"/klien/{quote(klien_id, safe='')}")
    hasil(j, "Akun layanan dicabut; tokennya tidak berlaku lagi.")
    return redirect(url_for("pipeline.klien"))


@bp_pipeline.route("/webhook", methods=["GET", "POST"])
@perlu_admin
def webhook():
    return _buat_dengan_rahasia(
        "/webhook", "pmm/webhook.html", "jenis", lambda f: {"url": f.get("url", "").strip()},
        "Webhook ditambahkan. Simpan rahasianya sekarang: tidak ditampilkan lagi.",
        JENIS_WEBHOOK=JENIS_WEBHOOK)


@bp_pipeline.post("/webhook/<webhook_id>/hapus")
@perlu_admin
def hapus_webhook(webhook_id):
    j = api("DELETE", "integration", f"/webhook/{quote(webhook_id, safe='')}")
    hasil(j, "Webhook dihapus.")
    return redirect(url_for("pipeline.webhook"))


STATUS_KIRIM = ("MENUNGGU", "TERKIRIM", "GAGAL")


@bp_pipeline.get("/webhook/<webhook_id>")
@perlu_admin
def pengiriman(webhook_id):
    w = ambil("integration", f"/webhook/{quote(webhook_id, safe='')}")
    st = request.args.get("status", "")
    items, paging, errors = daftar_tersaring(
        "integration", f"/webhook/{quote(webhook_id, safe='')}/pengiriman",
        {"status": st if st in STATUS_KIRIM else ""})
    return render("pmm/pengiriman.html", w=w, items=items, paging=paging, status_filter=st,
                  JENIS_WEBHOOK=JENIS_WEBHOOK, STATUS_KIRIM=STATUS_KIRIM)
