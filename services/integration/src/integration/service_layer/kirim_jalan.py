"""Running a push job (``kirim.py`` decides what; this sends it), exactly once per record
under faults and crashes:

1. The plan is made as the preview makes it, leaving out what this job already finished (a
   job taken over after its worker died) and, for a retry, keeping only what its parent failed.
2. Records go in chunks. Before a chunk is sent, its records are marked ``ragu`` (sent,
   outcome unknown) and its per-record rows written with the exact bodies, in one commit.
3. Each record is saved with up to ``attempts`` tries (tenacity backoff, ``Retry-After``
   honoured; new tokens after a 401). A try whose answer was lost (5xx, timeout, connection
   dropped after sending) may have been done: before the next try, and in any later job while
   the record stays ``ragu``, SIASN's history is read and a record of the same period adopted
   (done if it holds the same content, else updated under its id) instead of saving a second.
4. The chunk's outcomes are recorded in one commit, while the next chunk is being sent: SIASN's
   id (a later change updates rather than duplicates), the content hash sent, ``ragu`` cleared
   (kept after an uncertain failure).

A worker killed anywhere leaves at most two chunks ``ragu``; whoever sends those records next
looks them up first. Nothing is sent twice, nothing recorded twice.
"""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from kinerja_shared.clock import now
from kinerja_shared.db.bulk import insert_rows

from ..adapters.remote import AuthFailed, RateLimited, Refused, RemoteError, Unavailable, retrying
from ..adapters.tables import rekaman, sinkron, sinkron_item
from ..domain import siasn
from . import antrean, kirim, selesai
from .pns import pns_siasn

log = logging.getLogger("kinerja.integration.kirim")


@dataclass
class Hasil:
    ok: bool
    siasn_id: str | None = None
    alasan: str | None = None
    ragu: bool = False
    body: dict[str, Any] | None = None
    tanpa_kirim: bool = False  # found in SIASN's history: no save was needed


def jalankan(runtime, klaim: antrean.Klaim, client, cfg) -> None:
    lease = cfg.lease
    with runtime.uow() as uow:
        final = _kunci_item(uow, klaim.id, ("BERHASIL", "GAGAL"))
        hanya = _gagal_induk(uow, klaim.induk_id)
        plan = kirim.rencana(uow, klaim.instansi_id, klaim.tahun, klaim.jenis,
                             pns_siasn(runtime, client, klaim.instansi_id), hanya=hanya,
                             kecuali=final)
        ditolak = [i for i in plan if i.alasan]
        siap = [i for i in plan if not i.alasan]
        _tulis_item(uow, klaim.id, ditolak, "GAGAL")
        _catat_rekaman(uow, [(i, Hasil(False, alasan=i.alasan)) for i in ditolak])
        if not final:
            antrean.perbarui(uow, klaim, lease, total=len(plan))
        antrean.tambah_hitungan(uow, klaim, lease, gagal=len(ditolak))
        uow.commit()
    # chunk k is sent while the outcomes of chunk k - 1 are recorded: the saves never wait for
    # the database (a worker killed leaves at most these two chunks ``ragu``)
    with ThreadPoolExecutor(max_workers=max(1, cfg.siasn.concurrency),
                            thread_name_prefix="kinerja-kirim") as pool:
        sebelumnya = None
        for i in range(0, len(siap), max(1, cfg.chunk)):
            chunk = siap[i:i + cfg.chunk]
            with runtime.uow() as uow:
                uow.session.execute(sa.update(rekaman).where(
                    rekaman.c.kunci.in_([b.kunci for b in chunk])).values(ragu=True))
                _tulis_item(uow, klaim.id, chunk, "MENUNGGU")
                antrean.perbarui(uow, klaim, lease)
                uow.commit()
            futures = [pool.submit(kirim_satu, client, cfg.siasn, b) for b in chunk]
            if sebelumnya is not None:
                _rekam(runtime, klaim, lease, *sebelumnya)
            sebelumnya = (chunk, futures)
        if sebelumnya is not None:
            _rekam(runtime, klaim, lease, *sebelumnya)
    with runtime.uow() as uow:
        selesai.tutup(uow, klaim)
        uow.commit()


def _rekam(runtime, klaim, lease: float, chunk: list[kirim.Butir], futures) -> None:
    hasil = [f.result() for f in futures]
    with runtime.uow() as uow:
        _catat_hasil(uow, klaim, lease, chunk, hasil)
        uow.commit()


def kirim_satu(client, cfg, butir: kirim.Butir) -> Hasil:
    """Save one record (see the module docstring); never raises for the record's own failure."""
    body = dict(butir.body)
    ragu = butir.ragu or (cfg.lookup_first and "id" not in body)
    try:
        for attempt in retrying(cfg.attempts, cfg.backoff, cfg.backoff_max):
            with attempt:
                if ragu and "id" not in body:
                    found = siasn.cocok_riwayat(butir.jenis, body,
                                                client.riwayat(butir.jenis, butir.nip))
                    if found is not None:
                        body["id"] = str(found["id"])
                        if siasn.isi_sama(body, found):
                            return Hasil(True, body["id"], body=body, tanpa_kirim=True)
                try:
                    return Hasil(True, client.simpan(butir.jenis, body), body=body)
                except Unavailable as exc:
                    ragu = ragu or exc.uncertain
                    raise
    except AuthFailed:
        raise  # our credentials: the whole job stops
    except Refused as exc:
        return Hasil(False, alasan=str(exc), ragu=ragu, body=body)
    except (Unavailable, RateLimited, RemoteError) as exc:
        return Hasil(False, alasan=f"Gagal setelah {cfg.attempts} percobaan: {exc}", ragu=ragu,
                     body=body)
    raise AssertionError("unreachable")


