"""Read queries returning plain data (the shapes of API.md, "Shapes clients rely on"); each
takes the open unit of work and the caller, and checks what the caller may see."""
from __future__ import annotations

from sqlalchemy import or_, select

from kinerja_shared.auth.principal import Principal
from kinerja_shared.db.paging import Page, PageRequest, fetch_page

from .adapters.tables import (
    penilai_perilaku, penilaian as penilaian_t, periode_ref, pp30_realisasi, realisasi,
    riwayat as riwayat_t, umpan_balik_perilaku,
)
from .domain.status import DITUTUP
from .service_layer import akses, muat
from .service_layer.catatan import catatan_rows
from .service_layer.pengisian import batas_pengisian
from .service_layer.pp30 import entri_rows

SEBAGAI = ("PEGAWAI", "PEJABAT_PENILAI", "ATASAN_PEJABAT_PENILAI", "ADMIN")
# what a rekan or bawahan set to give feedback on an aspect sees of the penilaian
UNTUK_PENILAI_PERILAKU = ("id", "pegawai_id", "pegawai", "periode_id", "periode", "tahun",
                          "status", "model")


def _periode(p) -> dict | None:
    if p is None:
        return None
    return {"nama": p["nama"], "awal": p["awal"], "akhir": p["akhir"], "final": p["final"],
            "tahun": p["tahun"], "batas_pengisian": p["batas_pengisian"]}


def _ringkas(pen, periode) -> dict:
    snap = pen["snapshot"]
    return {
        "id": pen["id"], "skp_id": pen["skp_id"], "pegawai_id": pen["pegawai_id"],
        "pegawai": snap.get("pegawai"), "periode_id": pen["periode_id"],
        "periode": _periode(periode), "tahun": pen["tahun"], "status": pen["status"],
        "model": pen["model"], "jenis": snap.get("jenis"), "pendekatan": snap.get("pendekatan"),
        "pejabat_penilai": snap.get("pejabat_penilai"),
        "atasan_pejabat_penilai": snap.get("atasan_pejabat_penilai"),
        "rating_hasil_kerja": pen["rating_hasil_kerja"], "rating_perilaku": pen["rating_perilaku"],
        "predikat": pen["predikat"], "revisi": pen["revisi"],
        "nilai_skp": pen["nilai_skp"], "nilai_perilaku": pen["nilai_perilaku"],
        "nilai_kinerja": pen["nilai_kinerja"], "ditetapkan_at": pen["ditetapkan_at"],
    }


def penilaian(uow, principal: Principal, penilaian_id: str, *,
              juga_penilai_perilaku: bool = False) -> dict:
    """GET /penilaian/{id}: the whole penilaian (404 when the caller may not see it). With
    ``juga_penilai_perilaku`` a rekan or bawahan set for an aspect gets the part they may see:
    who and which period, and the aspects they give feedback on."""
    s = uow.session
    pen = muat.penilaian_row(s, penilaian_id)
    akses.pastikan_terlihat(principal, pen, juga_penilai_perilaku=juga_penilai_perilaku)
    if akses.terlihat(principal, pen):
        return penilaian_detail(s, pen, principal)
    out = {k: v for k, v in _ringkas(pen, muat.periode_row(s, pen["periode_id"])).items()
           if k in UNTUK_PENILAI_PERILAKU}
    out["perilaku"] = [x for x in perilaku(s, pen, principal)
                       if x.get("penilai_pegawai_id") == principal.pegawai_id]
    return out


def penilaian_detail(s, pen, principal: Principal) -> dict:
    periode = muat.periode_row(s, pen["periode_id"])
    out = _ringkas(pen, periode)
    snap = pen["snapshot"]
    real = {r["indikator_id"]: r for r in s.execute(select(realisasi).where(
        realisasi.c.penilaian_id == pen["id"])).mappings()}
    out["rhk"] = snap.get("rhk", [])
    out["realisasi"] = [
        {"indikator_id": i["id"], "rhk_id": r["id"], "uraian": i.get("uraian"),
         "target": i.get("target"), "satuan": i.get("satuan"),
         "realisasi": real.get(i["id"], {}).get("realisasi"),
         "bukti_dukung": real.get(i["id"], {}).get("bukti_dukung") or [],
         "keterangan": real.get(i["id"], {}).get("keterangan"),
         "umpan_balik": real.get(i["id"], {}).get("umpan_balik")}
        for r in snap.get("rhk", []) for i in r.get("indikator", [])]
    out["perilaku"] = perilaku(s, pen, principal)
    out["catatan_perilaku"] = catatan_rows(s, pen["id"])
    out["batas_pengisian"] = batas_pengisian(s, pen)
    out["justifikasi_distribusi"] = pen["justifikasi_distribusi"]
    if pen["model"] == "PP_30_2019":
        out["pp30"] = {
            "realisasi": [dict(r) for r in s.execute(select(pp30_realisasi).where(
                pp30_realisasi.c.penilaian_id == pen["id"])).mappings()],
            "tambahan": entri_rows(s, pen["id"]),
            "perilaku": pen["pp30_perilaku"] or {},
        }
    return out


