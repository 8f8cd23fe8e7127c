"""Reads of the SKP aggregate: the whole SKP (what GET /skp/{id} and every write to an SKP
answer), its parts (RHK, indikator, perilaku, Matriks Peran Hasil, riwayat), lists, and the
peran given to the caller."""
from __future__ import annotations

from datetime import date
from typing import Any, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_shared.auth.principal import Principal
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import NotFound

from ..adapters import skp_rows
from ..adapters.skp_tables import peran, riwayat as riwayat_table, skp as skp_table
from ..domain import aturan
from ..domain.perilaku import ASPEK_PERILAKU
from ..service_layer import akses

RHK_KEYS = ("id", "urutan", "jenis", "uraian", "rhk_atasan_id", "peran_id", "referensi",
            "target_kuantitas", "satuan", "target_kualitas", "target_waktu", "target_biaya")
INDIKATOR_KEYS = ("id", "uraian", "aspek", "target", "target_maks", "satuan", "perspektif",
                  "manual")
HEADER_KEYS = ("id", "instansi_id", "pegawai_id", "unor_id", "plt_unor_id", "jenis",
               "pendekatan", "model", "status", "mandiri", "periode_awal", "periode_akhir",
               "catatan", "revisi", "dibuat_at", "diubah_at", "diajukan_at", "disetujui_at")
FILTERS = ("pegawai_id", "status", "jenis", "unor_id")


def _rhk_per_skp(session: Session, skp_ids: Sequence[str]) -> dict[str, list[dict]]:
    """skp id -> its RHK (utama first) with indikator and Matriks Peran Hasil."""
    indikator = skp_rows.indikator_per_rhk(session, skp_ids)
    return {sid: [{**{k: r[k] for k in RHK_KEYS},
                   "indikator": [{k: i[k] for k in INDIKATOR_KEYS}
                                 for i in indikator.get(r["id"], [])],
                   "matriks_peran": {"kolom": r["matriks_kolom"] or [],
                                     "baris": r["matriks_baris"] or []}}
                  for r in aturan.urutan_cetak(rows)]
            for sid, rows in skp_rows.rhk_per_skp(session, skp_ids).items()}


def _perilaku(rows: dict[str, dict]) -> list[dict[str, Any]]:
    """The seven aspects, always, in their order."""
    return [{"aspek": a, "indikator": list(teks),
             "ekspektasi_khusus": rows.get(a, {}).get("ekspektasi_khusus"),
             "penilai": rows.get(a, {}).get("penilai", "ATASAN"),
             "penilai_pegawai_id": rows.get(a, {}).get("penilai_pegawai_id")}
            for a, teks in ASPEK_PERILAKU.items()]


def _header(row) -> dict[str, Any]:
    out = {k: row[k] for k in HEADER_KEYS}
    for who in ("pegawai", "pejabat_penilai", "atasan_pejabat_penilai"):
        out[who] = dict(row[who]) if row[who] else None
    return out


def _lengkap(session: Session, rows: Sequence) -> list[dict[str, Any]]:
    """Whole SKPs (header, RHK with indikator and matriks, the seven perilaku), in one go."""
    ids = [r["id"] for r in rows]
    if not ids:
        return []
    rhk, perilaku = _rhk_per_skp(session, ids), skp_rows.perilaku_per_skp(session, ids)
    return [{**_header(r), "rhk": rhk.get(r["id"], []),
             "perilaku": _perilaku(perilaku.get(r["id"], {}))} for r in rows]


def _riwayat(session: Session, skp_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in session.execute(
        select(riwayat_table).where(riwayat_table.c.skp_id == skp_id)
        .order_by(riwayat_table.c.id)).mappings()]


def skp(uow, principal: Principal, skp_id: str) -> dict[str, Any]:
    """The SKP aggregate: the whole plan and its history (GET /skp/{id}, and the answer of
    every write to an SKP or a part of it)."""
    d = akses.muat(uow.session, principal, skp_id)
    return {**_lengkap(uow.session, [d.row])[0], "riwayat": _riwayat(uow.session, skp_id)}


def _daftar(uow, where: tuple, filters: dict[str, Any], page: PageRequest) -> Page:
    stmt = select(skp_table).where(*where)
    for field in FILTERS:
        if filters.get(field):
            stmt = stmt.where(skp_table.c[field] == filters[field])
    if filters.get("tahun"):
        t = filters["tahun"]
        stmt = stmt.where(skp_table.c.periode_awal >= date(t, 1, 1),
                          skp_table.c.periode_awal <= date(t, 12, 31))
    found = fetch_page(uow.session, stmt, page, skp_table.c.periode_awal.desc(), skp_table.c.id)
    return Page(_lengkap(uow.session, found.items), found.total)


