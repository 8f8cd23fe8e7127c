"""CSRF protection of every form and the security headers of every answer.

CSRF: a random value in an HttpOnly, SameSite=Strict cookie, and in every form (and htmx
request: ``X-CSRF-Token``, from ``hx-headers`` on the body) its HMAC under the secret key. A
POST without the pair is refused with 400 before any view runs. Another site can neither read
the cookie nor compute the HMAC.

Content-Security-Policy: scripts, styles, images and form targets from this origin only, no
inline script or style, no framing.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import abort, current_app, g, request

CSRF_COOKIE = "kinerja_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
AMAN = {"GET", "HEAD", "OPTIONS"}

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")


def _tanda(nilai: str) -> str:
    key = current_app.config["KINERJA"].secret_key.encode()
    return hmac.new(key, nilai.encode(), hashlib.sha256).hexdigest()


def token_csrf() -> str:
    """The token for forms of this answer (templates: ``csrf_token()``)."""
    return _tanda(g.csrf_nilai)


def periksa_csrf() -> None:
    """before_request: refuse an unsafe method without a matching token (400)."""
    nilai = request.cookies.get(CSRF_COOKIE)
    g.csrf_baru = not nilai or len(nilai) > 100
    g.csrf_nilai = secrets.token_urlsafe(32) if g.csrf_baru else nilai
    if request.method in AMAN:
        return
    dikirim = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD) or ""
    if g.csrf_baru or not hmac.compare_digest(dikirim, _tanda(nilai)):
        abort(400, description="csrf")


def header_keamanan(response):
    """after_request: the CSRF cookie when new, and the security headers."""
    if g.get("csrf_baru"):
        response.set_cookie(CSRF_COOKIE, g.csrf_nilai, httponly=True, samesite="Strict",
                            secure=current_app.config["KINERJA"].cookie_secure, path="/")
    h = response.headers
    h.setdefault("Content-Security-Policy", CSP)
    h.setdefault("X-Content-Type-Options", "nosniff")
    h.setdefault("X-Frame-Options", "DENY")
    h.setdefault("Referrer-Policy", "same-origin")
    h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    h.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if response.mimetype == "text/html":
        h["Cache-Control"] = "no-store"
    return response
