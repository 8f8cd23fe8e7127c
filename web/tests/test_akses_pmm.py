"""Access to the PMM, service-account and webhook pages through the embedded server: not there
for a pegawai (404 page), a form posted without its CSRF token refused, and the pages carry the
strict CSP without inline script or style."""
from __future__ import annotations

import re

HALAMAN = ("/integrasi/pmm/kinerja-guru", "/integrasi/pmm/pengguna", "/integrasi/pmm/plt",
           "/integrasi/klien", "/integrasi/webhook")


def test_the_pmm_and_pipeline_pages_are_not_there_for_a_pegawai(demo, browser):
    browser.masuk(demo.staf["nip"])
    for path in HALAMAN:
        assert browser.get(path).status_code == 404, path
    r = browser.post("/integrasi/klien", {"nama": "x", "scopes": "export"}, page="/")
    assert r.status_code == 404


def test_a_form_without_its_csrf_token_is_refused(demo, browser):
    browser.masuk(demo.admin_instansi["nip"])
    for path, data in (("/integrasi/klien", {"nama": "Tanpa token", "scopes": "export"}),
                       ("/integrasi/pmm/pengguna", {"nip": demo.staf["nip"]}),
                       ("/integrasi/pmm/plt", {"pmm_sekolah": "1", "unor_id": "x"})):
        r = browser.s.post(browser.base + path, data=data, timeout=30)
        assert r.status_code == 400, path
    assert "Tanpa token" not in browser.get("/integrasi/klien").text


def test_the_pages_carry_the_strict_csp_and_no_inline_script(demo, browser):
    browser.masuk(demo.admin_instansi["nip"])
    for path in HALAMAN:
        r = browser.get(path)
        assert r.status_code == 200, path
        assert "script-src 'self'" in r.headers["Content-Security-Policy"]
        assert not re.search(r"<script(?![^>]*\bsrc=)", r.text), path
        assert " style=" not in r.text and "<style" not in r.text, path
        assert not re.search(r"<[^>]+\son[a-z]+=", r.text), path
