"""Pushing predikat and angka kredit to SIASN: what would be sent (the plan, also the preview)
and asking for a push (BKN admin manual §2.13; API.md, integration).

- Only records never sent or changed since their last successful send (``domain.siasn.hash_isi``
  against ``hash_terkirim``), plus those whose last send has no recorded outcome (``ragu``).
- At most one push per kind per instansi per day (429 with ``Retry-After`` until the next
  local midnight); a retry of a push's failures (``ulangi_gagal``) is not a new push.
- The preview is the same plan, computed the same way, not sent: the push then sends exactly
  its bodies (``sinkron_item.payload`` keeps what was sent).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from kinerja_shared.clock import now
from kinerja_shared.errors import Conflict, TooManyRequests

from ..adapters.tables import pengaturan, rekaman, siasn_pegawai, sinkron, sinkron_item
from ..domain import jadwal, siasn
from . import antrean
from .akses import admin_instansi

JENIS_REKAMAN = {"PREDIKAT": (siasn.SKP22, siasn.PERIODIK), "ANGKA_KREDIT": (siasn.ANGKA_KREDIT,)}
# NIP -> SIASN's PNS id, looked up with the caller's unit of work (a second one would wait on
# the caller's write lock under SQLite, the embedded mode)
PnsResolver = Callable[[set[str], Any], dict[str, str]]


@dataclass
class Butir:
    """One record of a plan: what would be sent, or why it cannot be."""

    kunci: str
    jenis: str
    nip: str | None
    nama: str | None
    aksi: str  # TAMBAH (no SIASN id yet) or UBAH
    body: dict[str, Any] | None = None
    hash: str | None = None
    ragu: bool = False
    alasan: str | None = None  # set: the record cannot be sent
    siasn_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def dikirim(self) -> dict[str, Any]:
        return {"kunci": self.kunci, "jenis": self.jenis, "nip": self.nip, "nama": self.nama,
                "aksi": self.aksi, "payload": self.body, "alasan": self.alasan}


def rencana(uow, instansi_id: str, tahun: int, jenis: str, pns: PnsResolver, *,
            hanya: set[str] | None = None, kecuali: Iterable[str] = ()) -> list[Butir]:
    """Every record of the instansi, year and kind (PREDIKAT or ANGKA_KREDIT) to send, in key
    order; those that cannot be sent carry ``alasan``."""
    query = sa.select(rekaman.c.kunci, rekaman.c.jenis, rekaman.c.nip, rekaman.c.nama,
                      rekaman.c.data, rekaman.c.siasn_id, rekaman.c.hash_terkirim,
                      rekaman.c.ragu).where(
        rekaman.c.instansi_id == instansi_id, rekaman.c.tahun == tahun,
        rekaman.c.jenis.in_(JENIS_REKAMAN[jenis])).order_by(rekaman.c.kunci)
    if hanya is not None:
        query = query.where(rekaman.c.kunci.in_(sorted(hanya)))
    rows = [r for r in uow.session.execute(query) if r.kunci not in set(kecuali)]
    ids = pns({r.nip for r in rows if r.nip}, uow)
    plan = []
    for r in rows:
        item = Butir(r.kunci, r.jenis, r.nip, r.nama, "UBAH" if r.siasn_id else "TAMBAH",
                     ragu=bool(r.ragu), siasn_id=r.siasn_id)
        try:
            body = _badan(r.jenis, r.data, ids.get(r.nip), getattr(ids, "galat", {}).get(r.nip))
        except siasn.BelumSiap:
            continue
        except siasn.TidakDapatDikirim as exc:
            if r.hash_terkirim is None or r.ragu:
                item.alasan = str(exc)
                plan.append(item)
            continue
        if r.siasn_id:
            body["id"] = r.siasn_id
        item.body, item.hash = body, siasn.hash_isi(body)
        if item.hash != r.hash_terkirim or r.ragu:
            plan.append(item)
    return plan


def _badan(jenis: str, data: dict, pns_id: str | None, galat: str | None) -> dict[str, Any]:
    if not pns_id:
        raise siasn.TidakDapatDikirim(galat or "NIP tidak ditemukan di SIASN.")
    if jenis == siasn.SKP22:
        return siasn.badan_skp22(data, pns_id)
    if jenis == siasn.PERIODIK:
        return siasn.badan_periodik(data, pns_id)
    return siasn.badan_angka_kredit(data, pns_id)


def pns_lokal(uow) -> Callable[[set[str]], dict[str, str]]:
    """SIASN's PNS ids of NIPs as pulls and earlier look-ups recorded them."""
    def resolve(nips: set[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        nips = sorted(nips)
        for i in range(0, len(nips), 5000):
            found.update({r.nip: r.siasn_id for r in uow.session.execute(
                sa.select(siasn_pegawai.c.nip, siasn_pegawai.c.siasn_id).where(
                    siasn_pegawai.c.nip.in_(nips[i:i + 5000]),
                    siasn_pegawai.c.siasn_id.is_not(None)))})
        return found
    return resolve


def ringkasan(plan: list[Butir]) -> dict[str, Any]:
    """The preview's counts and a hash of exactly what would be sent."""
    digest = hashlib.sha256()
    for item in plan:
        digest.update(f"{item.kunci}\x00{item.hash}\x00{item.alasan}\n".encode())
    return {"jumlah": len(plan), "tambah": sum(1 for i in plan if not i.alasan and i.aksi == "TAMBAH"),
            "ubah": sum(1 for i in plan if not i.alasan and i.aksi == "UBAH"),
            "tidak_dapat_dikirim": sum(1 for i in plan if i.alasan),
            "pratinjau_hash": digest.hexdigest()}


def pratinjau(uow, principal, *, jenis: str, tahun: int, pns_untuk) -> dict:
    """What a push of the caller's instansi would send now, not sent: the counts, the hash of
    the plan and every record with its exact body (or why it cannot be sent)."""
    instansi_id = admin_instansi(principal)
    plan = rencana(uow, instansi_id, tahun, jenis, pns_untuk(instansi_id))
    return {**ringkasan(plan), "tahun": tahun, "jenis": jenis,
            "data": [item.dikirim() for item in plan]}


# -- asking for a push --------------------------------------------------------------------------

def minta(uow, principal, *, jenis: str, tahun: int, zona: str) -> dict:
    """Queue a push of the caller's instansi; 429 when one was asked for today already."""
    instansi_id = admin_instansi(principal)
    antrean.pastikan_pengaturan(uow, instansi_id)
    s = uow.session
    s.execute(sa.select(pengaturan.c.instansi_id).where(
        pengaturan.c.instansi_id == instansi_id).with_for_update())  # one request at a time
    t, tz = now(), ZoneInfo(zona)
    awal, akhir = jadwal.hari(t, tz)
    sudah = s.execute(sa.select(sinkron.c.id).where(
        sinkron.c.instansi_id == instansi_id, sinkron.c.arah == "KIRIM",
        sinkron.c.jenis == jenis, sinkron.c.induk_id.is_(None), sinkron.c.status != "GAGAL",
        sinkron.c.waktu_request >= awal, sinkron.c.waktu_request < akhir).limit(1)).first()
    if sudah is not None:
        raise TooManyRequests("Sinkronisasi hanya dapat dilakukan sekali sehari.",
                              retry_after=jadwal.detik_sampai_besok(t, tz),
                              code="sekali-sehari", sinkron_id=sudah.id)
    return antrean.antre(uow, instansi_id=instansi_id, sistem="SIASN", arah="KIRIM",
                         jenis=jenis, tahun=tahun, oleh=principal)


def ulangi_gagal(uow, principal, sinkron_id: str, *, jenis: str) -> dict:
    """A job that sends again only what failed in ``sinkron_id``."""
    from .sinkron import ambil

    job = ambil(uow, principal, sinkron_id, sistem="SIASN", arah="KIRIM", jenis=(jenis,))
    if job["status"] not in ("SELESAI", "GAGAL"):
        raise Conflict("Sinkronisasi ini belum selesai.", code="belum-selesai")
    gagal = uow.session.execute(sa.select(sa.func.count()).select_from(sinkron_item).where(
        sinkron_item.c.sinkron_id == sinkron_id, sinkron_item.c.status == "GAGAL")).scalar()
    if not gagal and job["status"] == "SELESAI":
        raise Conflict("Tidak ada data yang gagal dikirim.", code="tidak-ada-gagal")
    return antrean.antre(uow, instansi_id=job["instansi_id"], sistem="SIASN", arah="KIRIM",
                         jenis=jenis, tahun=job["tahun"], induk_id=sinkron_id, oleh=principal)
