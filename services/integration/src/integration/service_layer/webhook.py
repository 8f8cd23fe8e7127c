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

import httpx
import sqlalchemy as sa

from kinerja_shared.clock import now
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import NotFound, invalid

from ..adapters.tables import pengiriman_webhook, webhook
from ..domain.tanda_tangan import HEADER, tanda_tangan
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

def kirim_jatuh_tempo(runtime, cfg, *, http: httpx.Client | None = None) -> int:
    """Send the deliveries that are due (up to BATCH); how many were tried."""
    claimed = _klaim(runtime, cfg)
    if not claimed:
        return 0
    own = http is None
    http = http or httpx.Client(timeout=cfg.webhook_timeout, follow_redirects=False)
    try:
        outcomes = [(d, _kirim(http, d)) for d in claimed]
    finally:
        if own:
            http.close()
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


def _kirim(http: httpx.Client, d: dict) -> tuple[bool, int | None, str | None]:
    body = d["body"].encode()
    headers = {"Content-Type": "application/json", HEADER: tanda_tangan(d["rahasia"], body),
               "X-Kinerja-Event-Id": d["event_id"], "X-Kinerja-Event-Type": d["jenis"],
               "User-Agent": "kinerja-integration-webhook/1"}
    try:
        response = http.post(d["url"], content=body, headers=headers)
    except httpx.HTTPError as exc:
        return False, None, type(exc).__name__
    if 200 <= response.status_code < 300:
        return True, response.status_code, None
    return False, response.status_code, f"HTTP {response.status_code}"
