"""Accounts: login, own password, password reset by an admin, tokens."""
from __future__ import annotations

import logging
import time
from datetime import datetime

import sqlalchemy as sa

from kinerja_shared.auth import Principal, ensure_admin_of
from kinerja_shared.auth.keys import sign_token
from kinerja_shared.auth.revocation import sesi_dicabut
from kinerja_shared.web.problems import Problem

from ..adapters.tables import pegawai
from . import sesi, throttle
from .common import aware, catat, invalid, not_found, now

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


def login(runtime, comp, *, nip: str, password: str, client: str | None) -> dict:
    """A token for valid credentials; 401 (same message whether the NIP exists or not) or 429
    while the NIP or the client address is locked after repeated failures."""
    s = comp.settings
    nip = (nip or "").strip()
    keys = [f"nip:{nip}"] + ([f"ip:{client}"] if client else [])
    with runtime.uow() as uow:
        wait = throttle.retry_after(uow, keys)
        if wait is not None:
            raise Problem(429, TERLALU_SERING, headers={"Retry-After": str(wait)})
        # the revocation cutoff in the same statement (one snapshot): a password change that
        # commits meanwhile is seen with its new hash or not at all
        row = uow.session.execute(
            sa.select(pegawai, sesi_dicabut.c.dicabut_sebelum)
            .outerjoin(sesi_dicabut, sesi_dicabut.c.pegawai_id == pegawai.c.id)
            .where(sa.or_(pegawai.c.nip == nip, pegawai.c.nik == nip), pegawai.c.aktif.is_(True))
        ).mappings().first()
        ok = comp.passwords.verify(row["password_hash"] if row else None, password)
        if not ok:
            locked = []
            if throttle.record_failure(uow, keys[0], s.login_max_failures, s):
                locked.append(keys[0])
            if client and throttle.record_failure(uow, keys[1], s.login_max_failures_ip, s):
                locked.append(keys[1])
            uow.commit()
            for key in locked:
                log.warning("login locked for %s s after repeated failures: %s (client %s)",
                            s.login_lockout, key, client)
            raise Problem(401, GAGAL_LOGIN, headers={"WWW-Authenticate": 'Bearer realm="kinerja"'})
        throttle.clear(uow, keys[0])
        if comp.passwords.needs_rehash(row["password_hash"]):
            uow.session.execute(pegawai.update().where(pegawai.c.id == row["id"])
                                .values(password_hash=comp.passwords.hash(password)))
        uow.commit()
    principal = principal_of(row)
    token = sign_token(principal.to_claims(), comp.keys.current(), issuer=runtime.settings.jwt_issuer,
                       audience=runtime.settings.jwt_audience, expires_in=s.token_ttl,
                       now=waktu_terbit(row["dicabut_sebelum"]))
    return {
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": s.token_ttl,
        "pegawai": {"id": row["id"], "nip": row["nip"] or row["nik"], "nama": row["nama"],
                    "roles": sorted(principal.roles)},
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


def ganti_password(runtime, comp, principal: Principal, *, password_lama: str, password_baru: str) -> None:
    """Every token of the pegawai, the one of this request included, is revoked: log in again."""
    periksa_password_baru(password_baru)
    with runtime.uow() as uow:
        row = uow.session.execute(sa.select(pegawai).where(pegawai.c.id == principal.pegawai_id)
                                  .with_for_update()).mappings().first()
        if row is None:
            raise not_found()
        if not comp.passwords.verify(row["password_hash"], password_lama):
            raise invalid("password_lama", "Kata sandi lama salah.")
        _set_password(uow, comp, principal, row, password_baru)
        sesi.cabut(uow, pegawai_id=row["id"], instansi_id=row["instansi_id"],
                   alasan=sesi.PASSWORD_DIGANTI)
        uow.commit()


def reset_password(runtime, comp, principal: Principal, pegawai_id: str, *, password_baru: str) -> None:
    """An admin of the pegawai's instansi sets a new password; the pegawai's tokens are
    revoked."""
    periksa_password_baru(password_baru)
    with runtime.uow() as uow:
        row = uow.session.execute(sa.select(pegawai).where(pegawai.c.id == pegawai_id)
                                  .with_for_update()).mappings().first()
        if row is None:
            raise not_found()
        ensure_admin_of(principal, row["instansi_id"])
        if "admin_pusat" in row["roles"] and not principal.is_admin_pusat:
            raise Problem(403, "Hanya admin pusat yang dapat mengatur ulang kata sandi admin pusat.")
        _set_password(uow, comp, principal, row, password_baru)
        sesi.cabut(uow, pegawai_id=row["id"], instansi_id=row["instansi_id"],
                   alasan=sesi.PASSWORD_DIATUR_ULANG)
        throttle.clear(uow, f"nip:{row['nip'] or row['nik']}")
        uow.commit()


def _set_password(uow, comp, principal, row, password: str) -> None:
    uow.session.execute(pegawai.update().where(pegawai.c.id == row["id"]).values(
        password_hash=comp.passwords.hash(password), password_changed_at=now()))
    catat(uow, principal, entitas="pegawai", entitas_id=row["id"], instansi_id=row["instansi_id"],
          aksi="UBAH_PASSWORD")
