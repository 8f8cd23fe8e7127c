"""Pickers in a real browser: the admin moves a pegawai to another unit found by name and back
by choosing it from the tree (the pegawai form takes no unit id any more); a pegawai overrides
their rekan kerja on "Ubah profil" (relasi penilai) by searching a colleague's name, the admin
sees it on the pegawai's relasi page, and the pegawai returns to the structure."""
from __future__ import annotations

from selenium.webdriver.common.by import By


def _admin_token(suite, demo):
    return suite.token(demo.admin_instansi["nip"])


def _unor(suite, demo, tk) -> dict:
    return {u["nama"]: u for u in suite.api("GET", "/api/identity/unor", tk, params={
        "instansi_id": demo.instansi_id, "page_size": 100}).json()}


def test_admin_memilih_unit_dengan_cari_dan_pohon(h, periksa, periksa_hp, suite, demo, tunggu):
    tk = _admin_token(suite, demo)
    unor = _unor(suite, demo, tk)
    upt, umpeg = unor["UPT Pendidikan dan Pelatihan"], unor["Subbagian Umum dan Kepegawaian"]
    peg = suite.api("GET", "/api/identity/pegawai", tk, params={
        "unor_id": upt["id"], "jenis_jabatan": "PEGAWAI", "page_size": 5}).json()[0]

    h.masuk(demo.admin_instansi["nip"], demo.password)
    h.buka(f"/admin/pegawai/{peg['id']}")
    assert h.el("#pu-pegawai-kini").is_selected()
    assert "UPT Pendidikan dan Pelatihan" in h.el("#pu-pegawai .terpilih").text
    # search by name: htmx puts the matching units under the field as radio buttons
    h.isi("#pu-pegawai-q", "Umum dan Kep")
    tunggu(lambda: h.drv.find_elements(By.ID, f"pu-pegawai-c-{umpeg['id']}"), what="results")
    h.drv.find_element(By.CSS_SELECTOR, f"label[for='pu-pegawai-c-{umpeg['id']}']").click()
    periksa(h, "28-admin-pilih-unit")
    periksa_hp(h, "28-admin-pilih-unit")
    h.tekan("form.kartu button.utama")
    assert "Data pegawai disimpan" in h.teks
    assert suite.api("GET", f"/api/identity/pegawai/{peg['id']}", tk).json()["unor_id"] == \
        umpeg["id"]
    assert "Subbagian Umum dan Kepegawaian" in h.el("#pu-pegawai .terpilih").text

    # back by the tree: the top unit, then its sub-units loaded with htmx
    h.el("#pu-pegawai details.pohon-pemilih summary").click()
    badan = tunggu(lambda: [e for e in h.drv.find_elements(
        By.CSS_SELECTOR, "#pu-pegawai-pohon > ul > li") if "Badan" in e.text], what="tree")[0]
    badan.find_element(By.CSS_SELECTOR, "details > summary").click()
    tunggu(lambda: h.drv.find_elements(By.ID, f"pu-pegawai-t-{upt['id']}"), what="sub-units")
    periksa_hp(h, "28-admin-pilih-unit-pohon")
    h.drv.find_element(By.CSS_SELECTOR, f"label[for='pu-pegawai-t-{upt['id']}']").click()
    assert not h.el("#pu-pegawai-kini").is_selected()
    h.tekan("form.kartu button.utama")
    assert "Data pegawai disimpan" in h.teks
    assert suite.api("GET", f"/api/identity/pegawai/{peg['id']}", tk).json()["unor_id"] == \
        upt["id"]

    # the unit form: its unit atasan with the same picker, "no unit atasan" offered
    h.buka(f"/admin/unor/{umpeg['id']}")
    assert "Sekretariat" in h.el("#pu-atasan-kini + label").text
    assert not h.el("#pu-atasan-kosong").is_selected()
    periksa(h, "28-admin-unor-ubah")

    # a unit without choosing one is refused next to the picker, nothing typed is lost
    h.buka(f"/admin/pegawai/{peg['id']}#plt")
    h.isi("#plt-jabatan", "Plt. Kepala Subbagian Umum")
    h.isi("#plt-mulai", "01012035")
    h.tekan("#plt button[type=submit]")
    assert h.el("#pu-plt .galat-isian").text
    assert h.el("#plt-jabatan").get_attribute("value") == "Plt. Kepala Subbagian Umum"


def test_pegawai_mengubah_rekan_kerja_di_profil(h, periksa, periksa_hp, suite, demo, tunggu):
    tk = _admin_token(suite, demo)
    unor = _unor(suite, demo, tk)
    upt = unor["UPT Pendidikan dan Pelatihan"]
    staf_upt = suite.api("GET", "/api/identity/pegawai", tk, params={
        "unor_id": upt["id"], "jenis_jabatan": "PEGAWAI", "page_size": 5}).json()
    saya, rekan = staf_upt[-1], demo.staf_lain   # a colleague from another unit

    h.masuk(saya["nip"], demo.password)
    h.buka("/profil/relasi")
    assert rekan["nama"] not in h.el("#relasi-kini").text
    h.isi("#pp-rekan-q", rekan["nama"][:6])
    tunggu(lambda: h.drv.find_elements(By.ID, f"pp-rekan-c-{rekan['id']}"), what="pegawai")
    h.drv.find_element(By.CSS_SELECTOR, f"label[for='pp-rekan-c-{rekan['id']}']").click()
    h.tekan("#tombol-simpan-relasi")
    assert "Relasi disimpan" in h.teks
    assert rekan["nama"] in h.el("#relasi-kini").text
    periksa(h, "16-profil-relasi")
    periksa_hp(h, "16-profil-relasi")
    r = suite.api("GET", f"/api/identity/pegawai/{saya['id']}/relasi", tk).json()
    assert r["manual"]["rekan_kerja_ids"] == [rekan["id"]]
    h.keluar()

    h.masuk(demo.admin_instansi["nip"], demo.password)
    h.buka(f"/admin/pegawai/{saya['id']}")
    h.tekan_tautan("Relasi penilai")
    assert h.el(f"#pp-rekan-kini-{rekan['id']}").is_selected()
    periksa(h, "29-admin-relasi")
    h.drv.execute_script("window.confirm = () => true")
    h.tekan("button[name=aksi][value=kosongkan]")
    assert "mengikuti struktur organisasi" in h.teks
    r = suite.api("GET", f"/api/identity/pegawai/{saya['id']}/relasi", tk).json()
    assert not (r.get("manual") or {}).get("rekan_kerja_ids")
