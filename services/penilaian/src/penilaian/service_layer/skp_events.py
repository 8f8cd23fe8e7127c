"""SkpDisetujui / SkpDibatalkan and new periods: one penilaian per periode penilaian of the
SKP's instansi that the SKP overlaps, holding the approved snapshot.

Order-tolerant: the skp_ref row keeps the newest SKP snapshot (by ``revisi``, and by the event
time for withdrawals); a period arriving after the SKP creates the missing penilaian; a
withdrawn SKP closes its open penilaian (DITUTUP, never deleted) and a re-approved one reopens
the same rows with their realisasi.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import and_, delete, select, update

from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import skp as skpev

from ..adapters.tables import pegawai_ref, penilai_perilaku, penilaian, periode_ref, skp_ref
from .riwayat import catat

DRAFT, DIKIRIM, DITETAPKAN, DITUTUP = "DRAFT", "DIKIRIM", "DITETAPKAN", "DITUTUP"
SISTEM = None  # riwayat "who" for changes made by events


def now() -> datetime:
    return datetime.now(timezone.utc)


def skp_disetujui(event: skpev.SkpDisetujui, envelope, uow) -> None:
    s = uow.session
    instansi_id = event.instansi_id or envelope.instansi_id or s.execute(
        select(pegawai_ref.c.instansi_id).where(pegawai_ref.c.id == event.pegawai.id)).scalar()
    if instansi_id is None:
        raise LookupError(f"SKP {event.skp_id}: instansi unknown (no instansi_id, pegawai unknown)")
    stored = s.execute(select(skp_ref).where(skp_ref.c.id == event.skp_id)).mappings().first()
    if stored is not None and stored["revisi"] > event.revisi:
        return  # an older approval arriving late
    if stored is not None and not stored["aktif"] and stored["revisi"] == event.revisi \
            and stored["diubah_at"] > envelope.occurred_at:
        return  # withdrawn after this very approval
    values = dict(instansi_id=instansi_id, pegawai_id=event.pegawai.id,
                  periode_awal=event.periode_awal, periode_akhir=event.periode_akhir,
                  snapshot=event.model_dump(mode="json"), aktif=True, revisi=event.revisi,
                  diubah_at=envelope.occurred_at)
    if stored is None:
        s.execute(skp_ref.insert().values(id=event.skp_id, **values))
    else:
        s.execute(update(skp_ref).where(skp_ref.c.id == event.skp_id).values(**values))
    sinkronkan_skp(s, event.skp_id)


def skp_dibatalkan(event: skpev.SkpDibatalkan, envelope, uow) -> None:
    s = uow.session
    stored = s.execute(select(skp_ref).where(skp_ref.c.id == event.skp_id)).mappings().first()
    if stored is None or stored["diubah_at"] > envelope.occurred_at:
        return
    s.execute(update(skp_ref).where(skp_ref.c.id == event.skp_id).values(
        aktif=False, diubah_at=envelope.occurred_at))
    tutup(s, penilaian.c.skp_id == event.skp_id, alasan=event.alasan or "SKP dibatalkan")


def tutup(s, where, *, alasan: str) -> None:
    rows = s.execute(select(penilaian.c.id, penilaian.c.status).where(
        where, penilaian.c.status.in_((DRAFT, DIKIRIM)))).all()
    for pid, status in rows:
        s.execute(update(penilaian).where(penilaian.c.id == pid).values(
            status=DITUTUP, updated_at=now()))
        catat(s, pid, "DITUTUP", None, {"status": status}, {"status": DITUTUP}, alasan)


def _status_dibuka(row) -> str:
    if row["ditetapkan_at"] is not None:
        return DITETAPKAN
    return DIKIRIM if row["dikirim_at"] is not None else DRAFT


def sinkronkan_skp(s, skp_id: str) -> None:
    """Make the penilaian rows of one SKP match its snapshot and the known periods."""
    skp = s.execute(select(skp_ref).where(skp_ref.c.id == skp_id)).mappings().one()
    if not skp["aktif"]:
        return
    periods = s.execute(select(periode_ref).where(
        periode_ref.c.instansi_id == skp["instansi_id"], periode_ref.c.dihapus.is_(False),
        periode_ref.c.awal <= skp["periode_akhir"], periode_ref.c.akhir >= skp["periode_awal"],
    )).mappings().all()
    existing = {r["periode_id"]: r for r in s.execute(
        select(penilaian).where(penilaian.c.skp_id == skp_id)).mappings()}
    snap = skp["snapshot"]
    common = dict(
        snapshot=snap, model=snap["model"], pegawai_id=skp["pegawai_id"],
        unor_id=(snap.get("pegawai") or {}).get("unor_id"),
        pejabat_penilai_id=(snap.get("pejabat_penilai") or {}).get("id"),
        atasan_pejabat_penilai_id=(snap.get("atasan_pejabat_penilai") or {}).get("id"),
        updated_at=now())
    for periode in periods:
        row = existing.pop(periode["id"], None)
        if row is None:
            pid = str(uuid.uuid4())
            s.execute(penilaian.insert().values(
                id=pid, skp_id=skp_id, instansi_id=skp["instansi_id"], periode_id=periode["id"],
                tahun=periode["tahun"], status=DRAFT, revisi=0, created_at=now(), **common))
            catat(s, pid, "DIBUAT", None, None, {"status": DRAFT}, None)
            _penilai_perilaku(s, pid, snap, common["pejabat_penilai_id"])
            continue
        values = dict(common)
        if row["status"] == DITUTUP:
            values["status"] = _status_dibuka(row)
            catat(s, row["id"], "DIBUKA_KEMBALI", None, {"status": DITUTUP},
                  {"status": values["status"]}, "SKP disetujui kembali")
        s.execute(update(penilaian).where(penilaian.c.id == row["id"]).values(**values))
        _penilai_perilaku(s, row["id"], snap, common["pejabat_penilai_id"])
    if existing:  # periods the re-approved SKP no longer overlaps
        tutup(s, penilaian.c.id.in_([r["id"] for r in existing.values()]),
              alasan="Periode SKP tidak lagi mencakup periode penilaian ini")


def _penilai_perilaku(s, penilaian_id: str, snap: dict, pejabat_penilai_id: str | None) -> None:
    s.execute(delete(penilai_perilaku).where(penilai_perilaku.c.penilaian_id == penilaian_id))
    rows = []
    for item in snap.get("perilaku", []):
        penilai = item.get("penilai") or "ATASAN"
        pid = item.get("penilai_pegawai_id") or (pejabat_penilai_id if penilai == "ATASAN" else None)
        if pid:
            rows.append({"penilaian_id": penilaian_id, "aspek": item["aspek"], "penilai": penilai,
                         "penilai_pegawai_id": pid})
    if rows:
        s.execute(penilai_perilaku.insert(), rows)


def sinkronkan_periode(s, periode_id: str) -> None:
    """A period arrived or changed: every active SKP it overlaps gets its penilaian."""
    periode = s.execute(select(periode_ref).where(periode_ref.c.id == periode_id)).mappings().one()
    if periode["dihapus"]:
        tutup(s, penilaian.c.periode_id == periode_id, alasan="Periode penilaian dihapus")
        return
    skp_ids = s.execute(select(skp_ref.c.id).where(and_(
        skp_ref.c.instansi_id == periode["instansi_id"], skp_ref.c.aktif.is_(True),
        skp_ref.c.periode_awal <= periode["akhir"], skp_ref.c.periode_akhir >= periode["awal"],
    ))).scalars().all()
    for skp_id in skp_ids:
        sinkronkan_skp(s, skp_id)
    s.execute(update(penilaian).where(penilaian.c.periode_id == periode_id).values(
        tahun=periode["tahun"]))


def periode_diperbarui(event: idev.PeriodeDiperbarui, _envelope, uow) -> None:
    from kinerja_shared.db.readmodel import upsert_snapshot

    values = event.model_dump(include={c.name for c in periode_ref.columns})
    if upsert_snapshot(uow.session, periode_ref, values):
        sinkronkan_periode(uow.session, event.id)
