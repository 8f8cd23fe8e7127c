"""The web UI's Flask app: ``create_app`` (production: ``gunicorn
'kinerja_web.app:create_app()'``) and ``create_embedded_app`` (the embedded runner mounts it
at ``/`` next to the services under ``/api/<service>``)."""
from __future__ import annotations

import logging
import secrets
import time
from pathlib import Path
from typing import Callable

from flask import Flask, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from . import format as fmt
from . import keamanan, sesi
from .api import Api, ApiTidakTersedia, HttpTransport, WsgiTransport
from .config import WebSettings
from .navigasi import menu

log = logging.getLogger("kinerja.web")
HERE = Path(__file__).parent


def create_app(settings: WebSettings | None = None, api: Api | None = None) -> Flask:
    settings = settings or WebSettings.from_env()
    if api is None:
        if not settings.api_url:
            raise RuntimeError("KINERJA_WEB_API_URL is not set (where the services' APIs are)")
        api = Api(HttpTransport(settings.api_url, settings.api_timeout))
    app = Flask("kinerja_web", template_folder=str(HERE / "templates"),
                static_folder=str(HERE / "static"), static_url_path="/static")
    app.config["KINERJA"] = settings
    # Flask's signed session cookie carries only the one-time messages ("flash"), never a token
    app.secret_key = settings.secret_key
    app.config.update(SESSION_COOKIE_NAME="kinerja_pesan", SESSION_COOKIE_HTTPONLY=True,
                      SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=settings.cookie_secure)
    app.config["MAX_CONTENT_LENGTH"] = 12 * 1024 * 1024
    app.extensions["kinerja_api"] = api
    _templates(app)
    _hooks(app)
    _errors(app)
    from .views import register
    register(app)
    return app


def create_embedded_app(services_app: Callable, environ: dict[str, str] | None = None) -> Flask:
    """The UI of the embedded mode: calls the services mounted in ``services_app`` in process."""
    env = dict(environ or {})
    env.setdefault("KINERJA_WEB_COOKIE_SECURE", "0")  # plain http on a developer's machine
    # one process serves the UI here: a key of its own is enough (sessions outlive a restart
    # at identity; only an open form's CSRF token does not)
    env.setdefault("KINERJA_WEB_SECRET_KEY", secrets.token_urlsafe(32))
    return create_app(WebSettings.from_env(env), Api(WsgiTransport(services_app)))


def wsgi_app() -> Flask:
    """Behind the gateway: one proxy whose X-Forwarded-For is believed (the client's address
    goes on to identity's login throttling)."""
    app = create_app()
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore
    return app


def _templates(app: Flask) -> None:
    app.jinja_env.filters.update(label=fmt.label, tanggal=fmt.tanggal, waktu=fmt.waktu,
                                 angka=fmt.angka, opsi=fmt.opsi, pilihan=fmt.pilihan)
    app.jinja_env.globals.update(csrf_token=keamanan.token_csrf, RATING=fmt.RATING,
                                 PREDIKAT=fmt.PREDIKAT, ASPEK=fmt.ASPEK, menu=menu,
                                 tahun_ini=fmt.tahun_ini)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def _hooks(app: Flask) -> None:
    @app.before_request
    def _awal():
        g.mulai = time.perf_counter()
        if request.endpoint in ("static", "healthz"):
            g.pengguna = None
            return None
        keamanan.periksa_csrf()
        sesi.muat()
        return None

    @app.after_request
    def _akhir(response):
        if request.endpoint not in ("static", "healthz"):
            sesi.simpan(response)
            keamanan.header_keamanan(response)
            api_ms = sum(ms for _, ms in g.get("api_ms", []))
            total = (time.perf_counter() - g.mulai) * 1000
            response.headers["Server-Timing"] = (f"api;dur={api_ms:.1f}, "
                                                 f"app;dur={total:.1f}")
        else:
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")


def _errors(app: Flask) -> None:
    @app.errorhandler(sesi.SesiBerakhir)
    def _sesi_berakhir(_exc):
        from flask import flash, redirect, url_for
        flash("Sesi Anda telah berakhir. Silakan masuk lagi.", "peringatan")
        if request.endpoint == "auth.masuk":  # the login page itself: show it, no loop
            g.pengguna = None
            return render_template("auth/masuk.html", lanjut="", errors={}, nilai={}), 200
        if request.headers.get("HX-Request"):
            resp = app.response_class("", status=204)
            resp.headers["HX-Redirect"] = url_for("auth.masuk")
            return resp
        return redirect(url_for("auth.masuk", lanjut=request.full_path.rstrip("?")))

    @app.errorhandler(ApiTidakTersedia)
    def _tidak_tersedia(exc):
        log.error("API unavailable: %s", exc)
        return render_template("galat.html", kode=503, judul="Layanan sedang tidak tersedia",
                               pesan="Coba lagi beberapa saat lagi."), 503

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        judul, pesan = {
            400: ("Formulir tidak dapat diproses",
                  "Formulir sudah kedaluwarsa atau tidak dikirim dari halaman ini. Muat ulang "
                  "halaman lalu coba lagi."),
            403: ("Tidak diizinkan", "Anda tidak memiliki hak untuk tindakan ini."),
            404: ("Halaman tidak ditemukan",
                  "Halaman yang Anda cari tidak ada atau bukan untuk Anda."),
            405: ("Metode tidak diizinkan", "Gunakan tombol pada halaman."),
            413: ("Berkas terlalu besar", "Ukuran berkas melebihi batas."),
        }.get(exc.code or 500, ("Terjadi kesalahan", "Coba lagi nanti."))
        return render_template("galat.html", kode=exc.code, judul=judul, pesan=pesan), exc.code

    @app.errorhandler(Exception)
    def _bug(exc):
        log.exception("web: unhandled error on %s %s", request.method, request.path)
        return render_template("galat.html", kode=500, judul="Terjadi kesalahan",
                               pesan="Kesalahan ini sudah dicatat. Coba lagi nanti."), 500
