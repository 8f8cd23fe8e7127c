"""The pejabat penilai's bulk rating grid in a real browser: a what-if preview draws the
distribution (htmx, nothing saved) next to the pola the capaian allows, then saving stores the
ratings and "Tetapkan semua" sets them; the pegawai's phone shows the result."""
from __future__ import annotations

from selenium.webdriver.common.by import By


def skp_disetujui(suite, demo, staf: dict) -> None:
    """An approved SKP of ``staf`` made through the API (the year test shows it in the UI)."""
    t, tk = suite.token(staf["nip"]), suite.token(demo.kepala_bidang["nip"])
    ada = suite.api("GET", "/api/skp/skp", t, params={"pegawai_id": staf["id"]}).json()
    if ada and ada[0]["status"] == "DISETUJUI":
        return
    sid = ada[0]["id"] if ada else suite.api("POST", "/api/skp/skp", t, json={
        "periode_awal": f"{demo.tahun}-01-01", "periode_akhir": f"{demo.tahun}-12-31"}).json()["id"]
    skp = suite.api("GET", f"/api/skp/skp/{sid}", t).json()
    if not skp["rhk"]:
        suite.api("POST", f"/api/skp/skp/{sid}/rhk", t, json={"jenis": "UTAMA",
                                                              "uraian": "Layanan arsip"})
        skp = suite.api("GET", f"/api/skp/skp/{sid}", t).json()
        suite.api("POST", f"/api/skp/skp/{sid}/rhk/{skp['rhk'][0]['id']}/indikator", t, json={
            "uraian": "Arsip tertata", "aspek": "KUANTITAS", "target": "100", "satuan": "berkas"})
    if skp["status"] in ("DRAFT", "DIKEMBALIKAN"):
        assert suite.api("POST", f"/api/skp/skp/{sid}/ajukan", t).status_code == 200
    assert suite.api("POST", f"/api/skp/skp/{sid}/setujui", tk).status_code == 200


def test_rating_massal_dengan_pratinjau_distribusi(chrome, h, periksa, suite, demo, tunggu,
                                                    chrome_hp):
    staf = demo.staf_lain
    skp_disetujui(suite, demo, staf)
    h.masuk(demo.kepala_bidang["nip"], demo.password)
    tunggu(lambda: staf["nama"] in h.buka("/penilai/rating-massal").teks, timeout=60,
           what="the penilaian of the approved SKP")
    baris = [r for r in chrome.find_elements(By.CSS_SELECTOR, "tbody tr")
             if staf["nama"] in r.text][0]
    rhk = baris.find_element(By.CSS_SELECTOR, "select[name^=rhk-]")
    rp = baris.find_element(By.CSS_SELECTOR, "select[name^=rp-]")
    from selenium.webdriver.support.ui import Select
    Select(rhk).select_by_value("DI_ATAS_EKSPEKTASI")
    Select(rp).select_by_value("DI_ATAS_EKSPEKTASI")
    h.el("#tombol-pratinjau").click()  # htmx: the chart is drawn in place, nothing saved
    tunggu(lambda: chrome.find_elements(By.CSS_SELECTOR, "#distribusi svg rect.batang"),
           what="the what-if chart")
    assert "pratinjau, belum disimpan" in h.el("#distribusi").text
    bars = {b.get_attribute("class").split()[-1]: b.get_attribute("height")
            for b in chrome.find_elements(By.CSS_SELECTOR, "#distribusi rect.batang")}
    assert float(bars["batang-sangat_baik"]) > 0
    periksa(h, "13-rating-massal")
    h.tekan("#tombol-simpan-massal")
    assert "disimpan" in h.teks
    tunggu(lambda: "Sangat Baik" in [r for r in chrome.find_elements(By.CSS_SELECTOR, "tbody tr")
                                     if staf["nama"] in r.text][0].text, what="the saved rating")

    # "Tetapkan semua": every saved predikat of the period is set in one call
    assert "Tetapkan predikat" in h.el("#tombol-tetapkan-massal").text
    h.tekan("#tombol-tetapkan-massal")
    assert "ditetapkan" in h.teks
    assert "Ditetapkan" in [r for r in chrome.find_elements(By.CSS_SELECTOR, "tbody tr")
                            if staf["nama"] in r.text][0].text
    periksa(h, "13b-rating-massal-ditetapkan")

    hp = type(h)(chrome_hp, suite.base)
    hp.masuk(staf["nip"], demo.password)
    hp.buka("/penilaian")
    assert "Sangat Baik" in hp.teks
    periksa(hp, "14-hp-penilaian-saya")
