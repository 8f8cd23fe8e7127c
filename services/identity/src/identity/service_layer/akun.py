"""Accounts: login, own password, password reset by an admin, tokens."""
from __future__ import annotations

import dataclasses
import logging
import time
from datetime import datetime

import sqlalchemy as sa

from kinerja_shared.auth.access import ensure_admin_of
from kinerja_shared.auth.keys import sign_token
from kinerja_shared.auth.principal import Principal
from kinerja_shared.auth.revocation import sesi_dicabut
from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork
from kinerja_shared.errors import Forbidden, NotFound, TooManyRequests, Unauthenticated, invalid

from ..adapters.passwords import Passwords
from ..adapters.tables import pegawai
from ..domain.sesi import PASSWORD_DIATUR_ULANG, PASSWORD_DIGANTI
from ..wiring import Components
from . import sesi, sesi_login, throttle
from .common import aware, catat

GAGAL_LOGIN = "NIP atau kata sandi salah."
TERLALU_SERING = "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."
PANJANG_MINIMAL = 8

log = logging.getLogger("kinerja.identity")


def periksa_password_baru(password: str, field: str = "password_baru") -> None:
    if len(password) < PANJANG_MINIMAL:
        raise invalid(field, f"Kata sandi minimal {PANJANG_MINIMAL} karakter.")


def principal_of(row) -> Principal:
    return Principal(row["id"], nip=row["nip"] or row["nik"], nama=row["nama"],
                     instansi_id=row["instansi_id"], roles=frozenset(row["roles"]))


def login(uow: UnitOfWork, principal: Principal | None, comp: Components, *, nip: str,
          password: str, client: str | None) -> dict:
    """A token for valid credentials. 401 with the same message whether the NIP exists or
    not (the failure is counted and kept: ``keep_changes``); 429 while the NIP or the client
    address is locked after repeated failures. ``principal`` is not used: a login
    authenticates with its body."""
    s = comp.settings
    # the key store reads (and on a first start writes) in its own session: before this unit
    # of work's first statement, which on SQLite holds the database's write lock until commit
    signing_key = comp.keys.current()
    nip = (nip or "").strip()
    keys = [f"nip:{nip}"] + ([f"ip:{client}"] if client else [])
    wait = throttle.retry_after(uow, keys)
    if wait is not None:
        raise TooManyRequests(TERLALU_SERING, retry_after=wait)
    # the revocation cutoff in the same statement (one snapshot): a password change that
    # commits meanwhile is seen with its new hash or not at all
    row = _pegawai_aktif(uow, sa.or_(pegawai.c.nip == nip, pegawai.c.nik == nip))
    if not comp.passwords.verify(row["password_hash"] if row else None, password):
        locked = []
        if throttle.record_failure(uow, keys[0], s.login_max_failures, s):
            locked.append(keys[0])
        if client and throttle.record_failure(uow, keys[1], s.login_max_failures_ip, s):
            locked.append(keys[1])
        for key in locked:
            log.warning("login locked for %s s after repeated failures: %s (client %s)",
                        s.login_lockout, key, client)
        raise Unauthenticated(GAGAL_LOGIN, keep_changes=True)
    throttle.clear(uow, keys[0])
    if comp.passwords.needs_rehash(row["password_hash"]):
        uow.session.execute(pegawai.update().where(pegawai.c.id == row["id"])
                            .values(password_hash=comp.passwords.hash(password)))
    t = waktu_terbit(row["dicabut_sebelum"])
    sesi_id, refresh_token = sesi_login.buka(uow, comp, pegawai_id=row["id"], mulai=t)
    return jawaban_token(comp, signing_key, row, sesi_id=sesi_id, refresh_token=refresh_token,
                         t=t)


def refresh(uow: UnitOfWork, principal: Principal | None, comp: Components, *,
            refresh_token: str) -> dict:
    """A new access token and a new refresh token of the same session for a refresh token
    (rotation; ``sesi_login`` has the rules). 401 for an unknown, spent, ended or expired one,
    and when the pegawai was deactivated or their sessions revoked since the token was made.
    ``principal`` is not used: the refresh token proves the session."""
    signing_key = comp.keys.current()
    lama = sesi_login.muat(uow, refresh_token)
    sesi_login.putar(uow, comp, lama)
    row = _pegawai_aktif(uow, pegawai.c.id == lama["pegawai_id"])
    cutoff = aware(row["dicabut_sebelum"]) if row else None
    if row is None or (cutoff is not None and cutoff > aware(lama["dibuat_at"])):
        raise Unauthenticated(sesi_login.SESI_BERAKHIR)
    t = waktu_terbit(row["dicabut_sebelum"])
    baru = sesi_login.terbitkan(uow, sesi_id=lama["sesi_id"], pegawai_id=row["id"],
                                dibuat_at=t, berlaku_sampai=aware(lama["berlaku_sampai"]))
    return jawaban_token(comp, signing_key, row, sesi_id=lama["sesi_id"], refresh_token=baru,
                         t=t, sesi_berakhir=aware(lama["berlaku_sampai"]))


