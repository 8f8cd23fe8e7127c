"""SkpDisetujui / SkpDibatalkan and new periods: one penilaian per periode penilaian of the
SKP's instansi that the SKP overlaps, holding the approved snapshot.

Order-tolerant: the skp_ref row keeps the newest SKP snapshot (by ``revisi``, and by the event
time for withdrawals); a period arriving after the SKP creates the missing penilaian; a
withdrawn SKP closes its open penilaian (DITUTUP, never deleted) and a re-approved one reopens
the same rows with their realisasi.

SkpDisetujui is set-wise (an instansi approves tens of thousands of SKPs at year end): a run of
approvals is checked against skp_ref with one read, and ``sinkronkan`` brings the penilaian of
all of them up to date with a few statements (one executemany per kind of change). An SKP
approved twice in one run cuts the run there, so each part touches an SKP once and the result is
what applying the events one by one gives.
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime, timezone

from sqlalchemy import and_, bindparam, delete, select, update

from kinerja_shared.db.bulk import insert_rows
from kinerja_shared.db.times import as_utc
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.tables import pegawai_ref, penilai_perilaku, penilaian, periode_ref, skp_ref
from .riwayat import catat_banyak

DRAFT, DIKIRIM, DITETAPKAN, DITUTUP = "DRAFT", "DIKIRIM", "DITETAPKAN", "DITUTUP"
SISTEM = None  # riwayat "who" for changes made by events
CHUNK = 500  # SKPs per sinkronkan call when a period touches many


def now() -> datetime:
    return datetime.now(timezone.utc)


@batch_handler
def skp_disetujui(events, uow) -> None:
    for part in _sekali_per_skp(events):
        _setujui(uow.session, part)


def _sekali_per_skp(events):
    """Cut ``events`` into consecutive parts in which every SKP occurs at most once."""
    part, seen = [], set()
    for event, envelope in events:
        if event.skp_id in seen:
            yield part
            part, seen = [], set()
        part.append((event, envelope))
        seen.add(event.skp_id)
    if part:
        yield part


def _setujui(s, events: list[tuple[skpev.SkpDisetujui, object]]) -> None:
    instansi = _instansi(s, events)
    stored = {r.id: r for r in s.execute(
        select(skp_ref.c.id, skp_ref.c.revisi, skp_ref.c.aktif, skp_ref.c.diubah_at).where(
            skp_ref.c.id.in_([event.skp_id for event, _ in events])))}
    baru, diubah = [], []
    for event, envelope in events:
        row = stored.get(event.skp_id)
        if row is not None and row.revisi > event.revisi:
            continue  # an older approval arriving late
        if row is not None and not row.aktif and row.revisi == event.revisi \
                and as_utc(row.diubah_at) > envelope.occurred_at:
            continue  # withdrawn after this very approval
        (baru if row is None else diubah).append(dict(
            id=event.skp_id, instansi_id=instansi[event.skp_id], pegawai_id=event.pegawai.id,
            periode_awal=event.periode_awal, periode_akhir=event.periode_akhir,
            snapshot=event.model_dump(mode="json"), aktif=True, revisi=event.revisi,
            diubah_at=envelope.occurred_at))
    if baru:
        s.execute(skp_ref.insert(), baru)
    if diubah:
        s.execute(update(skp_ref).where(skp_ref.c.id == bindparam("b_id")),
                  [{"b_id": v["id"], **{k: x for k, x in v.items() if k != "id"}}
                   for v in diubah])
    sinkronkan(s, baru + diubah)


def _instansi(s, events) -> dict[str, str]:
    """The instansi of each SKP: from the event, its envelope, or else the pegawai's."""
    found = {event.skp_id: event.instansi_id or envelope.instansi_id for event, envelope in events}
    unknown = {event.pegawai.id for event, _ in events if found[event.skp_id] is None}
    if unknown:
        of_pegawai = dict(s.execute(select(pegawai_ref.c.id, pegawai_ref.c.instansi_id).where(
            pegawai_ref.c.id.in_(unknown))).all())
        for event, _ in events:
            found[event.skp_id] = found[event.skp_id] or of_pegawai.get(event.pegawai.id)
            if found[event.skp_id] is None:
                raise LookupError(f"SKP {event.skp_id}: instansi unknown "
                                  f"(no instansi_id, pegawai unknown)")
    return found


