"""Access to the pickers, the relasi form, the Perjanjian Kinerja, the manual indikator and the
admin's perpanjangan and pengaturan pages, through the embedded server: another pegawai's are a
404 page, admin pages are not there for a pegawai, the admin_instansi cannot change the
pengaturan (403 page), the pickers accept only field names they can echo, and the new pages
carry the strict CSP without inline script."""
from __future__ import annotations

import re


def _pk(suite, nip: str, password: str, tahun: int) -> str:
    t = suite.token(nip, password)
    ada = suite.api("GET", "/api/skp/perjanjian-kinerja", t, params={"tahun": tahun}).json()
    if ada:
        return ada[0]["id"]
    r = suite.api("POST", "/api/skp/perjanjian-kinerja", t, json={"tahun": tahun, "sasaran": [
        {"uraian": "Sasaran rahasia", "indikator": [{"uraian": "Indikator", "target": "1",
                                                     "satuan": "dokumen"}]}]})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_another_pegawai_s_perjanjian_and_manual_are_404(suite, demo, browser):
    lain = _pk(suite, demo.staf_lain["nip"], demo.password, 2031)
    browser.masuk(demo.staf["nip"])
    r = browser.get(f"/perjanjian-kinerja/{lain}")
    assert r.status_code == 404 and "Sasaran rahasia" not in r.text
    page = browser.get("/perjanjian-kinerja").text
    r = browser.post(f"/perjanjian-kinerja/{lain}/tambah-sasaran", {"uraian": "x"}, page="/")
    assert r.status_code == 404
    t = suite.token(demo.staf_lain["nip"], demo.password)
    skp = suite.api("GET", "/api/skp/skp", t).json()
    if skp:
        assert browser.get(f"/skp/{skp[0]['id']}/rhk/x/indikator/y/manual").status_code == 404
    assert "Perjanjian Kinerja" in page


def test_admin_pages_and_the_unit_picker_are_not_there_for_a_pegawai(demo, browser):
    browser.masuk(demo.staf["nip"])
    for path in ("/admin/perpanjangan", "/admin/pengaturan",
                 f"/admin/pegawai/{demo.staf['id']}/relasi",
                 "/pilih/unor?name=unor_id&untuk=pu-x&q=Bidang", "/keberatan/monitoring",
                 "/angka-kredit/pengaturan", "/angka-kredit/template/TTE/berkas"):
        assert browser.get(path).status_code == 404, path


def test_the_admin_instansi_reads_the_pengaturan_but_cannot_change_them(demo, browser):
    browser.masuk(demo.admin_instansi["nip"])
    r = browser.get("/admin/pengaturan")
    assert r.status_code == 200 and "hanya dapat diubah oleh admin pusat" in r.text
    r = browser.post("/admin/pengaturan", {"jendela_keberatan_hari": "30"},
                     page="/admin/pengaturan")
    assert r.status_code == 403


def test_the_pickers_echo_only_plain_field_names(demo, browser):
    browser.masuk(demo.staf["nip"])
    r = browser.get("/pilih/pegawai", params={"name": "x\" onfocus=\"alert(1)", "untuk": "pp-a",
                                              "q": "Bay"})
    assert r.status_code == 404
    r = browser.get("/pilih/pegawai", params={"name": "rekan_kerja_ids", "untuk": "pp-a",
                                              "jamak": "1", "q": "<b>Bay"})
    assert r.status_code == 200 and "<b>Bay" not in r.text


def test_the_new_pages_carry_the_strict_csp_and_no_inline_script(browser, demo):
    browser.masuk(demo.admin_instansi["nip"])
    for path in ("/perjanjian-kinerja", "/profil/relasi", "/admin/perpanjangan",
                 "/admin/pengaturan", f"/admin/pegawai/{demo.staf['id']}/relasi",
                 "/pilih/unor?name=unor_id&untuk=pu-a",
                 "/pilih/pegawai?name=pegawai_id&untuk=pp-a&q=Bayu", "/keberatan/monitoring",
                 "/angka-kredit/pengaturan", "/angka-kredit/integrasi"):
        r = browser.get(path)
        assert r.status_code == 200, path
        assert "script-src 'self'" in r.headers["Content-Security-Policy"]
        assert not re.search(r"<script(?![^>]*\bsrc=)", r.text), path
        assert " style=" not in r.text and "<style" not in r.text, path
        assert not re.search(r"<[^>]+\son[a-z]+=", r.text), path