def _pegawai_aktif(uow: UnitOfWork, where):
    """An active pegawai with their revocation cutoff (one statement, one snapshot)."""
    return uow.session.execute(
        sa.select(pegawai, sesi_dicabut.c.dicabut_sebelum)
        .outerjoin(sesi_dicabut, sesi_dicabut.c.pegawai_id == pegawai.c.id)
        .where(where, pegawai.c.aktif.is_(True))
    ).mappings().first()


def jawaban_token(comp: Components, signing_key, row, *, sesi_id: str, refresh_token: str,
                  t: datetime, sesi_berakhir: datetime | None = None) -> dict:
    """What login and refresh answer: an access token of the session (claim ``sid``) and the
    refresh token."""
    s = comp.settings
    who = dataclasses.replace(principal_of(row), session_id=sesi_id)
    token = sign_token(who.to_claims(), signing_key, issuer=comp.issuer,
                       audience=comp.audience, expires_in=s.token_ttl, now=t)
    refresh_in = s.refresh_ttl if sesi_berakhir is None else \
        max(0, int((sesi_berakhir - t).total_seconds()))
    return {
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": s.token_ttl,
        "refresh_token": refresh_token,
        "refresh_expires_in": refresh_in,
        "pegawai": {"id": row["id"], "nip": row["nip"] or row["nik"], "nama": row["nama"],
                    "roles": sorted(who.roles)},
    }


MAKS_TUNGGU = 2.0  # seconds a login waits for a revocation's cutoff (more: clocks disagree)


def tunggu(seconds: float) -> None:
    time.sleep(seconds)


def waktu_terbit(dicabut_sebelum: datetime | None) -> datetime:
    """When a new token is issued: now, once the pegawai's revocation cutoff is reached.

    A cutoff is the whole second after the revocation (``iat`` has no fraction), so a token
    signed in the rest of that second would be born revoked: the login waits for the next
    second instead (under a second, and only right after a revocation). Dating the token at
    the cutoff instead would let it outlive a second revocation in the same second, which
    gets the same cutoff."""
    t = now()
    cutoff = aware(dicabut_sebelum)
    if cutoff is not None and t < cutoff:
        tunggu(min((cutoff - t).total_seconds(), MAKS_TUNGGU))
        t = now()
        if t < cutoff:
            log.warning("login: revocation cutoff %s still ahead of this clock (%s); "
                        "are identity's clocks in sync?", cutoff.isoformat(), t.isoformat())
    return t


def ganti_password(uow: UnitOfWork, principal: Principal, passwords: Passwords, *,
                   password_lama: str, password_baru: str) -> dict:
    """Every token of the pegawai, the one of this request included, is revoked: log in
    again. Answers the pegawai."""
    periksa_password_baru(password_baru)
    row = uow.session.execute(sa.select(pegawai).where(pegawai.c.id == principal.pegawai_id)
                              .with_for_update()).mappings().first()
    if row is None:
        raise NotFound()
    if not passwords.verify(row["password_hash"], password_lama):
        raise invalid("password_lama", "Kata sandi lama salah.")
    _set_password(uow, passwords, principal, row, password_baru)
    sesi.cabut(uow, pegawai_id=row["id"], instansi_id=row["instansi_id"], alasan=PASSWORD_DIGANTI)
    return dict(row)


def reset_password(uow: UnitOfWork, principal: Principal, passwords: Passwords,
                   pegawai_id: str, *, password_baru: str) -> dict:
    """An admin of the pegawai's instansi sets a new password and lifts the login lock of the
    NIP; the pegawai's tokens are revoked. Answers the pegawai."""
    periksa_password_baru(password_baru)
    row = uow.session.execute(sa.select(pegawai).where(pegawai.c.id == pegawai_id)
                              .with_for_update()).mappings().first()
    if row is None:
        raise NotFound()
    ensure_admin_of(principal, row["instansi_id"])
    if "admin_pusat" in row["roles"] and not principal.is_admin_pusat:
        raise Forbidden("Hanya admin pusat yang dapat mengatur ulang kata sandi admin pusat.")
    _set_password(uow, passwords, principal, row, password_baru)
    sesi.cabut(uow, pegawai_id=row["id"], instansi_id=row["instansi_id"],
               alasan=PASSWORD_DIATUR_ULANG)
    throttle.clear(uow, f"nip:{row['nip'] or row['nik']}")
    return dict(row)


def _set_password(uow: UnitOfWork, passwords: Passwords, principal: Principal, row,
                  password: str) -> None:
    uow.session.execute(pegawai.update().where(pegawai.c.id == row["id"]).values(
        password_hash=passwords.hash(password), password_changed_at=now()))
    catat(uow, principal, entitas="pegawai", entitas_id=row["id"], instansi_id=row["instansi_id"],
          aksi="UBAH_PASSWORD")
