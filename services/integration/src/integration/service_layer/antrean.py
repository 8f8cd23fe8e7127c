"""The sync queue: jobs (``sinkron`` rows) run one at a time per instansi, oldest request first
(BKN admin manual §2.13: "dijalankan berdasarkan antrian instansi"), by any number of worker
processes (``kinerja integration pekerja``; a thread in the embedded mode).

A worker claims a job with one conditional UPDATE, holds it with a lease it renews (heartbeat)
and writes its progress only while it still holds it (``percobaan`` of its claim). A worker that
dies (SIGKILL) leaves a job BERJALAN whose lease runs out: the next worker takes it over and
runs it again from what was recorded (each job kind is written to be rerun: see ``kirim_jalan``
and ``tarik_jalan``). Two jobs of one instansi never run at once: the claim locks the
instansi's ``pengaturan`` row and checks for a running job under that lock.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from kinerja_shared.clock import now

from ..adapters.tables import pengaturan, sinkron

MENUNGGU, BERJALAN, SELESAI, GAGAL = "MENUNGGU", "BERJALAN", "SELESAI", "GAGAL"


@dataclass(frozen=True)
class Klaim:
    id: str
    instansi_id: str
    sistem: str
    arah: str
    jenis: str
    tahun: int | None
    params: dict[str, Any]
    induk_id: str | None
    percobaan: int


def antre(uow, *, instansi_id: str, sistem: str, arah: str, jenis: str, tahun: int | None = None,
          params: dict | None = None, induk_id: str | None = None, oleh=None) -> dict:
    """Queue a job (MENUNGGU); the row."""
    pastikan_pengaturan(uow, instansi_id)
    row = {"id": str(uuid.uuid4()), "instansi_id": instansi_id, "sistem": sistem, "arah": arah,
           "jenis": jenis, "tahun": tahun, "status": MENUNGGU, "params": params or {},
           "induk_id": induk_id, "waktu_request": now(),
           "user_request": getattr(oleh, "pegawai_id", None),
           "user_nama": getattr(oleh, "nama", None), "tambah": 0, "ubah": 0, "hapus": 0,
           "gagal": 0, "berhasil": 0, "percobaan": 0}
    uow.session.execute(sinkron.insert().values(**row))
    return row


def pastikan_pengaturan(uow, instansi_id: str) -> None:
    s = uow.session
    if s.execute(sa.select(pengaturan.c.instansi_id).where(
            pengaturan.c.instansi_id == instansi_id)).first() is None:
        s.execute(pengaturan.insert().values(instansi_id=instansi_id, diubah_at=now()))


def klaim(session_factory, pekerja: str, lease: float, *, sistem: str | None = None
          ) -> Klaim | None:
    """The oldest claimable job of an instansi with none running, now BERJALAN for
    ``pekerja``; None when there is none."""
    t = now()
    claimable = sa.or_(sinkron.c.status == MENUNGGU,
                       sa.and_(sinkron.c.status == BERJALAN, sinkron.c.lease_until < t))
    query = (sa.select(sinkron.c.id, sinkron.c.instansi_id).where(claimable)
             .order_by(sinkron.c.waktu_request, sinkron.c.id).limit(50))
    if sistem is not None:
        query = query.where(sinkron.c.sistem == sistem)
    with session_factory() as s:
        candidates = s.execute(query).all()
    tried: set[str] = set()
    for job_id, instansi_id in candidates:
        if instansi_id in tried:
            continue  # only the oldest of an instansi may start
        tried.add(instansi_id)
        won = _klaim_satu(session_factory, job_id, instansi_id, pekerja, lease)
        if won is not None:
            return won
    return None


def _klaim_satu(session_factory, job_id: str, instansi_id: str, pekerja: str,
                lease: float) -> Klaim | None:
    with session_factory.begin() as s:
        t = now()
        s.execute(sa.select(pengaturan.c.instansi_id).where(
            pengaturan.c.instansi_id == instansi_id).with_for_update())
        running = s.execute(sa.select(sinkron.c.id).where(
            sinkron.c.instansi_id == instansi_id, sinkron.c.status == BERJALAN,
            sinkron.c.lease_until >= t, sinkron.c.id != job_id).limit(1)).first()
        if running is not None:
            return None
        row = s.execute(
            sa.update(sinkron)
            .where(sinkron.c.id == job_id, sa.or_(
                sinkron.c.status == MENUNGGU,
                sa.and_(sinkron.c.status == BERJALAN, sinkron.c.lease_until < t)))
            .values(status=BERJALAN, lease_until=t + timedelta(seconds=lease), pekerja=pekerja,
                    percobaan=sinkron.c.percobaan + 1,
                    waktu_mulai=sa.func.coalesce(sinkron.c.waktu_mulai, t))
            .returning(sinkron.c.id, sinkron.c.instansi_id, sinkron.c.sistem, sinkron.c.arah,
                       sinkron.c.jenis, sinkron.c.tahun, sinkron.c.params, sinkron.c.induk_id,
                       sinkron.c.percobaan)).first()
    if row is None:
        return None
    return Klaim(row.id, row.instansi_id, row.sistem, row.arah, row.jenis, row.tahun,
                 dict(row.params or {}), row.induk_id, row.percobaan)


class LeaseHilang(RuntimeError):
    """Another worker took the job over: this one must stop writing."""


def milik(klaim: Klaim):
    """The WHERE clause of every write a worker makes to its job."""
    return sa.and_(sinkron.c.id == klaim.id, sinkron.c.status == BERJALAN,
                   sinkron.c.percobaan == klaim.percobaan)


def perbarui(uow, klaim: Klaim, lease: float, **values: Any) -> None:
    """Write to the claimed job (counts, total) and renew its lease, in the caller's
    transaction; ``LeaseHilang`` when the job is no longer this worker's."""
    values["lease_until"] = now() + timedelta(seconds=lease)
    done = uow.session.execute(sa.update(sinkron).where(milik(klaim)).values(**values))
    if done.rowcount != 1:
        raise LeaseHilang(klaim.id)


def tambah_hitungan(uow, klaim: Klaim, lease: float, **counts: int) -> None:
    """Add to the job's counters (``berhasil=3, gagal=1``) and renew the lease."""
    perbarui(uow, klaim, lease, **{k: getattr(sinkron.c, k) + v for k, v in counts.items() if v})


def detak(session_factory, klaim: Klaim, lease: float) -> bool:
    """Renew the lease in a transaction of its own (the heartbeat thread)."""
    with session_factory.begin() as s:
        done = s.execute(sa.update(sinkron).where(milik(klaim)).values(
            lease_until=now() + timedelta(seconds=lease)))
    return done.rowcount == 1


def selesai(uow, klaim: Klaim, *, status: str = SELESAI, pesan: str | None = None) -> datetime:
    t = now()
    done = uow.session.execute(sa.update(sinkron).where(milik(klaim)).values(
        status=status, waktu_selesai=t, lease_until=None, pesan=pesan))
    if done.rowcount != 1:
        raise LeaseHilang(klaim.id)
    return t
