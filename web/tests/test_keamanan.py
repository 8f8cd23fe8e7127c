"""Security of the web UI, through the embedded server: another pegawai's pages are a 404
page, a post without the CSRF token is refused, the cookies are HttpOnly and SameSite (and
Secure unless configured for local http), logging out ends the session on the server (a
replayed cookie is refused), "log out everywhere" ends every browser's session, and every
answer carries the strict Content-Security-Policy."""
from __future__ import annotations

import re

import requests


def skp_baru(suite, nip: str, password: str) -> str:
    token = suite.token(nip, password)
    r = suite.api("GET", "/api/skp/skp", token)
    if r.ok and r.json():
        return r.json()[0]["id"]
    r = suite.api("POST", "/api/skp/skp", token, json={
        "periode_awal": "2026-01-01", "periode_akhir": "2026-12-31"})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_a_pegawai_cannot_open_another_s_skp_by_changing_the_id(suite, demo, browser):
    lain = skp_baru(suite, demo.staf_lain["nip"], demo.password)
    browser.masuk(demo.staf["nip"])
    r = browser.get(f"/skp/{lain}")
    assert r.status_code == 404 and "Halaman tidak ditemukan" in r.text
    assert browser.get(f"/skp/{lain}/riwayat").status_code == 404
    assert browser.get("/penilaian/bukan-id-saya").status_code == 404
    assert browser.get("/admin/pegawai").status_code == 404  # not an admin: not there at all


def test_a_post_without_the_csrf_token_is_refused(suite, demo, browser):
    browser.masuk(demo.staf["nip"])
    r = browser.s.post(suite.base + "/skp", data={"periode_awal": "2026-01-01",
                                                   "periode_akhir": "2026-12-31"})
    assert r.status_code == 400 and "Formulir tidak dapat diproses" in r.text
    r = browser.s.post(suite.base + "/skp", data={"csrf_token": "0" * 64})
    assert r.status_code == 400
    other = requests.Session()  # another site's form: neither the cookie nor the token
    r = other.post(suite.base + "/keluar-semua", data={})
    assert r.status_code == 400


def test_session_cookies_are_httponly_samesite_and_carry_no_readable_token(demo, browser):
    r = browser.post("/masuk", {"nip": demo.staf["nip"], "password": demo.password},
                     allow_redirects=False)
    assert r.status_code == 302
    cookies = r.raw.headers.getlist("Set-Cookie")
    by_name = {c.split("=", 1)[0]: c for c in cookies}
    for name in ("kinerja_akses", "kinerja_refresh"):
        assert "HttpOnly" in by_name[name] and "SameSite" in by_name[name], by_name[name]
    assert "SameSite=Strict" in by_name["kinerja_refresh"]
    page = browser.get("/").text
    assert by_name["kinerja_akses"].split("=", 1)[1].split(";")[0] not in page


def test_cookies_are_secure_by_default(monkeypatch):
    from kinerja_web.api import Api, Jawaban
    from kinerja_web.app import create_app
    from kinerja_web.config import WebSettings

    def transport(p):
        return Jawaban(200, {"access_token": "a.b.c", "refresh_token": "r.s",
                             "refresh_expires_in": 100, "pegawai": {"nama": "Uji"}}, {})
    monkeypatch.delenv("KINERJA_WEB_COOKIE_SECURE", raising=False)
    app = create_app(WebSettings.from_env({"KINERJA_WEB_SECRET_KEY": "k"}), Api(transport))
    c = app.test_client()
    page = c.get("/masuk")
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text).group(1)
    assert "Secure" in page.headers["Set-Cookie"]
    r = c.post("/masuk", data={"nip": "1", "password": "x", "csrf_token": token})
    cookies = r.headers.getlist("Set-Cookie")
    assert all("Secure" in c and "HttpOnly" in c for c in cookies), cookies


def test_logout_ends_the_session_on_the_server_a_replayed_cookie_is_refused(suite, demo,
                                                                           browser, tunggu):
    wait_until = tunggu
    browser.masuk(demo.staf["nip"])
    curian = browser.s.cookies.get_dict()
    assert browser.post("/keluar").status_code == 200
    thief = requests.Session()
    for name, value in curian.items():
        thief.cookies.set(name, value, domain="127.0.0.1", path="/")
    r = thief.get(suite.base + "/skp", timeout=30)
    assert "/masuk" in r.url and "SKP saya" not in r.text.split("<main", 1)[1]
    r = suite.api("POST", "/api/identity/auth/refresh",
                  json={"refresh_token": curian["kinerja_refresh"]})
    assert r.status_code == 401
    # the session's access token in another service too, once SesiDicabut reached it (+ cache)
    wait_until(lambda: suite.api("GET", "/api/skp/skp", curian["kinerja_akses"]).status_code
               == 401, timeout=30, what="skp refusing the ended session's token")


def test_logout_everywhere_ends_every_browser_s_session(suite, demo, browser):
    laptop = browser
    hp = type(browser)(suite.base)
    laptop.masuk(demo.staf_lain["nip"])
    hp.masuk(demo.staf_lain["nip"])
    assert hp.get("/skp").url.endswith("/skp")
    r = laptop.post("/keluar-semua", page="/")
    assert "keluar dari semua perangkat" in r.text
    r = hp.get("/skp")
    assert "/masuk" in r.url


def test_every_page_answers_with_the_strict_csp_and_no_inline_script(browser, demo):
    browser.masuk(demo.staf["nip"])
    for path in ("/", "/skp", "/penilaian", "/masuk", "/tidak-ada"):
        r = browser.get(path)
        csp = r.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert not re.search(r"<script(?![^>]*\bsrc=)", r.text), path
        assert " style=" not in r.text and "<style" not in r.text, path
        assert not re.search(r"<[^>]+\son[a-z]+=", r.text), path


def test_an_open_redirect_after_login_is_not_followed(browser, demo):
    r = browser.post("/masuk", {"nip": demo.staf["nip"], "password": demo.password,
                                "lanjut": "https://jahat.example/"}, allow_redirects=False)
    assert r.headers["Location"] == "/"