def perilaku(s, pen, principal: Principal) -> list[dict]:
    """Behaviour feedback; a rekan's or bawahan's name is hidden from the assessed pegawai
    (instansi setting ``tampilkan_nama_penilai_perilaku``), shown to the penilai and admins."""
    tampilkan = principal.pegawai_id != pen["pegawai_id"] or muat.pengaturan(
        s, pen["instansi_id"]).tampilkan_nama_penilai_perilaku
    fb = {r["aspek"]: r for r in s.execute(select(umpan_balik_perilaku).where(
        umpan_balik_perilaku.c.penilaian_id == pen["id"])).mappings()}
    out = []
    for item in pen["snapshot"].get("perilaku", []):
        row = fb.get(item["aspek"])
        penilai = item.get("penilai") or "ATASAN"
        entry = {"aspek": item["aspek"], "indikator": item.get("indikator", []),
                 "ekspektasi_khusus": item.get("ekspektasi_khusus"), "penilai": penilai,
                 "umpan_balik": row["umpan_balik"] if row else None}
        if tampilkan or penilai == "ATASAN":
            entry["penilai_pegawai_id"] = item.get("penilai_pegawai_id") or (
                pen["pejabat_penilai_id"] if penilai == "ATASAN" else None)
            entry["penilai_nama"] = row["penilai_nama"] if row else None
        out.append(entry)
    return out


def daftar_penilaian(uow, principal: Principal, filters: dict, *, page: PageRequest) -> Page:
    """The penilaian the caller sees (own, as pejabat penilai or atasan, or the instansi's for
    an admin), newest year first."""
    s, c = uow.session, penilaian_t.c
    stmt = select(penilaian_t)
    if not principal.is_admin_pusat:
        stmt = stmt.where(c.instansi_id == principal.instansi_id)
    me = principal.pegawai_id
    sebagai = filters.get("sebagai")
    admin = principal.can_admin_instansi(principal.instansi_id) or principal.is_admin_pusat
    mine = {"PEGAWAI": c.pegawai_id == me, "PEJABAT_PENILAI": c.pejabat_penilai_id == me,
            "ATASAN_PEJABAT_PENILAI": c.atasan_pejabat_penilai_id == me}
    if sebagai in mine:
        stmt = stmt.where(mine[sebagai])
    elif not (admin and sebagai in (None, "ADMIN")):
        stmt = stmt.where(or_(*mine.values()))
    for name in ("skp_id", "pegawai_id", "tahun", "periode_id", "status", "predikat", "unor_id"):
        if filters.get(name) is not None:
            stmt = stmt.where(c[name] == filters[name])
    found = fetch_page(s, stmt, page, c.tahun.desc(), c.periode_id, c.id)
    periods = {p["id"]: p for p in s.execute(select(periode_ref).where(
        periode_ref.c.id.in_({r["periode_id"] for r in found.items}))).mappings()}
    return Page([_ringkas(r, periods.get(r["periode_id"])) for r in found.items], found.total)


def tugas_perilaku(uow, principal: Principal, tahun: int | None, *, page: PageRequest) -> Page:
    """The aspects the caller was set to give feedback on (as atasan, rekan or bawahan) in
    penilaian that are not closed."""
    pp, pen = penilai_perilaku, penilaian_t
    stmt = select(pp, pen.c.pegawai_id, pen.c.periode_id, pen.c.tahun, pen.c.snapshot,
                  pen.c.status, umpan_balik_perilaku.c.umpan_balik).join(
        pen, pen.c.id == pp.c.penilaian_id).outerjoin(
        umpan_balik_perilaku, (umpan_balik_perilaku.c.penilaian_id == pp.c.penilaian_id)
        & (umpan_balik_perilaku.c.aspek == pp.c.aspek)).where(
        pp.c.penilai_pegawai_id == principal.pegawai_id,
        pen.c.instansi_id == principal.instansi_id, pen.c.status != DITUTUP)
    if tahun is not None:
        stmt = stmt.where(pen.c.tahun == tahun)
    found = fetch_page(uow.session, stmt, page, pen.c.tahun, pp.c.penilaian_id, pp.c.aspek)
    return Page([{"penilaian_id": r["penilaian_id"], "aspek": r["aspek"], "sebagai": r["penilai"],
                  "pegawai": r["snapshot"].get("pegawai"), "periode_id": r["periode_id"],
                  "tahun": r["tahun"], "status": r["status"], "umpan_balik": r["umpan_balik"],
                  "sudah_diisi": r["umpan_balik"] is not None} for r in found.items],
                found.total)


def riwayat(uow, principal: Principal, penilaian_id: str) -> list[dict]:
    """Every change to a visible penilaian, oldest first."""
    akses.muat_terlihat(uow, principal, penilaian_id)
    return [dict(r) for r in uow.session.execute(select(riwayat_t).where(
        riwayat_t.c.penilaian_id == penilaian_id).order_by(riwayat_t.c.id)).mappings()]
