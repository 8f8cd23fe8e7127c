"""Read queries returning plain data (the shapes API.md promises)."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Select, select

from .adapters.skp_tables import (indikator, peran, perilaku, perjanjian_kinerja, pk_indikator,
                                  pk_sasaran, rhk, riwayat, skp)
from .domain.perilaku import ASPEK_PERILAKU

RINGKAS = ("id", "nip", "nama")


def _orang(snapshot: dict | None) -> dict | None:
    return dict(snapshot) if snapshot else None


def _rhk_list(session, skp_ids: list[str]) -> dict[str, list[dict]]:
    inds: dict[str, list[dict]] = defaultdict(list)
    for i in session.execute(select(indikator).where(indikator.c.skp_id.in_(skp_ids))
                             .order_by(indikator.c.urutan)).mappings():
        inds[i["rhk_id"]].append({k: i[k] for k in ("id", "uraian", "aspek", "target",
                                                    "target_maks", "satuan", "perspektif",
                                                    "manual")})
    out: dict[str, list[dict]] = defaultdict(list)
    for r in session.execute(select(rhk).where(rhk.c.skp_id.in_(skp_ids))
                             .order_by(rhk.c.urutan)).mappings():
        item = {k: r[k] for k in ("id", "urutan", "jenis", "uraian", "rhk_atasan_id", "peran_id",
                                  "referensi", "target_kuantitas", "satuan", "target_kualitas",
                                  "target_waktu", "target_biaya")}
        item["indikator"] = inds.get(r["id"], [])
        item["matriks_peran"] = {"kolom": r["matriks_kolom"] or [],
                                 "baris": r["matriks_baris"] or []}
        out[r["skp_id"]].append(item)
    for items in out.values():  # utama first, as the form prints them (A. Utama, B. Tambahan)
        items.sort(key=lambda x: x["jenis"] != "UTAMA")
    return out


def _perilaku(session, skp_ids: list[str]) -> dict[str, list[dict]]:
    rows: dict[str, dict[str, Any]] = defaultdict(dict)
    for p in session.execute(select(perilaku).where(perilaku.c.skp_id.in_(skp_ids))).mappings():
        rows[p["skp_id"]][p["aspek"]] = p
    return {sid: [{"aspek": a, "indikator": list(teks),
                   "ekspektasi_khusus": rows[sid].get(a, {}).get("ekspektasi_khusus"),
                   "penilai": rows[sid].get(a, {}).get("penilai", "ATASAN"),
                   "penilai_pegawai_id": rows[sid].get(a, {}).get("penilai_pegawai_id")}
                  for a, teks in ASPEK_PERILAKU.items()] for sid in skp_ids}


def _header(row) -> dict[str, Any]:
    keys = ("id", "instansi_id", "pegawai_id", "unor_id", "plt_unor_id", "jenis", "pendekatan",
            "model", "status", "mandiri", "periode_awal", "periode_akhir", "catatan", "revisi",
            "dibuat_at", "diubah_at", "diajukan_at", "disetujui_at")
    out = {k: row[k] for k in keys}
    out.update(pegawai=_orang(row["pegawai"]), pejabat_penilai=_orang(row["pejabat_penilai"]),
               atasan_pejabat_penilai=_orang(row["atasan_pejabat_penilai"]))
    return out


def skp_lengkap(session, rows: list) -> list[dict[str, Any]]:
    """Whole SKPs (header, RHK with indikator and matriks, the seven perilaku), in one go."""
    ids = [r["id"] for r in rows]
    if not ids:
        return []
    rhks, perilakus = _rhk_list(session, ids), _perilaku(session, ids)
    return [{**_header(r), "rhk": rhks.get(r["id"], []), "perilaku": perilakus[r["id"]]}
            for r in rows]


def satu_skp(session, skp_id: str) -> dict[str, Any]:
    row = session.execute(select(skp).where(skp.c.id == skp_id)).mappings().one()
    return skp_lengkap(session, [row])[0]


def daftar_skp(session, stmt: Select) -> list[dict[str, Any]]:
    return skp_lengkap(session, session.execute(stmt).mappings().all())


def riwayat_skp(session, skp_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in session.execute(
        select(riwayat).where(riwayat.c.skp_id == skp_id).order_by(riwayat.c.id)).mappings()]


def rhk_atasan(session, row) -> list[dict[str, Any]]:
    """Approved RHK of the pejabat penilai in SKPs overlapping this SKP's period."""
    if not row["pejabat_penilai_id"]:
        return []
    atasan = session.execute(select(skp).where(
        skp.c.pegawai_id == row["pejabat_penilai_id"], skp.c.status == "DISETUJUI",
        skp.c.periode_awal <= row["periode_akhir"], skp.c.periode_akhir >= row["periode_awal"])
        .order_by(skp.c.periode_awal)).mappings().all()
    rhks = _rhk_list(session, [a["id"] for a in atasan]) if atasan else {}
    return [{**r, "skp_id": a["id"], "pegawai_id": a["pegawai_id"]}
            for a in atasan for r in rhks.get(a["id"], [])]


def peran_saya(session, pegawai_id: str, tahun: int | None) -> list[dict[str, Any]]:
    stmt = select(peran).where(peran.c.pegawai_id == pegawai_id)
    if tahun:
        stmt = stmt.where(peran.c.tahun == tahun)
    return [{"id": p["id"], "uraian": p["uraian"], "rhk_atasan_id": p["rhk_id"],
             "skp_atasan_id": p["skp_id"], "pemberi_pegawai_id": p["pemberi_pegawai_id"],
             "jabatan_tim": p["jabatan_tim"], "tahun": p["tahun"]}
            for p in session.execute(stmt.order_by(peran.c.tahun, peran.c.rhk_id, peran.c.kolom))
            .mappings()]


def perjanjian(session, row) -> dict[str, Any]:
    sasaran = session.execute(select(pk_sasaran).where(
        pk_sasaran.c.perjanjian_kinerja_id == row["id"]).order_by(pk_sasaran.c.urutan)).mappings().all()
    inds: dict[str, list] = defaultdict(list)
    if sasaran:
        for i in session.execute(select(pk_indikator).where(pk_indikator.c.sasaran_id.in_(
                [s["id"] for s in sasaran])).order_by(pk_indikator.c.urutan)).mappings():
            inds[i["sasaran_id"]].append({k: i[k] for k in ("id", "uraian", "target", "satuan")})
    return {**{k: row[k] for k in ("id", "instansi_id", "pegawai_id", "tahun", "dibuat_at")},
            "sasaran": [{"id": s["id"], "uraian": s["uraian"], "indikator": inds[s["id"]]}
                        for s in sasaran]}


def daftar_perjanjian(session, stmt: Select) -> list[dict[str, Any]]:
    return [perjanjian(session, r) for r in session.execute(stmt).mappings().all()]


__all__ = ["perjanjian_kinerja", "skp"]
