"""Webhooks of an instansi: where its feed changes are pushed, signed (``domain.tanda_tangan``),
retried with exponential backoff, with a readable delivery log.

A delivery is claimed by moving its ``berikut_at`` forward (a lease) in a short transaction,
sent outside any transaction (with a timeout), and its outcome recorded in another. The
receiver may see a delivery twice (a worker dying after sending): ``X-Kinerja-Event-Id`` is the
idempotency key. After ``webhook_attempts`` failed tries a delivery is GAGAL.
"""
from __future__ import annotations

import logging
import random
import secrets
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa

from kinerja_shared.clock import now
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import NotFound, invalid

from ..adapters import webhook as pengirim
from ..adapters.tables import pengiriman_webhook, webhook
from .feed import JENIS
from .akses import admin_instansi as _admin_instansi

log = logging.getLogger("kinerja.integration.webhook")
BATCH = 50


def buat(uow, principal, *, url: str, jenis: list[str]) -> dict:
    instansi_id = _admin_instansi(principal)
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise invalid("url", "URL harus http(s) lengkap.")
    if not jenis or set(jenis) - set(JENIS):
        raise invalid("jenis", f"Pilih dari {', '.join(JENIS)}.")
    row = {"id": str(uuid.uuid4()), "instansi_id": instansi_id, "url": url,
           "jenis": sorted(set(jenis)), "rahasia": secrets.token_urlsafe(32), "aktif": True,
           "dibuat_at": now(), "dibuat_oleh": principal.pegawai_id}
    uow.session.execute(webhook.insert().values(**row))
    return row  # the only answer that shows the secret


def daftar(uow, principal, *, page: PageRequest) -> Page[dict]:
    instansi_id = _admin_instansi(principal)
    stmt = sa.select(*[c for c in webhook.c if c.name != "rahasia"]).where(
        webhook.c.instansi_id == instansi_id, webhook.c.aktif.is_(True))
    return fetch_page(uow.session, stmt, page, webhook.c.dibuat_at, webhook.c.id)


def ambil(uow, principal, webhook_id: str) -> dict:
    instansi_id = _admin_instansi(principal)
    row = uow.session.execute(sa.select(*[c for c in webhook.c if c.name != "rahasia"]).where(
        webhook.c.id == webhook_id, webhook.c.instansi_id == instansi_id,
        webhook.c.aktif.is_(True))).mappings().first()
    if row is None:
        raise NotFound()
    return dict(row)


def hapus(uow, principal, webhook_id: str) -> None:
    ambil(uow, principal, webhook_id)
    uow.session.execute(sa.update(webhook).where(webhook.c.id == webhook_id).values(aktif=False))
    uow.session.execute(sa.update(pengiriman_webhook).where(
        pengiriman_webhook.c.webhook_id == webhook_id,
        pengiriman_webhook.c.status == "MENUNGGU").values(status="GAGAL",
                                                          galat="Webhook dihapus."))


def log_pengiriman(uow, principal, webhook_id: str, *, status: str | None,
                   page: PageRequest) -> Page[dict]:
    ambil(uow, principal, webhook_id)
    stmt = sa.select(*[c for c in pengiriman_webhook.c if c.name != "body"]).where(
        pengiriman_webhook.c.webhook_id == webhook_id)
    if status:
        stmt = stmt.where(pengiriman_webhook.c.status == status)
    return fetch_page(uow.session, stmt, page, pengiriman_webhook.c.id.desc())


# -- delivering ------------------------------------------------------------------------------

def kirim_jatuh_tempo(runtime, cfg) -> int:
    """Send the deliveries that are due (up to BATCH); how many were tried."""
    claimed = _klaim(runtime, cfg)
    if not claimed:
        return 0
    with pengirim.klien(cfg.webhook_timeout) as http:
        outcomes = [(d, pengirim.kirim(http, d["url"], d["rahasia"], d["event_id"], d["jenis"],
                                       d["body"])) for d in claimed]
    with runtime.uow() as uow:
        t = now()
        for d, (ok, status_http, galat) in outcomes:
            percobaan = d["percobaan"] + 1
            values = {"percobaan": percobaan, "status_http": status_http, "galat": galat}
            if ok:
                values.update(status="TERKIRIM", terkirim_at=t)
            elif percobaan >= cfg.webhook_attempts:
                values.update(status="GAGAL")
            else:
                wait = cfg.webhook_backoff * 2 ** (percobaan - 1)
                values.update(berikut_at=t + timedelta(seconds=wait * random.uniform(1, 1.25)))
            uow.session.execute(sa.update(pengiriman_webhook).where(
                pengiriman_webhook.c.id == d["id"]).values(**values))
        uow.commit()
    return len(claimed)


def _klaim(runtime, cfg) -> list[dict]:
    t = now()
    with runtime.uow() as uow:
        q = (sa.select(pengiriman_webhook.c.id, pengiriman_webhook.c.body,
                       pengiriman_webhook.c.event_id, pengiriman_webhook.c.jenis,
                       pengiriman_webhook.c.percobaan, webhook.c.url, webhook.c.rahasia)
             .join(webhook, webhook.c.id == pengiriman_webhook.c.webhook_id)
             .where(pengiriman_webhook.c.status == "MENUNGGU",
                    pengiriman_webhook.c.berikut_at <= t)
             .order_by(pengiriman_webhook.c.berikut_at, pengiriman_webhook.c.id).limit(BATCH))
        if uow.session.get_bind().dialect.name == "postgresql":
            q = q.with_for_update(of=pengiriman_webhook, skip_locked=True)
        rows = [dict(r._mapping) for r in uow.session.execute(q)]
        if rows:  # leased: another worker skips them until the send is over
            uow.session.execute(sa.update(pengiriman_webhook).where(
                pengiriman_webhook.c.id.in_([r["id"] for r in rows])).values(
                berikut_at=t + timedelta(seconds=cfg.webhook_timeout * 3)))
            uow.commit()
    return rows
