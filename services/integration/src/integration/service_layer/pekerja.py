"""The sync worker: takes jobs off the queue (``antrean``) and runs them, and delivers due
webhooks (``webhook``). ``kinerja integration pekerja`` runs it as a process (production: its
own deployment, any number of replicas); the embedded mode runs it on a thread.

A job's lease is renewed by a heartbeat thread while the job runs, so a long push keeps its
job; a worker killed mid-job stops renewing, and after ``lease`` seconds another worker takes
the job over.
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import uuid

from ..adapters.remote import AuthFailed
from . import antrean, kirim_jalan, selesai, tarik_jalan, webhook

log = logging.getLogger("kinerja.integration.pekerja")


class Pekerja:
    def __init__(self, runtime, *, nama: str | None = None) -> None:
        self.runtime = runtime
        self.nama = nama or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def components(self):
        return self.runtime.components

    def putaran(self) -> bool:
        """Run one job if one can start, then deliver due webhooks; whether anything ran."""
        cfg = self.components.settings
        klaim = antrean.klaim(self.runtime.session_factory, self.nama, cfg.lease)
        if klaim is not None:
            self.jalankan(klaim)
        sent = webhook.kirim_jatuh_tempo(self.runtime, cfg)
        return klaim is not None or sent > 0

    def jalankan(self, klaim: antrean.Klaim) -> None:
        cfg = self.components.settings
        stop = threading.Event()
        beat = threading.Thread(target=self._detak, args=(klaim, cfg.lease, stop), daemon=True,
                                name="kinerja-detak")
        beat.start()
        log.info("job %s (%s %s %s) started by %s", klaim.id, klaim.sistem, klaim.arah,
                 klaim.jenis, self.nama)
        try:
            self._jalankan(klaim, cfg)
        except antrean.LeaseHilang:
            log.warning("job %s was taken over by another worker; %s stops", klaim.id, self.nama)
        except AuthFailed as exc:
            self._gagal(klaim, f"Kredensial ditolak oleh sistem tujuan: {exc}")
        except Exception as exc:  # a job's failure is its row's status, not a crash
            log.exception("job %s failed", klaim.id)
            self._gagal(klaim, f"{type(exc).__name__}: {exc}"[:2000])
        finally:
            stop.set()
            beat.join(5)

    def _jalankan(self, klaim: antrean.Klaim, cfg) -> None:
        if klaim.sistem == "SIASN":
            client = self.components.siasn()
            if client is None:
                raise RuntimeError("SIASN belum dikonfigurasi (KINERJA_INTEGRATION_SIASN_*)")
            if klaim.arah == "KIRIM":
                kirim_jalan.jalankan(self.runtime, klaim, client, cfg)
            else:
                tarik_jalan.jalankan(self.runtime, klaim, client, cfg)
        elif klaim.sistem == "PMM":
            from . import pmm_jalan

            pmm_jalan.jalankan(self.runtime, klaim, self.components.pmm(), cfg)
        else:
            raise RuntimeError(f"unknown job {klaim.sistem}")

    def _gagal(self, klaim: antrean.Klaim, pesan: str) -> None:
        try:
            with self.runtime.uow() as uow:
                selesai.tutup(uow, klaim, status=antrean.GAGAL, pesan=pesan)
                uow.commit()
        except antrean.LeaseHilang:
            pass

    def _detak(self, klaim: antrean.Klaim, lease: float, stop: threading.Event) -> None:
        while not stop.wait(max(0.2, lease / 3)):
            try:
                if not antrean.detak(self.runtime.session_factory, klaim, lease):
                    return
            except Exception:  # the database is away: the next beat tries again
                log.warning("heartbeat of job %s failed", klaim.id, exc_info=True)

    # -- running ----------------------------------------------------------------------------
    def run_forever(self, stop: threading.Event | None = None) -> None:
        stop = stop or self._stop
        log.info("integration worker %s started", self.nama)
        while not stop.is_set():
            try:
                busy = self.putaran()
            except Exception:
                log.exception("worker round failed")
                busy = False
            if not busy:
                stop.wait(self.components.settings.poll_interval)

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self.run_forever, daemon=True,
                                        name="kinerja-integration-pekerja")
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
