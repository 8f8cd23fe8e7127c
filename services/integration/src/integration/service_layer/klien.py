"""Service accounts of pipelines (NATIONAL.md, last section): OAuth2 client credentials
(RFC 6749 §4.4), scopes, one instansi each. integration issues and verifies their tokens
itself: an opaque random token, kept only as its SHA-256, living ``client_token_ttl`` seconds.
A client secret is 256 random bits, shown once at creation and kept as its SHA-256 (a hash
that needs no stretching: nobody can guess 256 bits)."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from datetime import timedelta

import sqlalchemy as sa

from kinerja_shared.clock import now
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import Forbidden, Invalid, NotFound, Unauthenticated

from ..adapters.tables import klien, token_klien
from .akses import admin_instansi

SCOPES = ("feed:predikat", "feed:angka-kredit", "feed:sinkron", "export")
PUBLIK = [c for c in klien.c if c.name != "secret_hash"]


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def buat(uow, principal, *, nama: str, scopes: list[str]) -> dict:
    """A new service account of the caller's instansi; the answer carries ``client_secret``,
    the only time it is shown."""
    instansi_id = admin_instansi(principal)
    if not scopes or set(scopes) - set(SCOPES):
        raise Invalid({"scopes": [f"Pilih dari {', '.join(SCOPES)}."]})
    secret = secrets.token_urlsafe(32)
    row = {"id": str(uuid.uuid4()), "instansi_id": instansi_id, "nama": nama,
           "client_id": f"kinerja-{secrets.token_hex(10)}", "secret_hash": _hash(secret),
           "scopes": sorted(set(scopes)), "aktif": True, "dibuat_at": now(),
           "dibuat_oleh": principal.pegawai_id, "dicabut_at": None}
    uow.session.execute(klien.insert().values(**row))
    return {**{k: v for k, v in row.items() if k != "secret_hash"}, "client_secret": secret}


def daftar(uow, principal, *, page: PageRequest) -> Page[dict]:
    instansi_id = admin_instansi(principal)
    stmt = sa.select(*PUBLIK).where(klien.c.instansi_id == instansi_id, klien.c.aktif.is_(True))
    return fetch_page(uow.session, stmt, page, klien.c.dibuat_at, klien.c.id)


def ambil(uow, principal, klien_id: str) -> dict:
    instansi_id = admin_instansi(principal)
    row = uow.session.execute(sa.select(*PUBLIK).where(
        klien.c.id == klien_id, klien.c.instansi_id == instansi_id,
        klien.c.aktif.is_(True))).mappings().first()
    if row is None:
        raise NotFound()
    return dict(row)


def cabut(uow, principal, klien_id: str) -> None:
    """Revoke the account: its tokens stop working at once."""
    ambil(uow, principal, klien_id)
    uow.session.execute(sa.update(klien).where(klien.c.id == klien_id).values(
        aktif=False, dicabut_at=now()))
    uow.session.execute(token_klien.delete().where(token_klien.c.klien_id == klien_id))


TIDAK_DIKENAL = "Klien tidak dikenal atau rahasia salah."


def token(uow, principal, *, client_id: str | None, client_secret: str | None,
          scope: str | None, ttl: int) -> dict:
    """RFC 6749 §4.4.3: an access token for the client's own scopes (or the subset asked)."""
    row = uow.session.execute(sa.select(klien).where(
        klien.c.client_id == (client_id or ""), klien.c.aktif.is_(True))).mappings().first()
    if row is None or not client_secret or \
            not hmac.compare_digest(row["secret_hash"], _hash(client_secret)):
        raise Unauthenticated(TIDAK_DIKENAL, code="invalid_client", error="invalid_client")
    granted = set(row["scopes"])
    if scope:
        asked = set(scope.split())
        if asked - granted:
            raise Invalid({"scope": ["Cakupan di luar hak klien."]}, code="invalid_scope",
                          error="invalid_scope")
        granted = asked
    value = secrets.token_urlsafe(32)
    t = now()
    uow.session.execute(token_klien.delete().where(token_klien.c.kedaluwarsa_at < t))
    uow.session.execute(token_klien.insert().values(
        token_hash=_hash(value), klien_id=row["id"], instansi_id=row["instansi_id"],
        scopes=sorted(granted), kedaluwarsa_at=t + timedelta(seconds=ttl), dibuat_at=t))
    return {"access_token": value, "token_type": "Bearer", "expires_in": ttl,
            "scope": " ".join(sorted(granted))}


def verifikasi(uow, principal, *, access_token: str | None, scope: str) -> dict:
    """The instansi and client of a valid token carrying ``scope`` (401 / 403 otherwise)."""
    if not access_token:
        raise Unauthenticated("Token klien diperlukan.", code="invalid_token")
    row = uow.session.execute(sa.select(token_klien).where(
        token_klien.c.token_hash == _hash(access_token))).mappings().first()
    if row is None or _aware(row["kedaluwarsa_at"]) <= now():
        raise Unauthenticated("Token klien tidak valid atau kedaluwarsa.", code="invalid_token")
    if scope not in row["scopes"]:
        raise Forbidden(f"Token tidak memiliki cakupan {scope}.", code="insufficient_scope")
    return {"instansi_id": row["instansi_id"], "klien_id": row["klien_id"]}


def _aware(value):
    from kinerja_shared.db.times import as_utc

    return as_utc(value)
