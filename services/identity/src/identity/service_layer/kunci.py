"""Signing keys: list, rotate, retire. The HTTP endpoints (/auth/kunci) and the operator
commands (`kinerja identity keys ...`) both go through these, so they check and log alike.

Key changes are written to the log (who, which kid), not to riwayat: riwayat records changes to
an instansi's data, and a key belongs to no instansi.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from ..wiring import Components
from .common import aware, conflict, not_found, now

log = logging.getLogger("kinerja.identity")

SEDANG_MENANDATANGANI = "Kunci ini sedang dipakai menandatangani token; lakukan rotasi dahulu."

# how long after a rotation a replica may still sign with the previous key (KeyStore cache)
# plus the verifiers' leeway on `exp` (TokenVerifier, 30 s), with room for clock skew
JEDA_BAKU = 300


def daftar(comp: Components) -> list[dict[str, Any]]:
    """Every key, newest first, with ``aktif`` and ``penandatangan`` read fresh."""
    comp.keys.invalidate()
    return comp.keys.list()


def rotasi(comp: Components, *, oleh: str) -> dict[str, Any]:
    """A new key signs from now on; older keys keep verifying until retired."""
    kid = comp.keys.rotate()
    log.info("signing key rotated: %s signs from now on (by %s)", kid, oleh)
    return next(k for k in daftar(comp) if k["kid"] == kid)


def pensiunkan(comp: Components, kid: str, *, oleh: str) -> None:
    """Retire ``kid``: tokens it signed stop verifying. 404 when it is unknown or already
    retired, 409 for the key that signs now (rotate first)."""
    found = next((k for k in daftar(comp) if k["kid"] == kid and k["aktif"]), None)
    if found is None:
        raise not_found()
    if found["penandatangan"]:
        raise conflict(SEDANG_MENANDATANGANI)
    if not comp.keys.retire(kid):
        raise not_found()  # retired meanwhile by someone else
    log.info("signing key retired: %s (by %s)", kid, oleh)


def usang(keys: list[dict[str, Any]], *, token_ttl: int, jeda: float,
          sekarang: datetime | None = None) -> list[str]:
    """The kids of active keys no valid token can carry any more.

    Only the newest active key signs; an older one signed only until the current key was
    created. Its last tokens expire ``token_ttl`` later, so it can go once
    ``created_at(current) + token_ttl + jeda`` has passed. Nothing goes before that."""
    active = [k for k in keys if k["aktif"]]
    current = next((k for k in active if k["penandatangan"]), None)
    if current is None:
        return []
    t = sekarang or now()
    if aware(current["created_at"]) + timedelta(seconds=token_ttl + jeda) > t:
        return []
    return [k["kid"] for k in active if k["kid"] != current["kid"]]


def pensiunkan_usang(comp: Components, *, jeda: float = JEDA_BAKU, oleh: str) -> list[str]:
    """Retire every key :func:`usang` names; returns their kids."""
    kids = usang(daftar(comp), token_ttl=comp.settings.token_ttl, jeda=jeda)
    done = [kid for kid in kids if comp.keys.retire(kid)]
    for kid in done:
        log.info("signing key retired: %s, unused for longer than the token lifetime (by %s)",
                 kid, oleh)
    return done
