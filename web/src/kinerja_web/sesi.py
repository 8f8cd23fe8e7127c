"""The browser's session: tokens in HttpOnly cookies, refreshed before they expire.

``kinerja_akses`` holds the access token and ``kinerja_refresh`` the refresh token (identity's
rotating tokens), both HttpOnly, SameSite and Secure (``KINERJA_WEB_COOKIE_SECURE``); nothing
the page's JavaScript can read. Before each request the access token is refreshed when it is
missing or about to expire; a refused refresh (ended session, reuse) logs the browser out.
Who the user is comes from identity on every request (``GET /auth/me``, one primary-key read):
identity checks its revocations without a cache, so a session ended by "log out" (a replayed
cookie), "log out everywhere", a password change or a deactivation is refused on the very next
click, before any other service (which learn it from SesiDicabut within seconds) is asked.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from functools import wraps
from typing import Any, Callable
from urllib.parse import urlparse

import jwt
from flask import current_app, g, redirect, request, url_for

from .api import Jawaban, Panggilan

AKSES = "kinerja_akses"
REFRESH = "kinerja_refresh"
HARI_KERJA = 12 * 3600


@dataclass(frozen=True)
class Pengguna:
    id: str
    nip: str
    nama: str
    instansi_id: str | None
    roles: frozenset[str]
    sid: str | None

    @property
    def admin(self) -> bool:
        return bool({"admin_instansi", "admin_pusat"} & self.roles)

    @classmethod
    def dari_token(cls, token: str) -> "Pengguna | None":
        try:
            c = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            return None
        if not isinstance(c.get("sub"), str):
            return None
        return cls(c["sub"], c.get("nip") or "", c.get("nama") or "", c.get("instansi_id"),
                   frozenset(c.get("roles") or ()), c.get("sid"))


def _claims(token: str) -> dict:
    """The token's claims, unverified (the APIs verify it): its expiry and session."""
    try:
        return jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return {}


def _exp(token: str) -> float:
    return float(_claims(token).get("exp", 0) or 0)


def muat() -> None:
    """before_request: the user of this request, refreshing the access token if needed."""
    g.token_baru = None  # (access, refresh, refresh_expires_in) to set on the answer
    g.keluarkan = False
    akses, refresh = request.cookies.get(AKSES), request.cookies.get(REFRESH)
    margin = current_app.config["KINERJA"].refresh_margin
    if refresh and (not akses or _exp(akses) - time.time() < margin):
        akses = perbarui(refresh)
    g.akses = akses
    g.pengguna = None
    if akses:
        j = panggil_api("GET", "identity", "/auth/me")  # 401 after a refused refresh: logged out
        if j.ok:
            sid = _claims(g.akses).get("sid")
            b = j.body
            g.pengguna = Pengguna(b["id"], b.get("nip") or b.get("nik") or "", b.get("nama") or "",
                                  b.get("instansi_id"), frozenset(b.get("roles") or ()), sid)


def perbarui(refresh: str) -> str | None:
    j = panggil_api("POST", "identity", "/auth/refresh", json={"refresh_token": refresh},
                    token=None, retry=False)
    if j.ok:
        g.token_baru = (j.body["access_token"], j.body["refresh_token"],
                        j.body.get("refresh_expires_in", HARI_KERJA))
        return j.body["access_token"]
    g.keluarkan = True
    return None


def simpan(response):
    """after_request: set or clear the cookies this request decided on."""
    secure = current_app.config["KINERJA"].cookie_secure
    if getattr(g, "token_baru", None):
        akses, refresh, umur = g.token_baru
        response.set_cookie(AKSES, akses, max_age=umur, httponly=True, secure=secure,
                            samesite="Lax", path="/")
        response.set_cookie(REFRESH, refresh, max_age=umur, httponly=True, secure=secure,
                            samesite="Strict", path="/")
    elif getattr(g, "keluarkan", False):
        for name in (AKSES, REFRESH):
            response.delete_cookie(name, path="/", secure=secure, httponly=True,
                                   samesite="Strict" if name == REFRESH else "Lax")
    return response


def mulai(body: dict) -> None:
    """After a login: keep the tokens of the new session."""
    g.token_baru = (body["access_token"], body["refresh_token"],
                    body.get("refresh_expires_in", HARI_KERJA))
    g.akses = body["access_token"]
    g.pengguna = Pengguna.dari_token(body["access_token"])


def akhiri() -> None:
    g.token_baru = None
    g.keluarkan = True
    g.akses = None
    g.pengguna = None


class SesiBerakhir(Exception):
    """An API refused the token (revoked, expired session): log in again."""


def panggil_api(method: str, service: str, path: str, *, token: Any = "akses",
                retry: bool = True, **kw) -> Jawaban:
    api = current_app.extensions["kinerja_api"]
    if token == "akses":
        token = g.get("akses")
    p = Panggilan(method, service, path, token=token, client_addr=request.remote_addr,
                  headers={"X-Request-ID": request.headers.get("X-Request-ID", "")} if
                  request.headers.get("X-Request-ID") else {}, **kw)
    j = api.call(p)
    g.setdefault("api_ms", []).append((f"{method} /api/{service}{path}", j.ms))
    if j.status == 401 and token and retry:
        refresh = (g.token_baru[1] if g.get("token_baru") else request.cookies.get(REFRESH))
        if refresh and perbarui(refresh):
            p.token = g.akses = g.token_baru[0]
            j = api.call(p)
        if j.status == 401:
            akhiri()
            raise SesiBerakhir()
    return j


def perlu_masuk(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(*args, **kwargs):
        if g.get("pengguna") is None:
            return redirect(url_for("auth.masuk", lanjut=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapper


def perlu_admin(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(*args, **kwargs):
        if g.get("pengguna") is None:
            return redirect(url_for("auth.masuk", lanjut=request.full_path.rstrip("?")))
        if not g.pengguna.admin:
            from flask import abort
            abort(404)
        return view(*args, **kwargs)

    return wrapper


def tujuan_aman(lanjut: str | None) -> str:
    """Only a path of this site after login (no open redirect)."""
    if not lanjut:
        return url_for("beranda.index")
    u = urlparse(lanjut)
    if u.scheme or u.netloc or not lanjut.startswith("/") or lanjut.startswith("//"):
        return url_for("beranda.index")
    return lanjut
