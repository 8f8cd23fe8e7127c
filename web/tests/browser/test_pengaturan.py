"""The admin's perpanjangan batas pengisian and instansi pengaturan in a real browser: an
extension for a unit chosen with the unit picker (a date before the period's own refused next
to its field) and one for a pegawai; the admin_instansi reads the pengaturan, the admin_pusat
changes them (an out-of-range value refused next to its field) and the instansi holds them."""
from __future__ import annotations

from selenium.webdriver.common.by import By


def test_perpanjangan_batas_pengisian(h, periksa, periksa_hp, suite, demo, tunggu):
    tk = suite.token(demo.admin_instansi["nip"])
    per = sorted(suite.api("GET", "/api/identity/periode", tk, params={
        "instansi_id": demo.instansi_id, "tahun": demo.tahun, "page_size": 50}).json(),
        key=lambda p: p["tanggal_awal"])[0]
    unor = [u for u in suite.api("GET", "/api/identity/unor", tk, params={
        "instansi_id": demo.instansi_id, "page_size": 100}).json()
        if u["nama"] == "Sekretariat"][0]

    h.masuk(demo.admin_instansi["nip"], demo.password)
    h.buka(f"/admin/perpanjangan?tahun={demo.tahun}&periode_id={per['id']}")
    assert "Belum ada perpanjangan untuk periode ini" in h.teks
    h.el("#sasaran-unor").click()
    h.isi("#pu-perpanjangan-q", "Sekretariat")
    tunggu(lambda: h.drv.find_elements(By.ID, f"pu-perpanjangan-c-{unor['id']}"), what="unit")
    h.drv.find_element(By.CSS_SELECTOR, f"label[for='pu-perpanjangan-c-{unor['id']}']").click()
    sebelum = f"{int(per['tanggal_batas_pengisian'][:4]) - 1}-12-31"
    h.drv.execute_script("arguments[0].value = arguments[1]", h.el("#f-batas_pengisian"), sebelum)
    h.isi("#f-alasan", "Gangguan jaringan di Sekretariat")
    h.tekan("#tombol-perpanjang")
    assert h.el(".isian.ada-galat #f-batas_pengisian")
    assert h.el("#f-alasan").get_attribute("value") == "Gangguan jaringan di Sekretariat"
    assert h.el("#pu-perpanjangan-kini").is_selected()  # the chosen unit kept
    h.drv.execute_script("arguments[0].value = arguments[1]", h.el("#f-batas_pengisian"),
                         f"{demo.tahun}-12-31")
    h.tekan("#tombol-perpanjang")
    assert "Batas pengisian diperpanjang" in h.teks
    assert "Unit: Sekretariat" in h.el("#daftar-perpanjangan").text

    h.isi("#pp-perpanjangan-q", demo.staf_lain["nama"][:6])
    tunggu(lambda: h.drv.find_elements(By.ID, f"pp-perpanjangan-c-{demo.staf_lain['id']}"),
           what="pegawai")
    h.drv.find_element(By.CSS_SELECTOR,
                       f"label[for='pp-perpanjangan-c-{demo.staf_lain['id']}']").click()
    h.drv.execute_script("arguments[0].value = arguments[1]", h.el("#f-batas_pengisian"),
                         f"{demo.tahun}-12-30")
    h.tekan("#tombol-perpanjang")
    assert f"Pegawai: {demo.staf_lain['nama']}" in h.el("#daftar-perpanjangan").text
    periksa(h, "32-admin-perpanjangan")
    periksa_hp(h, "32-admin-perpanjangan")
    daftar = suite.api("GET", "/api/penilaian/perpanjangan", tk,
                       params={"periode_id": per["id"]}).json()
    assert {(x["unor_id"], x["pegawai_id"]) for x in daftar} == {
        (unor["id"], None), (None, demo.staf_lain["id"])}

    # withdrawn: it stays on the list, marked, and no longer extends anything
    [unit] = [x for x in daftar if x["unor_id"]]
    h.tekan(f"#cabut-{unit['id']}")
    assert "Perpanjangan dicabut" in h.teks
    baris = [r for r in h.drv.find_elements(By.CSS_SELECTOR, "#daftar-perpanjangan tbody tr")
             if "Unit: Sekretariat" in r.text]
    assert "Dicabut" in baris[0].text
    assert not h.drv.find_elements(By.ID, f"cabut-{unit['id']}")
    periksa(h, "32b-admin-perpanjangan-dicabut")
    row = suite.api("GET", f"/api/penilaian/perpanjangan/{unit['id']}", tk).json()
    assert row["dicabut_at"]


