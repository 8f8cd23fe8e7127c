"""Read queries returning plain data (API.md, keberatan): one keberatan with its table and
history, the monitoring list with its filters, the counts per status, the to-do lists. Each
takes the open unit of work and the caller, and checks what the caller may see."""
from __future__ import annotations

from datetime import timedelta
from typing import Any, Mapping

from sqlalchemy import and_, false, func, or_, select

from kinerja_shared import clock
from kinerja_shared.auth.principal import Principal
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.db.times import as_utc

from .adapters.tables import keberatan as k, riwayat
from .domain import aturan
from .service_layer import akses
from .service_layer.events import TEKS, WAKTU, langkah, nilai

RINGKAS = ("id", "penilaian_id", "revisi", "pegawai_id", "pegawai", "unor_id", "tahun",
           "periode_id", "periode", "model", "alur", "status", "terlambat", "menunggu",
           "pejabat_penilai", "pemutus", "pemutus_sumber")
SEBAGAI = ("PEGAWAI", "PEJABAT_PENILAI", "PEMUTUS", "ADMIN")
KOLOM_RINGKAS = [k.c[c] for c in (*RINGKAS, *WAKTU)]


def _ringkas(row: Mapping[str, Any]) -> dict[str, Any]:
    out = {c: row[c] for c in RINGKAS}
    out.update({c: as_utc(row[c]) for c in WAKTU})
    akhir = out["diputuskan_at"] or out["ditarik_at"] or clock.now()
    out["lama_hari"] = (akhir - out["diajukan_at"]).days
    return out


def keberatan(uow, principal: Principal, keberatan_id: str) -> dict[str, Any]:
    """GET /keberatan/{id}: the keberatan, the table before / asked / after and every step."""
    s = uow.session
    d = akses.muat(s, principal, keberatan_id)
    row = d.row
    out = _ringkas(row)
    out.update({c: row[c] for c in TEKS})
    out["bukti_dukung"] = row["bukti_dukung"] or []
    out["nilai"] = {"sebelum": nilai(row["sebelum"]), "diminta": nilai(row["diminta"]),
                    "sesudah": nilai(row["sesudah"])}
    out["peran_saya"] = sorted(d.peran)
    out["riwayat"] = [langkah(r) for r in s.execute(
        select(riwayat).where(riwayat.c.keberatan_id == keberatan_id)
        .order_by(riwayat.c.id)).mappings()]
    return out


def _saring(principal: Principal, f: Mapping[str, Any]) -> list:
    """The conditions of the monitoring filters (all optional) and of what the caller sees."""
    me = principal.pegawai_id
    cond = list(akses.terlihat(principal))
    if f.get("nama"):
        cond.append(k.c.pegawai_nama.ilike(f"%{_like(f['nama'])}%", escape="\\"))
    if f.get("nip"):
        cond.append(k.c.pegawai_nip.like(f"{_like(f['nip'])}%", escape="\\"))
    for kolom in ("tahun", "periode_id", "unor_id", "instansi_id", "penilaian_id", "pegawai_id"):
        if f.get(kolom) is not None:
            cond.append(k.c[kolom] == f[kolom])
    if f.get("status"):
        cond.append(k.c.status.in_(f["status"]))
    if f.get("menunggu_lebih_dari_hari") is not None:
        batas = clock.now() - timedelta(days=f["menunggu_lebih_dari_hari"])
        cond += [k.c.status.in_(aturan.TERBUKA), k.c.diajukan_at < batas]
    sebagai = f.get("sebagai")
    if sebagai == "PEGAWAI":
        cond.append(k.c.pegawai_id == me)
    elif sebagai == "PEJABAT_PENILAI":
        cond.append(k.c.pejabat_penilai_id == me)
    elif sebagai == "PEMUTUS":
        cond.append(k.c.pemutus_id == me)
    elif sebagai == "ADMIN" and not principal.is_admin:
        cond.append(false())
    return cond


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def daftar(uow, principal: Principal, filters: Mapping[str, Any], *,
           page: PageRequest) -> Page:
    """GET /keberatan: the monitoring list, newest first."""
    stmt = select(*KOLOM_RINGKAS).where(*_saring(principal, filters))
    hasil = fetch_page(uow.session, stmt, page, k.c.diajukan_at.desc(), k.c.id)
    return Page([_ringkas(r) for r in hasil.items], hasil.total)


def rekap(uow, principal: Principal, filters: Mapping[str, Any]) -> dict[str, Any]:
    """GET /keberatan/rekap: how many per status under the same filters."""
    rows = uow.session.execute(select(k.c.status, func.count()).where(
        *_saring(principal, filters)).group_by(k.c.status)).all()
    jumlah = {st: 0 for st in aturan.STATUS}
    jumlah.update({st: n for st, n in rows})
    return {"jumlah": jumlah, "total": sum(jumlah.values()),
            "terbuka": sum(jumlah[st] for st in aturan.TERBUKA)}


def tugas(uow, principal: Principal, sebagai: str | None, *, page: PageRequest) -> Page:
    """GET /keberatan/tugas: what waits for me now, as pejabat penilai and/or as decider,
    oldest first."""
    me = principal.pegawai_id
    pilihan = []
    if sebagai in (None, "PEJABAT_PENILAI"):
        pilihan.append(and_(k.c.menunggu == aturan.PEJABAT_PENILAI, k.c.pejabat_penilai_id == me))
    if sebagai in (None, "PEMUTUS"):
        pilihan.append(and_(k.c.menunggu == aturan.PEMUTUS, k.c.pemutus_id == me))
    stmt = select(*KOLOM_RINGKAS).where(k.c.instansi_id == principal.instansi_id, or_(*pilihan))
    hasil = fetch_page(uow.session, stmt, page, k.c.diajukan_at, k.c.id)
    return Page([_ringkas(r) for r in hasil.items], hasil.total)
