"""Signing keys: list, rotate, retire. The HTTP endpoints (/auth/kunci) and the operator
commands (`kinerja identity keys ...`) both go through these, so they check and log alike.

A rotated key is published in the JWKS at once and signs ``key_publish_delay`` seconds later
(``KINERJA_IDENTITY_KEY_PUBLISH_DELAY``; why that long: ``identity.config``), so the other
services hold it before the first token names it. An emergency rotation (``segera``: a leaked
key) signs at once; other services may then refuse the new tokens for up to ~30 s.

Key changes are written to the log (who, which kid), not to riwayat: riwayat records changes to
an instansi's data, and a key belongs to no instansi.

The keys live in the key store (``adapters.keystore``; in production a secret store's role),
which commits each change itself and drops its cache at once, so a rotation or retirement
takes effect in this process the moment it is made. These functions take the unit of work like
every service function, but write nothing through it. Access (admin_pusat) is the view's role
check; the operator commands run without a caller (``principal`` None).
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from kinerja_shared.auth.principal import Principal
from kinerja_shared.db import UnitOfWork
from kinerja_shared.db.paging import Page, PageRequest
from kinerja_shared.errors import Conflict, NotFound

from ..wiring import Components
from .common import aware

log = logging.getLogger("kinerja.identity")

SEDANG_MENANDATANGANI = ("Kunci ini sedang dipakai menandatangani token; lakukan rotasi dahulu "
                         "dan pensiunkan setelah kunci baru mulai menandatangani.")

# how long after the current key started signing a replica may still sign with the previous
# key (KeyStore cache, after an emergency rotation) plus the verifiers' leeway on `exp`
# (TokenVerifier, 30 s), with room for clock skew
JEDA_BAKU = 300


def daftar(uow: UnitOfWork, principal: Principal | None, comp: Components, *,
           page: PageRequest | None = None) -> Page[dict[str, Any]]:
    """The keys, newest first (all of them without ``page``), with ``aktif``,
    ``penandatangan`` and ``menunggu`` read fresh."""
    comp.keys.invalidate()
    keys = comp.keys.list()
    if page is None:
        return Page(keys, len(keys))
    return Page(keys[page.offset:page.offset + page.limit], len(keys))


def ambil(uow: UnitOfWork, principal: Principal | None, comp: Components,
          kid: str) -> dict[str, Any]:
    """One key (a retired one too); 404 for an unknown kid."""
    found = next((k for k in daftar(uow, principal, comp).items if k["kid"] == kid), None)
    if found is None:
        raise NotFound()
    return found


def jwks(uow: UnitOfWork, principal: Principal | None,
         comp: Components) -> dict[str, list[dict[str, Any]]]:
    """The public keys of every key not retired, pending ones included."""
    return comp.keys.jwks()


def rotasi(uow: UnitOfWork, principal: Principal | None, comp: Components, *, oleh: str,
           segera: bool = False) -> dict[str, Any]:
    """A new key, published at once; it signs after the publish delay, or at once when
    ``segera`` (emergency: other services may refuse its tokens for up to ~30 s). Older keys
    keep verifying until retired."""
    delay = 0 if segera else comp.settings.key_publish_delay
    kid = comp.keys.rotate(delay=delay)
    key = ambil(uow, principal, comp, kid)
    if segera:
        log.warning("signing key rotated AT ONCE (emergency): %s signs from now on; other "
                    "services may refuse its tokens for up to ~30 s (by %s)", kid, oleh)
    else:
        log.info("signing key rotated: %s published, signs from %s (in %s s) (by %s)",
                 kid, key["signs_from"].isoformat(), delay, oleh)
    return key


def pensiunkan(uow: UnitOfWork, principal: Principal | None, comp: Components, kid: str,
               *, oleh: str) -> None:
    """Retire ``kid``: tokens it signed stop verifying. 404 when it is unknown or already
    retired, 409 for the key that signs now (rotate first). A pending key (not signing yet)
    may be retired: it then never signs."""
    found = ambil(uow, principal, comp, kid)
    if not found["aktif"]:
        raise NotFound()
    if found["penandatangan"]:
        raise Conflict(SEDANG_MENANDATANGANI)
    if not comp.keys.retire(kid):
        raise NotFound()  # retired meanwhile by someone else
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


def pensiunkan_usang(uow: UnitOfWork, principal: Principal | None, comp: Components, *,
                     jeda: float = JEDA_BAKU, oleh: str) -> list[str]:
    """Retire every key :func:`usang` names; returns their kids."""
    kids = usang(daftar(uow, principal, comp).items, token_ttl=comp.settings.token_ttl,
                 jeda=jeda, sekarang=comp.keys.now())
    done = [kid for kid in kids if comp.keys.retire(kid)]
    for kid in done:
        log.info("signing key retired: %s, unused for longer than the token lifetime (by %s)",
                 kid, oleh)
    return done
