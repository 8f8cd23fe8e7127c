"""Sending one webhook delivery: the signed POST (``domain.tanda_tangan``) with its idempotency
key, a timeout, no redirects. Returns ``(ok, status, error)``; never raises for the receiver's
failure (the caller backs off and retries)."""
from __future__ import annotations

import httpx

from ..domain.tanda_tangan import HEADER, tanda_tangan


def klien(timeout: float) -> httpx.Client:
    return httpx.Client(timeout=timeout, follow_redirects=False)


def kirim(http: httpx.Client, url: str, rahasia: str, event_id: str, jenis: str,
          body: str) -> tuple[bool, int | None, str | None]:
    raw = body.encode()
    headers = {"Content-Type": "application/json", HEADER: tanda_tangan(rahasia, raw),
               "X-Kinerja-Event-Id": event_id, "X-Kinerja-Event-Type": jenis,
               "User-Agent": "kinerja-integration-webhook/1"}
    try:
        response = http.post(url, content=raw, headers=headers)
    except httpx.HTTPError as exc:
        return False, None, type(exc).__name__
    if 200 <= response.status_code < 300:
        return True, response.status_code, None
    return False, response.status_code, f"HTTP {response.status_code}"
