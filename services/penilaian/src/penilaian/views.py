"""Read queries returning plain data (the shapes of API.md, "Shapes clients rely on")."""
from __future__ import annotations

from sqlalchemy import func, or_, select

from kinerja_shared.auth import Principal

from .adapters.tables import (
    catatan_perilaku, penilai_perilaku, penilaian, periode_ref, pp30_realisasi, pp30_tambahan,
    realisasi, riwayat, umpan_balik_perilaku,
)
from .service_layer import muat
from .service_layer.pengisian import batas_pengisian

SEBAGAI = ("PEGAWAI", "PEJABAT_PENILAI", "ATASAN_PEJABAT_PENILAI", "ADMIN")


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
    out["batas_pengisian"] = batas_pengisian(s, pen)
    out["justifikasi_distribusi"] = pen["justifikasi_distribusi"]
    if pen["model"] == "PP_30_2019":
        out["pp30"] = {
            "realisasi": [dict(r) for r in s.execute(select(pp30_realisasi).where(
                pp30_realisasi.c.penilaian_id == pen["id"])).mappings()],
            "tambahan": tambahan(s, pen["id"]),
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


def daftar_penilaian(s, principal: Principal, filters: dict, page: int, page_size: int):
    c = penilaian.c
    stmt = select(penilaian)
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
    total = s.execute(select(func.count()).select_from(stmt.subquery())).scalar()
    rows = s.execute(stmt.order_by(c.tahun.desc(), c.periode_id, c.id)
                     .offset((page - 1) * page_size).limit(page_size)).mappings().all()
    periods = {p["id"]: p for p in s.execute(select(periode_ref).where(
        periode_ref.c.id.in_({r["periode_id"] for r in rows}))).mappings()}
    return [_ringkas(r, periods.get(r["periode_id"])) for r in rows], total


def tugas_perilaku(s, principal: Principal, tahun: int | None) -> list[dict]:
    stmt = select(penilai_perilaku, penilaian.c.pegawai_id, penilaian.c.periode_id,
                  penilaian.c.tahun, penilaian.c.snapshot, penilaian.c.status,
                  umpan_balik_perilaku.c.umpan_balik).join(
        penilaian, penilaian.c.id == penilai_perilaku.c.penilaian_id).outerjoin(
        umpan_balik_perilaku, (umpan_balik_perilaku.c.penilaian_id == penilai_perilaku.c.penilaian_id)
        & (umpan_balik_perilaku.c.aspek == penilai_perilaku.c.aspek)).where(
        penilai_perilaku.c.penilai_pegawai_id == principal.pegawai_id,
        penilaian.c.instansi_id == principal.instansi_id, penilaian.c.status != "DITUTUP")
    if tahun is not None:
        stmt = stmt.where(penilaian.c.tahun == tahun)
    return [{"penilaian_id": r["penilaian_id"], "aspek": r["aspek"], "sebagai": r["penilai"],
             "pegawai": r["snapshot"].get("pegawai"), "periode_id": r["periode_id"],
             "tahun": r["tahun"], "status": r["status"], "umpan_balik": r["umpan_balik"],
             "sudah_diisi": r["umpan_balik"] is not None}
            for r in s.execute(stmt.order_by(penilaian.c.tahun, penilai_perilaku.c.penilaian_id,
                                             penilai_perilaku.c.aspek)).mappings()]


def riwayat_penilaian(s, penilaian_id: str) -> list[dict]:
    return [dict(r) for r in s.execute(select(riwayat).where(
        riwayat.c.penilaian_id == penilaian_id).order_by(riwayat.c.id)).mappings()]


def tambahan(s, penilaian_id: str, jenis: str | None = None,
             entri_id: str | None = None) -> list[dict]:
    """PP 30 tugas tambahan and kreativitas entries (of one ``jenis``, or one entry), oldest
    first."""
    c = pp30_tambahan.c
    stmt = select(pp30_tambahan).where(c.penilaian_id == penilaian_id)
    if jenis is not None:
        stmt = stmt.where(c.jenis == jenis)
    if entri_id is not None:
        stmt = stmt.where(c.id == entri_id)
    return [dict(r) for r in s.execute(stmt.order_by(c.created_at, c.id)).mappings()]


def catatan(s, penilaian_id: str, catatan_id: str | None = None) -> list[dict]:
    """Buku Catatan Perilaku of a penilaian (or one note), by date."""
    c = catatan_perilaku.c
    stmt = select(catatan_perilaku).where(c.penilaian_id == penilaian_id)
    if catatan_id is not None:
        stmt = stmt.where(c.id == catatan_id)
    return [dict(r) for r in s.execute(stmt.order_by(c.tanggal, c.created_at, c.id)).mappings()]