def _gagal_induk(uow, induk_id: str | None) -> set[str] | None:
    """What a retry sends: the records its parent failed; after a parent that failed as a whole
    (GAGAL: credentials refused, SIASN away), everything not yet sent (None: the whole plan)."""
    if induk_id is None:
        return None
    status = uow.session.execute(sa.select(sinkron.c.status).where(
        sinkron.c.id == induk_id)).scalar()
    return None if status == antrean.GAGAL else _kunci_item(uow, induk_id, ("GAGAL",))


def _kunci_item(uow, sinkron_id: str | None, status: tuple[str, ...]) -> set[str]:
    if sinkron_id is None:
        return set()
    return set(uow.session.execute(sa.select(sinkron_item.c.kunci).where(
        sinkron_item.c.sinkron_id == sinkron_id, sinkron_item.c.status.in_(status))).scalars())


def _tulis_item(uow, sinkron_id: str, items: list[kirim.Butir], status: str) -> None:
    if not items:
        return
    keys = [i.kunci for i in items]
    uow.session.execute(sinkron_item.delete().where(sinkron_item.c.sinkron_id == sinkron_id,
                                                    sinkron_item.c.kunci.in_(keys)))
    t = now()
    rows = []
    for item in items:
        rows.append({"sinkron_id": sinkron_id, "kunci": item.kunci, "nip": item.nip,
                     "nama": item.nama, "aksi": item.aksi, "status": status,
                     "alasan": item.alasan, "payload": item.body, "siasn_id": item.siasn_id,
                     "waktu": t})
    insert_rows(uow.session, sinkron_item, rows)


def _catat_hasil(uow, klaim, lease: float, chunk: list[kirim.Butir], hasil: list[Hasil]) -> None:
    _hasil_item(uow, klaim.id, chunk, hasil)
    _catat_rekaman(uow, list(zip(chunk, hasil)))
    ok = [b for b, h in zip(chunk, hasil) if h.ok]
    antrean.tambah_hitungan(
        uow, klaim, lease, berhasil=len(ok), gagal=len(chunk) - len(ok),
        tambah=sum(1 for b in ok if b.aksi == "TAMBAH"),
        ubah=sum(1 for b in ok if b.aksi == "UBAH"))


def _hasil_item(uow, sinkron_id: str, chunk: list[kirim.Butir], hasil: list[Hasil]) -> None:
    """Each record's outcome on its row (written with the body before the chunk was sent); the
    body again only when a look-up added SIASN's id to it."""
    t = now()
    rows = [{"b_kunci": b.kunci, "b_status": "BERHASIL" if h.ok else "GAGAL",
             "b_alasan": h.alasan, "b_siasn_id": h.siasn_id or b.siasn_id, "b_waktu": t}
            for b, h in zip(chunk, hasil)]
    uow.session.execute(sa.update(sinkron_item).where(
        sinkron_item.c.sinkron_id == sinkron_id, sinkron_item.c.kunci == sa.bindparam("b_kunci"))
        .values(status=sa.bindparam("b_status"), alasan=sa.bindparam("b_alasan"),
                siasn_id=sa.bindparam("b_siasn_id"), waktu=sa.bindparam("b_waktu")), rows)
    changed = [{"b_kunci": b.kunci, "b_payload": h.body} for b, h in zip(chunk, hasil)
               if h.body is not None and h.body != b.body]
    if changed:
        uow.session.execute(sa.update(sinkron_item).where(
            sinkron_item.c.sinkron_id == sinkron_id,
            sinkron_item.c.kunci == sa.bindparam("b_kunci")).values(
            payload=sa.bindparam("b_payload")), changed)


def _catat_rekaman(uow, pairs: list[tuple[kirim.Butir, Hasil]]) -> None:
    if not pairs:
        return
    t = now()
    ok = [{"b_kunci": b.kunci, "b_siasn_id": h.siasn_id, "b_hash": b.hash, "b_t": t}
          for b, h in pairs if h.ok]
    if ok:
        uow.session.execute(sa.update(rekaman).where(rekaman.c.kunci == sa.bindparam("b_kunci"))
                            .values(siasn_id=sa.bindparam("b_siasn_id"),
                                    hash_terkirim=sa.bindparam("b_hash"),
                                    terkirim_at=sa.bindparam("b_t"), ragu=False,
                                    status_kirim="BERHASIL", alasan=None), ok)
    gagal = [{"b_kunci": b.kunci, "b_ragu": h.ragu, "b_alasan": (h.alasan or "")[:2000]}
             for b, h in pairs if not h.ok]
    if gagal:
        uow.session.execute(sa.update(rekaman).where(rekaman.c.kunci == sa.bindparam("b_kunci"))
                            .values(ragu=sa.bindparam("b_ragu"), status_kirim="GAGAL",
                                    alasan=sa.bindparam("b_alasan")), gagal)