def skp_dibatalkan(event: skpev.SkpDibatalkan, envelope, uow) -> None:
    s = uow.session
    stored = s.execute(select(skp_ref).where(skp_ref.c.id == event.skp_id)).mappings().first()
    if stored is None or as_utc(stored["diubah_at"]) > envelope.occurred_at:
        return
    s.execute(update(skp_ref).where(skp_ref.c.id == event.skp_id).values(
        aktif=False, diubah_at=envelope.occurred_at))
    tutup(s, penilaian.c.skp_id == event.skp_id, alasan=event.alasan or "SKP dibatalkan")


def tutup(s, where, *, alasan: str) -> None:
    rows = s.execute(select(penilaian.c.id, penilaian.c.status).where(
        where, penilaian.c.status.in_((DRAFT, DIKIRIM)))).all()
    _tutup(s, [(pid, status, alasan) for pid, status in rows])


def _tutup(s, rows: list[tuple[str, str, str]]) -> None:
    """Close open penilaian: ``(id, status before, alasan)`` each."""
    if not rows:
        return
    s.execute(update(penilaian).where(penilaian.c.id == bindparam("b_id")).values(
        status=DITUTUP, updated_at=now()), [{"b_id": pid} for pid, _, _ in rows])
    catat_banyak(s, [{"penilaian_id": pid, "aksi": "DITUTUP", "oleh": SISTEM,
                      "sebelum": {"status": status}, "sesudah": {"status": DITUTUP},
                      "alasan": alasan} for pid, status, alasan in rows])


def _status_dibuka(row) -> str:
    if row["ditetapkan_at"] is not None:
        return DITETAPKAN
    return DIKIRIM if row["dikirim_at"] is not None else DRAFT


def sinkronkan(s, skps: list[dict]) -> None:
    """Make the penilaian rows of these active SKPs (skp_ref rows, each SKP once) match their
    snapshots and the known periods: create the missing ones, update (and reopen) the others,
    close those of periods an SKP no longer overlaps. A few statements for all of them."""
    if not skps:
        return
    periods = defaultdict(list)
    for periode in s.execute(select(periode_ref).where(
            periode_ref.c.instansi_id.in_(sorted({skp["instansi_id"] for skp in skps})),
            periode_ref.c.dihapus.is_(False))).mappings():
        periods[periode["instansi_id"]].append(periode)
    existing = defaultdict(dict)
    for row in s.execute(select(
            penilaian.c.id, penilaian.c.skp_id, penilaian.c.periode_id, penilaian.c.status,
            penilaian.c.dikirim_at, penilaian.c.ditetapkan_at).where(
            penilaian.c.skp_id.in_([skp["id"] for skp in skps]))).mappings():
        existing[row["skp_id"]][row["periode_id"]] = row
    waktu = now()
    baru, diubah, dibuka, perilaku, riwayat, ditutup = [], [], [], [], [], []
    for skp in skps:
        snap = skp["snapshot"]
        common = dict(
            snapshot=snap, model=snap["model"], pegawai_id=skp["pegawai_id"],
            unor_id=(snap.get("pegawai") or {}).get("unor_id"),
            pejabat_penilai_id=(snap.get("pejabat_penilai") or {}).get("id"),
            atasan_pejabat_penilai_id=(snap.get("atasan_pejabat_penilai") or {}).get("id"),
            updated_at=waktu)
        rows = existing.pop(skp["id"], {})
        for periode in periods[skp["instansi_id"]]:
            if periode["awal"] > skp["periode_akhir"] or periode["akhir"] < skp["periode_awal"]:
                continue
            row = rows.pop(periode["id"], None)
            if row is None:
                pid = str(uuid.uuid4())
                baru.append(dict(id=pid, skp_id=skp["id"], instansi_id=skp["instansi_id"],
                                 periode_id=periode["id"], tahun=periode["tahun"], status=DRAFT,
                                 revisi=0, created_at=waktu, **common))
                riwayat.append(_catatan(pid, "DIBUAT", None, {"status": DRAFT}, None))
            elif row["status"] == DITUTUP:
                pid, status = row["id"], _status_dibuka(row)
                dibuka.append({"b_id": pid, "status": status, **common})
                riwayat.append(_catatan(pid, "DIBUKA_KEMBALI", {"status": DITUTUP},
                                        {"status": status}, "SKP disetujui kembali"))
            else:
                pid = row["id"]
                diubah.append({"b_id": pid, **common})
            perilaku += _penilai_perilaku(pid, snap, common["pejabat_penilai_id"])
        ditutup += [(row["id"], row["status"], "Periode SKP tidak lagi mencakup periode "
                     "penilaian ini") for row in rows.values() if row["status"] in (DRAFT, DIKIRIM)]
    if baru:
        insert_rows(s, penilaian, baru)
    by_id = update(penilaian).where(penilaian.c.id == bindparam("b_id"))
    for rows in (diubah, dibuka):
        if rows:
            s.execute(by_id, rows)
    if diubah or dibuka:
        s.execute(delete(penilai_perilaku).where(penilai_perilaku.c.penilaian_id.in_(
            [r["b_id"] for r in diubah + dibuka])))
    insert_rows(s, penilai_perilaku, perilaku)
    catat_banyak(s, riwayat)
    _tutup(s, ditutup)


