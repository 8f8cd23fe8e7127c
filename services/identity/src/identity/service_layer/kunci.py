"""Signing keys: list, rotate, retire. The HTTP endpoints (/auth/kunci) and the operator
commands (`kinerja identity keys ...`) both go through these, so they check and log alike.

A rotated key is published in the JWKS at once and signs ``key_publish_delay`` seconds later
(``KINERJA_IDENTITY_KEY_PUBLISH_DELAY``; why that long: ``identity.config``), so the other
services hold it before the first token names it. An emergency rotation (``segera``: a leaked
key) signs at once; other services may then refuse the new tokens for up to ~30 s.

Key changes are written to the log (who, which kid), not to riwayat: riwayat records changes to
an instansi's data, and a key belongs to no instansi.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from ..wiring import Components
from .common import aware, conflict, not_found

log = logging.getLogger("kinerja.identity")

SEDANG_MENANDATANGANI = ("Kunci ini sedang dipakai menandatangani token; lakukan rotasi dahulu "
                         "dan pensiunkan setelah kunci baru mulai menandatangani.")

# how long after the current key started signing a replica may still sign with the previous
# key (KeyStore cache, after an emergency rotation) plus the verifiers' leeway on `exp`
# (TokenVerifier, 30 s), with room for clock skew
JEDA_BAKU = 300


def daftar(comp: Components) -> list[dict[str, Any]]:
    """Every key, newest first, with ``aktif``, ``penandatangan`` and ``menunggu`` read
    fresh."""
    comp.keys.invalidate()
    return comp.keys.list()


def rotasi(comp: Components, *, oleh: str, segera: bool = False) -> dict[str, Any]:
    """A new key, published at once; it signs after the publish delay, or at once when
    ``segera`` (emergency: other services may refuse its tokens for up to ~30 s). Older keys
    keep verifying until retired."""
    delay = 0 if segera else comp.settings.key_publish_delay
    kid = comp.keys.rotate(delay=delay)
    key = next(k for k in daftar(comp) if k["kid"] == kid)
    if segera:
        log.warning("signing key rotated AT ONCE (emergency): %s signs from now on; other "
                    "services may refuse its tokens for up to ~30 s (by %s)", kid, oleh)
    else:
        log.info("signing key rotated: %s published, signs from %s (in %s s) (by %s)",
                 kid, key["signs_from"].isoformat(), delay, oleh)
    return key


def pensiunkan(comp: Components, kid: str, *, oleh: str) -> None:
    """Retire ``kid``: tokens it signed stop verifying. 404 when it is unknown or already
    retired, 409 for the key that signs now (rotate first). A pending key (not signing yet)
    may be retired: it then never signs."""
    found = next((k for k in daftar(comp) if k["kid"] == kid and k["aktif"]), None)
    if found is None:
        raise not_found()
    if found["penandatangan"]:
        raise conflict(SEDANG_MENANDATANGANI)
    if not comp.keys.retire(kid):
        raise not_found()  # retired meanwhile by someone else
    log.info("signing key retired: %s%s (by %s)", kid,
             ", before it signed" if found["menunggu"] else "", oleh)


def usang(keys: list[dict[str, Any]], *, token_ttl: int, jeda: float,
          sekarang: datetime) -> list[str]:
    """The kids of active keys no valid token can carry any more.

    The key that signs is the newest one whose ``signs_from`` has come; every other key whose
    ``signs_from`` has come signed at most until the current key STARTED SIGNING (its
    ``signs_from``, not its creation: until then the previous key signed). Their last tokens
    expire ``token_ttl`` later, so they can go once ``signs_from(current) + token_ttl + jeda``
    has passed. Nothing goes before that, and keys not due yet (pending) never."""
    active = [k for k in keys if k["aktif"]]
    current = next((k for k in active if k["penandatangan"]), None)
    if current is None:
        return []
    if aware(current["signs_from"]) + timedelta(seconds=token_ttl + jeda) > sekarang:
        return []
    return [k["kid"] for k in active
            if k["kid"] != current["kid"] and aware(k["signs_from"]) <= sekarang]


def pensiunkan_usang(comp: Components, *, jeda: float = JEDA_BAKU, oleh: str) -> list[str]:
    """Retire every key :func:`usang` names; returns their kids."""
    kids = usang(daftar(comp), token_ttl=comp.settings.token_ttl, jeda=jeda,
                 sekarang=comp.keys.now())
    done = [kid for kid in kids if comp.keys.retire(kid)]
    for kid in done:
        log.info("signing key retired: %s, unused for longer than the token lifetime (by %s)",
                 kid, oleh)
    return done