def daftar(uow, principal: Principal, *, page: PageRequest, **filters: Any) -> Page:
    """SKPs the caller may see (``akses.terlihat``), newest first; filters ``pegawai_id``,
    ``tahun``, ``status``, ``jenis``, ``unor_id``."""
    return _daftar(uow, akses.terlihat(principal), filters, page)


def bawahan(uow, principal: Principal, *, page: PageRequest, **filters: Any) -> Page:
    """SKPs the caller assesses as pejabat penilai, with the filters of ``daftar``."""
    return _daftar(uow, (skp_table.c.pejabat_penilai_id == principal.pegawai_id,), filters, page)


def riwayat(uow, principal: Principal, skp_id: str) -> list[dict[str, Any]]:
    akses.muat(uow.session, principal, skp_id)
    return _riwayat(uow.session, skp_id)


def daftar_rhk(uow, principal: Principal, skp_id: str) -> list[dict[str, Any]]:
    akses.muat(uow.session, principal, skp_id)
    return _rhk_per_skp(uow.session, [skp_id]).get(skp_id, [])


def rhk(uow, principal: Principal, skp_id: str, rhk_id: str) -> dict[str, Any]:
    found = next((r for r in daftar_rhk(uow, principal, skp_id) if r["id"] == rhk_id), None)
    if found is None:
        raise NotFound("Rencana hasil kerja tidak ditemukan.")
    return found


def indikator(uow, principal: Principal, skp_id: str, rhk_id: str, indikator_id: str
              ) -> dict[str, Any]:
    found = next((i for i in rhk(uow, principal, skp_id, rhk_id)["indikator"]
                  if i["id"] == indikator_id), None)
    if found is None:
        raise NotFound("Indikator tidak ditemukan.")
    return found


def matriks_peran(uow, principal: Principal, skp_id: str, rhk_id: str) -> dict[str, Any]:
    r = rhk(uow, principal, skp_id, rhk_id)
    return {"rhk_id": rhk_id, "uraian": r["uraian"], **r["matriks_peran"]}


def perilaku(uow, principal: Principal, skp_id: str) -> list[dict[str, Any]]:
    akses.muat(uow.session, principal, skp_id)
    return _perilaku(skp_rows.perilaku_per_skp(uow.session, [skp_id]).get(skp_id, {}))


def rhk_atasan(uow, principal: Principal, skp_id: str) -> list[dict[str, Any]]:
    """Approved RHK of the pejabat penilai in SKPs overlapping this SKP's period."""
    row = akses.muat(uow.session, principal, skp_id).row
    if not row["pejabat_penilai_id"]:
        return []
    atasan = uow.session.execute(select(skp_table).where(
        skp_table.c.pegawai_id == row["pejabat_penilai_id"],
        skp_table.c.status == aturan.DISETUJUI,
        skp_table.c.periode_awal <= row["periode_akhir"],
        skp_table.c.periode_akhir >= row["periode_awal"])
        .order_by(skp_table.c.periode_awal)).mappings().all()
    rhks = _rhk_per_skp(uow.session, [a["id"] for a in atasan]) if atasan else {}
    return [{**r, "skp_id": a["id"], "pegawai_id": a["pegawai_id"]}
            for a in atasan for r in rhks.get(a["id"], [])]


def peran_saya(uow, principal: Principal, *, tahun: int | None = None, page: PageRequest
               ) -> Page:
    """Peran given to the caller in any Matriks Peran Hasil (of ``tahun``)."""
    stmt = select(peran).where(peran.c.pegawai_id == principal.pegawai_id)
    if tahun:
        stmt = stmt.where(peran.c.tahun == tahun)
    found = fetch_page(uow.session, stmt, page, peran.c.tahun, peran.c.rhk_id, peran.c.kolom,
                       peran.c.id)
    return Page([{"id": p["id"], "uraian": p["uraian"], "rhk_atasan_id": p["rhk_id"],
                  "skp_atasan_id": p["skp_id"], "pemberi_pegawai_id": p["pemberi_pegawai_id"],
                  "jabatan_tim": p["jabatan_tim"], "tahun": p["tahun"]} for p in found.items],
                found.total)
