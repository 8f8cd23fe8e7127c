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
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, delete, select, update

from kinerja_shared import clock
from kinerja_shared.db.bulk import insert_rows
from kinerja_shared.db.readmodel import upsert_snapshot
from kinerja_shared.db.times import as_utc
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.tables import pegawai_ref, penilai_perilaku, penilaian, periode_ref, skp_ref
from ..domain.status import DITUTUP, DRAFT, TERBUKA, status_dibuka_kembali
from .riwayat import catat_banyak

SISTEM = None  # riwayat "who" for changes made by events
CHUNK = 500  # SKPs per sinkronkan call when a period touches many


@dataclass(frozen=True)
class SkpAktif:
    """An approved SKP as ``sinkronkan`` needs it: the typed approval, its instansi, and the
    JSON it is stored as (in ``skp_ref`` and in each penilaian's ``snapshot``)."""

    instansi_id: str
    skp: skpev.SkpDisetujui
    snapshot: dict[str, Any]

    @classmethod
    def dari_ref(cls, row) -> "SkpAktif":
        """From a stored ``skp_ref`` row (its snapshot is the approval as it arrived)."""
        return cls(row["instansi_id"], skpev.SkpDisetujui.model_validate(row["snapshot"]),
                   row["snapshot"])


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
    baru, diubah, aktif = [], [], []
    for event, envelope in events:
        row = stored.get(event.skp_id)
        if row is not None and row.revisi > event.revisi:
            continue  # an older approval arriving late
        if row is not None and not row.aktif and row.revisi == event.revisi \
                and as_utc(row.diubah_at) > envelope.occurred_at:
            continue  # withdrawn after this very approval
        skp = SkpAktif(instansi[event.skp_id], event, event.model_dump(mode="json"))
        (baru if row is None else diubah).append(dict(
            id=event.skp_id, instansi_id=skp.instansi_id, pegawai_id=event.pegawai.id,
            periode_awal=event.periode_awal, periode_akhir=event.periode_akhir,
            snapshot=skp.snapshot, aktif=True, revisi=event.revisi,
            diubah_at=envelope.occurred_at))
        aktif.append(skp)
    if baru:
        s.execute(skp_ref.insert(), baru)
    if diubah:
        s.execute(update(skp_ref).where(skp_ref.c.id == bindparam("b_id")),
                  [{"b_id": v["id"], **{k: x for k, x in v.items() if k != "id"}}
                   for v in diubah])
    sinkronkan(s, aktif)


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
        where, penilaian.c.status.in_(TERBUKA))).all()
    _tutup(s, [(pid, status, alasan) for pid, status in rows])


def _tutup(s, rows: list[tuple[str, str, str]]) -> None:
    """Close open penilaian: ``(id, status before, alasan)`` each."""
    if not rows:
        return
    s.execute(update(penilaian).where(penilaian.c.id == bindparam("b_id")).values(
        status=DITUTUP, updated_at=clock.now()), [{"b_id": pid} for pid, _, _ in rows])
    catat_banyak(s, [{"penilaian_id": pid, "aksi": "DITUTUP", "oleh": SISTEM,
                      "sebelum": {"status": status}, "sesudah": {"status": DITUTUP},
                      "alasan": alasan} for pid, status, alasan in rows])


def sinkronkan(s, skps: list[SkpAktif]) -> None:
    """Make the penilaian rows of these active SKPs (each SKP once) match their approvals and
    the known periods: create the missing ones, update (and reopen) the others, close those of
    periods an SKP no longer overlaps. A few statements for all of them."""
    if not skps:
        return
    periods = defaultdict(list)
    for periode in s.execute(select(periode_ref).where(
            periode_ref.c.instansi_id.in_(sorted({skp.instansi_id for skp in skps})),
            periode_ref.c.dihapus.is_(False))).mappings():
        periods[periode["instansi_id"]].append(periode)
    existing = defaultdict(dict)
    for row in s.execute(select(
            penilaian.c.id, penilaian.c.skp_id, penilaian.c.periode_id, penilaian.c.status,
            penilaian.c.dikirim_at, penilaian.c.ditetapkan_at).where(
            penilaian.c.skp_id.in_([skp.skp.skp_id for skp in skps]))).mappings():
        existing[row["skp_id"]][row["periode_id"]] = row
    waktu = clock.now()
    baru, diubah, dibuka, perilaku, riwayat, ditutup = [], [], [], [], [], []
    for aktif in skps:
        skp = aktif.skp
        pejabat_penilai_id = skp.pejabat_penilai.id if skp.pejabat_penilai else None
        common = dict(
            snapshot=aktif.snapshot, model=skp.model, pegawai_id=skp.pegawai.id,
            unor_id=skp.pegawai.unor_id, pejabat_penilai_id=pejabat_penilai_id,
            atasan_pejabat_penilai_id=(skp.atasan_pejabat_penilai.id
                                       if skp.atasan_pejabat_penilai else None),
            updated_at=waktu)
        rows = existing.pop(skp.skp_id, {})
        for periode in periods[aktif.instansi_id]:
            if periode["awal"] > skp.periode_akhir or periode["akhir"] < skp.periode_awal:
                continue
            row = rows.pop(periode["id"], None)
            if row is None:
                pid = str(uuid.uuid4())
                baru.append(dict(id=pid, skp_id=skp.skp_id, instansi_id=aktif.instansi_id,
                                 periode_id=periode["id"], tahun=periode["tahun"], status=DRAFT,
                                 revisi=0, created_at=waktu, **common))
                riwayat.append(_catatan(pid, "DIBUAT", None, {"status": DRAFT}, None))
            elif row["status"] == DITUTUP:
                pid = row["id"]
                status = status_dibuka_kembali(dikirim=row["dikirim_at"] is not None,
                                               ditetapkan=row["ditetapkan_at"] is not None)
                dibuka.append({"b_id": pid, "status": status, **common})
                riwayat.append(_catatan(pid, "DIBUKA_KEMBALI", {"status": DITUTUP},
                                        {"status": status}, "SKP disetujui kembali"))
            else:
                pid = row["id"]
                diubah.append({"b_id": pid, **common})
            perilaku += _penilai_perilaku(pid, skp, pejabat_penilai_id)
        ditutup += [(row["id"], row["status"], "Periode SKP tidak lagi mencakup periode "
                     "penilaian ini") for row in rows.values() if row["status"] in TERBUKA]
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


def _penilai_perilaku(penilaian_id: str, skp: skpev.SkpDisetujui,
                      pejabat_penilai_id: str | None) -> list[dict]:
    """Who gives feedback on which aspect, from the approved perilaku."""
    rows = []
    for item in skp.perilaku:
        pid = item.penilai_pegawai_id or (pejabat_penilai_id if item.penilai == "ATASAN" else None)
        if pid:
            rows.append({"penilaian_id": penilaian_id, "aspek": item.aspek,
                         "penilai": item.penilai, "penilai_pegawai_id": pid})
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
        sinkronkan(s, [SkpAktif.dari_ref(r) for r in s.execute(select(skp_ref).where(
            skp_ref.c.id.in_(skp_ids[i:i + CHUNK]))).mappings()])
    s.execute(update(penilaian).where(penilaian.c.periode_id == periode_id).values(
        tahun=periode["tahun"]))


def periode_diperbarui(event: idev.PeriodeDiperbarui, _envelope, uow) -> None:
    values = event.model_dump(include={c.name for c in periode_ref.columns})
    if upsert_snapshot(uow.session, periode_ref, values):
        sinkronkan_periode(uow.session, event.id)