def _catatan(penilaian_id: str, aksi: str, sebelum, sesudah, alasan) -> dict:
    return {"penilaian_id": penilaian_id, "aksi": aksi, "oleh": SISTEM, "sebelum": sebelum,
            "sesudah": sesudah, "alasan": alasan}


def _penilai_perilaku(penilaian_id: str, snap: dict, pejabat_penilai_id: str | None) -> list:
    """Who gives feedback on which aspect, from the snapshot's perilaku."""
    rows = []
    for item in snap.get("perilaku", []):
        penilai = item.get("penilai") or "ATASAN"
        pid = item.get("penilai_pegawai_id") or (pejabat_penilai_id if penilai == "ATASAN" else None)
        if pid:
            rows.append({"penilaian_id": penilaian_id, "aspek": item["aspek"], "penilai": penilai,
                         "penilai_pegawai_id": pid})
    return rows


def sinkronkan_periode(s, periode_id: str) -> None:
    """A period arrived or changed: every active SKP it overlaps gets its penilaian."""
    periode = s.execute(select(periode_ref).where(periode_ref.c.id == periode_id)).mappings().one()
    if periode["dihapus"]:
        tutup(s, penilaian.c.periode_id == periode_id, alasan="Periode penilaian dihapus")
        return
    skp_ids = s.execute(select(skp_ref.c.id).where(and_(
        skp_ref.c.instansi_id == periode["instansi_id"], skp_ref.c.aktif.is_(True),
        skp_ref.c.periode_awal <= periode["akhir"], skp_ref.c.periode_akhir >= periode["awal"],
    )).order_by(skp_ref.c.id)).scalars().all()
    for i in range(0, len(skp_ids), CHUNK):
        sinkronkan(s, [dict(r) for r in s.execute(select(skp_ref).where(
            skp_ref.c.id.in_(skp_ids[i:i + CHUNK]))).mappings()])
    s.execute(update(penilaian).where(penilaian.c.periode_id == periode_id).values(
        tahun=periode["tahun"]))


def periode_diperbarui(event: idev.PeriodeDiperbarui, _envelope, uow) -> None:
    from kinerja_shared.db.readmodel import upsert_snapshot

    values = event.model_dump(include={c.name for c in periode_ref.columns})
    if upsert_snapshot(uow.session, periode_ref, values):
        sinkronkan_periode(uow.session, event.id)