def test_pengaturan_instansi(h, periksa, periksa_hp, suite, demo, tunggu, admin_pusat):
    h.masuk(demo.admin_instansi["nip"], demo.password)
    h.buka("/admin/pengaturan")
    assert "hanya dapat diubah oleh admin pusat" in h.teks
    assert not h.drv.find_elements(By.ID, "tombol-simpan-pengaturan")
    periksa(h, "33-admin-pengaturan-baca")
    h.keluar()

    nip, sandi = admin_pusat
    tk = suite.token(nip, sandi)
    sebelum = suite.api("GET", f"/api/identity/instansi/{demo.instansi_id}", tk).json()
    h.buka("/masuk").isi("#f-nip", nip).isi("#f-password", sandi).tekan(
        "form[action='/masuk'] button[type=submit]")
    h.buka(f"/admin/pengaturan?instansi_id={demo.instansi_id}")
    assert "Pemerintah Kabupaten Contoh" in h.teks
    h.isi("#f-jendela_keberatan_hari", "400")
    h.pilih("#f-zona_waktu", "Asia/Makassar")
    h.tekan("#tombol-simpan-pengaturan")
    assert h.el(".ada-galat #f-jendela_keberatan_hari")
    assert h.el("#f-zona_waktu").get_attribute("value") == "Asia/Makassar"
    h.isi("#f-jendela_keberatan_hari", "21")
    h.el("#f-angka_kredit_periodik").click()
    kepala = demo.kepala_bidang
    h.isi("#pp-pemutus-q", kepala["nama"][:6])
    tunggu(lambda: h.drv.find_elements(By.ID, f"pp-pemutus-c-{kepala['id']}"), what="pegawai")
    h.drv.find_element(By.CSS_SELECTOR, f"label[for='pp-pemutus-c-{kepala['id']}']").click()
    h.tekan("#tombol-simpan-pengaturan")
    assert "Pengaturan instansi disimpan" in h.teks, h.el("main").text[:600]
    periksa(h, "34-admin-pengaturan")
    periksa_hp(h, "34-admin-pengaturan")
    atur = suite.api("GET", f"/api/identity/instansi/{demo.instansi_id}", tk).json()["pengaturan"]
    try:
        assert atur["jendela_keberatan_hari"] == 21 and atur["zona_waktu"] == "Asia/Makassar"
        assert atur["angka_kredit_periodik"] is not sebelum["pengaturan"].get(
            "angka_kredit_periodik", False)
        assert atur["pemutus_keberatan_pegawai_id"] == kepala["id"]
        # what was not set is saved as its default, not changed
        assert atur["pp30_band"] == {"SANGAT_BAIK": 110, "BAIK": 90, "BUTUH_PERBAIKAN": 70,
                                     "KURANG": 50}
        assert atur["predikat_tahunan_dari_periode_final"] is sebelum["pengaturan"].get(
            "predikat_tahunan_dari_periode_final", True)
        assert atur["penegakan_distribusi"] == sebelum["pengaturan"]["penegakan_distribusi"]
    finally:  # the other tests of the session use the instansi as it was
        suite.api("PATCH", f"/api/identity/instansi/{demo.instansi_id}", tk,
                  json={"pengaturan": sebelum["pengaturan"]})
