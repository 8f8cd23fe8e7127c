"""Signed webhook deliveries (HMAC-SHA256 over the timestamp and the body), as integrators know
them (Stripe, Slack, GitHub): the header ``X-Kinerja-Signature: t=<unix seconds>,v1=<hex>``
where ``hex = HMAC_SHA256(secret, "<t>.<body>")``. A receiver recomputes it over the raw body,
compares in constant time and refuses a timestamp older than its tolerance (replays).

Standard library only, so a receiver can copy this file as it is.
"""
from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "X-Kinerja-Signature"
TOLERANCE = 300  # seconds


def tanda_tangan(rahasia: str, body: bytes, t: int | None = None) -> str:
    t = int(time.time()) if t is None else int(t)
    mac = hmac.new(rahasia.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def periksa(rahasia: str, header: str | None, body: bytes, *, tolerance: int = TOLERANCE,
            now: float | None = None) -> bool:
    """Whether ``header`` signs ``body`` with ``rahasia`` within ``tolerance`` seconds."""
    if not header:
        return False
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        t = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - t) > tolerance:
        return False
    expected = tanda_tangan(rahasia, body, t).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))
