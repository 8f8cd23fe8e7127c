"""Login sessions for a browser (the web UI): rotating refresh tokens and log out.

A login opens a session (``sesi_id``, also the ``sid`` claim of its access tokens) and gives a
refresh token ``<id>.<secret>``; only a sha256 of the secret is stored. ``POST /auth/refresh``
spends the token and answers a new access token and a new refresh token of the same session
(rotation). A spent token presented again later than ``refresh_grace`` seconds after it was
spent means it was copied: the whole session is revoked (every refresh token of the family,
and its access tokens everywhere: ``SesiDicabut`` with ``sesi_id``). Within the grace (two
requests of one browser refreshing at once) it gets a new pair of the same session instead.
``POST /auth/keluar`` ends the session the same way. A session lasts ``refresh_ttl`` seconds
from its login; a password change, a deactivation or "log out everywhere" (the pegawai's
cutoff, ``sesi_dicabut``) ends every session opened before it.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa

from kinerja_shared.auth.revocation import cutoff_after, record, session_key, sesi_dicabut
from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork
from kinerja_shared.errors import Unauthenticated

from ..adapters.tables import pegawai, sesi_refresh
from ..domain.sesi import KELUAR, REFRESH_DIPAKAI_ULANG
from ..wiring import Components
from . import events
from .common import aware, new_id

SESI_BERAKHIR = "Sesi tidak berlaku atau telah berakhir; silakan masuk lagi."

log = logging.getLogger("kinerja.identity")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def terbitkan(uow: UnitOfWork, *, sesi_id: str, pegawai_id: str, dibuat_at: datetime,
              berlaku_sampai: datetime) -> str:
    """A new refresh token of the session; answers the token (shown once, never stored)."""
    token_id, secret = new_id(), secrets.token_urlsafe(32)
    uow.session.execute(sesi_refresh.insert().values(
        id=token_id, sesi_id=sesi_id, pegawai_id=pegawai_id, rahasia_hash=_hash(secret),
        dibuat_at=dibuat_at, berlaku_sampai=berlaku_sampai))
    return f"{token_id}.{secret}"


def buka(uow: UnitOfWork, comp: Components, *, pegawai_id: str, mulai: datetime
         ) -> tuple[str, str]:
    """A new session for a login at ``mulai``: ``(sesi_id, refresh_token)``. The pegawai's
    ended sessions are pruned on the way (one statement)."""
    uow.session.execute(sesi_refresh.delete().where(
        sesi_refresh.c.pegawai_id == pegawai_id,
        sa.or_(sesi_refresh.c.berlaku_sampai < mulai, sesi_refresh.c.dicabut_at.is_not(None))))
    sesi_id = new_id()
    token = terbitkan(uow, sesi_id=sesi_id, pegawai_id=pegawai_id, dibuat_at=mulai,
                      berlaku_sampai=mulai + timedelta(seconds=comp.settings.refresh_ttl))
    return sesi_id, token


def muat(uow: UnitOfWork, refresh_token: str) -> dict:
    """The stored row of a refresh token whose secret matches (locked), else 401."""
    token_id, _, secret = (refresh_token or "").partition(".")
    if not token_id or not secret or len(token_id) > 36:
        raise Unauthenticated(SESI_BERAKHIR)
    row = uow.session.execute(sa.select(sesi_refresh).where(sesi_refresh.c.id == token_id)
                              .with_for_update()).mappings().first()
    if row is None or not hmac.compare_digest(row["rahasia_hash"], _hash(secret)):
        raise Unauthenticated(SESI_BERAKHIR)
    return dict(row)


def putar(uow: UnitOfWork, comp: Components, row: dict) -> None:
    """Spend ``row`` (the refresh token presented): refuse an ended session, revoke the
    session for a token spent before (outside the grace), mark it spent."""
    t = now()
    if row["dicabut_at"] is not None or aware(row["berlaku_sampai"]) <= t:
        raise Unauthenticated(SESI_BERAKHIR)
    if row["dipakai_at"] is not None:
        if t - aware(row["dipakai_at"]) > timedelta(seconds=comp.settings.refresh_grace):
            log.warning("refresh token reused: session %s of pegawai %s revoked",
                        row["sesi_id"], row["pegawai_id"])
            cabut_sesi(uow, row, REFRESH_DIPAKAI_ULANG)
            raise Unauthenticated(SESI_BERAKHIR, keep_changes=True)
        return
    uow.session.execute(sesi_refresh.update().where(sesi_refresh.c.id == row["id"])
                        .values(dipakai_at=t))


def cabut_sesi(uow: UnitOfWork, row: dict, alasan: str) -> datetime:
    """End the session of ``row``: its refresh tokens are refused, its access tokens revoked
    (here at once, elsewhere through SesiDicabut with ``sesi_id``)."""
    t = now()
    uow.session.execute(sesi_refresh.update().where(
        sesi_refresh.c.sesi_id == row["sesi_id"], sesi_refresh.c.dicabut_at.is_(None))
        .values(dicabut_at=t))
    cutoff = cutoff_after(t)
    record(uow.session, [(session_key(row["sesi_id"]), cutoff, alasan)])
    instansi_id = uow.session.execute(sa.select(pegawai.c.instansi_id)
                                      .where(pegawai.c.id == row["pegawai_id"])).scalar()
    uow.add_event(events.sesi_dicabut(pegawai_id=row["pegawai_id"], instansi_id=instansi_id,
                                      dicabut_sebelum=cutoff, alasan=alasan,
                                      sesi_id=row["sesi_id"]),
                  aggregate_id=row["pegawai_id"], instansi_id=instansi_id)
    return cutoff


def keluar(uow: UnitOfWork, principal, comp: Components, *, refresh_token: str) -> dict:
    """Log out: end the session the refresh token belongs to (again: nothing more to do).
    ``principal`` is not used: the refresh token proves the session."""
    row = muat(uow, refresh_token)
    if row["dicabut_at"] is not None:
        cutoff = uow.session.execute(sa.select(sesi_dicabut.c.dicabut_sebelum).where(
            sesi_dicabut.c.pegawai_id == session_key(row["sesi_id"]))).scalar()
        return {"sesi_id": row["sesi_id"], "dicabut_sebelum": aware(cutoff)}
    return {"sesi_id": row["sesi_id"], "dicabut_sebelum": cabut_sesi(uow, row, KELUAR)}
