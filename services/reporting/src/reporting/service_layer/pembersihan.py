"""Files kept with an expiry are deleted once expired (``KINERJA_REPORTING_FILE_TTL``):

- every ``berkas`` (Excel reports, bulk-print zips) whose ``kedaluwarsa_at`` has passed: its
  object in storage, then its row;
- the single PDFs of a bulk print (``cetak_item.kunci``) once it is done and its zip was
  swept, or, for a bulk print not done a whole file TTL after it was asked for (failed), then:
  the objects, then ``kunci`` cleared (never while it is being zipped) (the issued documents stay recorded in ``dokumen``: their codes keep
  verifying an uploaded PDF).

Objects go before rows: a sweep cut short leaves rows of expired files (already answered 404)
that the next sweep finishes, never an object no row names. Deleting twice is harmless, so
sweepers on several processes need no coordination. Every ``KINERJA_REPORTING_SWEEP_INTERVAL``
seconds on a thread of each reporting Celery worker process (from its first job) and of the
embedded mode; by hand ``kinerja reporting bersihkan`` (once, or ``--terus``).
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, exists, or_, select, update

from kinerja_shared import clock

from ..adapters.tables import berkas, cetak_item, massal

log = logging.getLogger(__name__)
BATCH = 500


@dataclass
class HasilSapu:
    berkas: int = 0  # report files and zips deleted
    dokumen_massal: int = 0  # single PDFs of bulk prints deleted


def sapu(runtime, storage, file_ttl: int, now: datetime | None = None) -> HasilSapu:
    """One sweep: delete every expired file (in batches of ``BATCH``)."""
    now = now or clock.now()
    hasil = HasilSapu()
    while True:
        with runtime.uow() as uow:
            rows = uow.session.execute(select(berkas.c.id, berkas.c.kunci).where(
                berkas.c.kedaluwarsa_at <= now).order_by(berkas.c.kedaluwarsa_at)
                .limit(BATCH)).all()
        if not rows:
            break
        for row in rows:
            storage.delete(row.kunci)
        with runtime.uow() as uow:
            uow.session.execute(delete(berkas).where(berkas.c.id.in_([r.id for r in rows]),
                                                     berkas.c.kedaluwarsa_at <= now))
            uow.commit()
        hasil.berkas += len(rows)
    # done and its zip swept; or not done a whole TTL after it was asked for (failed). Never
    # one being zipped (MENYUSUN: its zip row is not written yet, its PDFs are being read)
    zip_hidup = exists().where(berkas.c.id == massal.c.id)
    usang = or_(and_(massal.c.status == "SELESAI", ~zip_hidup),
                and_(massal.c.status != "SELESAI",
                     massal.c.dibuat_at <= now - timedelta(seconds=file_ttl)))
    while True:
        with runtime.uow() as uow:
            items = uow.session.execute(
                select(cetak_item.c.massal_id, cetak_item.c.urutan, cetak_item.c.kunci)
                .join(massal, massal.c.id == cetak_item.c.massal_id)
                .where(cetak_item.c.kunci.is_not(None), usang)
                .limit(BATCH)).all()
        if not items:
            break
        for item in items:
            storage.delete(item.kunci)
        with runtime.uow() as uow:
            for item in items:
                uow.session.execute(update(cetak_item).where(
                    cetak_item.c.massal_id == item.massal_id,
                    cetak_item.c.urutan == item.urutan).values(kunci=None))
            uow.commit()
        hasil.dokumen_massal += len(items)
    if hasil.berkas or hasil.dokumen_massal:
        log.info("expired files deleted: %d reports/zips, %d bulk-print PDFs",
                 hasil.berkas, hasil.dokumen_massal)
    return hasil


class Pembersih:
    """Sweeps every ``selang`` seconds until stopped (a thread in the embedded mode; the
    ``--terus`` command in production)."""

    def __init__(self, runtime, comp, selang: float) -> None:
        self.runtime, self.comp, self.selang = runtime, comp, selang
        self._stop = threading.Event()

    def run_forever(self, stop: threading.Event | None = None) -> None:
        stop = stop or self._stop
        while not stop.is_set():
            try:
                sapu(self.runtime, self.comp.storage, self.comp.settings.file_ttl)
            except Exception:  # a database or storage outage: try again next time
                log.exception("sweeping expired files failed")
            stop.wait(self.selang)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run_forever, name="reporting-pembersih",
                                  daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()
