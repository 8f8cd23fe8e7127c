"""The whole year of one pegawai in a real browser: SKP made, returned with a note, fixed,
approved; realisasi with bukti dukung; feedback; rating; tetapkan; the predikat shown. Each main
page is checked with axe-core and photographed into docs/tangkapan/."""
from __future__ import annotations

import re

from selenium.webdriver.common.by import By



def test_setahun_seorang_pegawai(chrome, h, periksa, suite, demo, tunggu):
    DEMO_PASSWORD, wait_until = demo.password, tunggu
    staf, kepala = demo.staf, demo.kepala_bidang

    # -- the pegawai makes an SKP ------------------------------------------------------------
    h.buka("/")
    assert "/masuk" in chrome.current_url
    periksa(h, "01-masuk")
    h.masuk(staf["nip"], DEMO_PASSWORD)
    periksa(h, "02-beranda")
    h.buka("/skp")
    assert "Belum ada SKP" in h.teks
    periksa(h, "03-skp-saya")
    h.tekan("form[action='/skp'] button[type=submit]")
    assert "SKP dibuat" in h.teks
    skp_url = chrome.current_url
    h.isi("#rhk-uraian", "Terselenggaranya layanan mutasi pegawai yang tepat waktu")
    h.tekan("#judul-tambah-rhk ~ form button[type=submit]")
    assert "Rencana hasil kerja ditambahkan" in h.teks
    # an indikator without its target: the API's message next to the field, nothing lost
    rhk = h.el("article.rhk")
    rhk.find_element(By.CSS_SELECTOR, "details.tambah-indikator summary").click()
    h.isi("article.rhk details.tambah-indikator input[name=uraian]", "Jumlah SK mutasi yang terbit")
    h.isi("article.rhk details.tambah-indikator input[name=satuan]", "SK")
    h.tekan("article.rhk details.tambah-indikator button[type=submit]")
    galat = h.el("article.rhk details.tambah-indikator .ada-galat .galat-isian")
    assert galat.text
    uraian = h.el("article.rhk details.tambah-indikator input[name=uraian]")
    assert uraian.get_attribute("value") == "Jumlah SK mutasi yang terbit"
    h.isi("article.rhk details.tambah-indikator input[name=target]", "120")
    h.tekan("article.rhk details.tambah-indikator button[type=submit]")
    assert "Indikator ditambahkan" in h.teks and "120 SK" in h.teks
    periksa(h, "04-skp-detail")
    h.tekan("#tombol-ajukan")
    assert "Menunggu persetujuan atasan" in h.teks
    h.keluar()

    # -- the pejabat penilai returns it with a note ------------------------------------------
    h.masuk(kepala["nip"], DEMO_PASSWORD)
    h.buka("/penilai/skp?status=DIAJUKAN")
    assert staf["nama"] in h.teks
    periksa(h, "05-skp-bawahan")
    h.tekan_tautan("Cek SKP")
    periksa(h, "06-review-skp")
    # the pejabat penilai corrects a target directly while the SKP is submitted
    h.el("details.ubah-indikator summary").click()
    h.isi("details.ubah-indikator input[name=target]", "125")
    h.tekan("details.ubah-indikator button[type=submit]")
    assert "Indikator diubah" in h.teks and "125 SK" in h.teks
    h.isi("#f-catatan", "Tambahkan indikator kualitas layanan.")
    h.tekan("#tombol-kembalikan")
    assert "Dikembalikan untuk perbaikan" in h.teks
    h.keluar()

    # -- the pegawai fixes it and submits again ----------------------------------------------
    h.masuk(staf["nip"], DEMO_PASSWORD)
    h.drv.get(skp_url)
    assert "Tambahkan indikator kualitas layanan." in h.el("#catatan-pengembalian").text
    h.el("article.rhk details.tambah-indikator summary").click()
    h.isi("article.rhk details.tambah-indikator input[name=uraian]", "Persentase SK tanpa koreksi")
    h.pilih("article.rhk details.tambah-indikator select[name=aspek]", "KUALITAS")
    h.isi("article.rhk details.tambah-indikator input[name=target]", "95")
    h.isi("article.rhk details.tambah-indikator input[name=satuan]", "persen")
    h.tekan("article.rhk details.tambah-indikator button[type=submit]")
    assert "Persentase SK tanpa koreksi" in h.teks
    h.tekan("#tombol-ajukan")
    h.keluar()

    # -- approved ------------------------------------------------------------------------------
    h.masuk(kepala["nip"], DEMO_PASSWORD)
    h.drv.get(skp_url)
    h.tekan("#tombol-setujui")
    assert "SKP disetujui" in h.teks and "Disetujui" in h.el("#status-skp").text
    h.keluar()

    # -- realisasi of the final period, with bukti dukung, then sent -------------------------
    h.masuk(staf["nip"], DEMO_PASSWORD)
    wait_until(lambda: "Final" in h.buka("/penilaian").teks, timeout=60, what="penilaian")
    periksa(h, "07-penilaian-saya")
    baris = [r for r in chrome.find_elements(By.CSS_SELECTOR, "tbody tr") if "Final" in r.text][0]
    old = chrome.find_element(By.TAG_NAME, "html")
    baris.find_element(By.PARTIAL_LINK_TEXT, "Buka").click()
    wait_until(lambda: old.id != chrome.find_element(By.TAG_NAME, "html").id, what="page")
    penilaian_url = chrome.current_url
    forms = chrome.find_elements(By.CSS_SELECTOR, ".indikator form")
    assert len(forms) == 2
    # a bukti dukung that is no link: the message next to it, in place (htmx), nothing lost
    form = chrome.find_elements(By.CSS_SELECTOR, ".indikator form")[0]
    form.find_element(By.CSS_SELECTOR, "textarea[name=realisasi]").send_keys("draf realisasi")
    form.find_element(By.CSS_SELECTOR, "input[name=bukti_url]").send_keys("bukan-tautan")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    galat = wait_until(lambda: chrome.find_elements(By.CSS_SELECTOR, ".indikator .galat-isian"),
                       what="the bukti dukung error")
    assert galat[0].text
    form = chrome.find_elements(By.CSS_SELECTOR, ".indikator form")[0]
    assert form.find_element(By.CSS_SELECTOR, "textarea[name=realisasi]").get_attribute(
        "value") == "draf realisasi"
    form.find_element(By.CSS_SELECTOR, "textarea[name=realisasi]").clear()
    form.find_element(By.CSS_SELECTOR, "input[name=bukti_url]").clear()
    for i, nilai in enumerate(["118 SK", "96 persen"]):
        form = chrome.find_elements(By.CSS_SELECTOR, ".indikator form")[i]
        form.find_element(By.CSS_SELECTOR, "textarea[name=realisasi]").send_keys(nilai)
        form.find_element(By.CSS_SELECTOR, "input[name=bukti_nama]").send_keys("Rekap SK")
        form.find_element(By.CSS_SELECTOR, "input[name=bukti_url]").send_keys(
            "https://drive.example.go.id/rekap-sk.pdf")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()  # htmx: row swapped
        wait_until(lambda: "Realisasi disimpan" in h.teks, what="realisasi saved in place")
        assert chrome.current_url == penilaian_url  # no page load: htmx swapped the indikator
    h.drv.get(penilaian_url)
    hasil_kerja = h.el("#hasil-kerja").get_attribute("innerHTML")
    assert "118 SK" in hasil_kerja and "96 persen" in hasil_kerja
    periksa(h, "08-realisasi")
    h.tekan("#tombol-kirim")
    assert "Dikirim ke pejabat penilai" in h.el("#status-penilaian").text
    h.keluar()

    # -- the pejabat penilai: umpan balik, perilaku, rating, tetapkan ------------------------
    h.masuk(kepala["nip"], DEMO_PASSWORD)
    h.buka("/penilai/penilaian?status=DIKIRIM")
    periksa(h, "09-penilaian-bawahan")
    h.drv.get(penilaian_url)
    h.isi("textarea[id^=ub-]", "Target terlampaui, pertahankan.")
    h.tekan("form[action*='/umpan-balik/'] button[type=submit]")
    assert "Umpan balik disimpan" in h.teks
    h.isi("#pk-BERORIENTASI_PELAYANAN", "Ramah dan cekatan melayani pegawai.")
    h.tekan("form[action$='/perilaku/BERORIENTASI_PELAYANAN'] button[type=submit]")
    assert "Ramah dan cekatan" in h.teks
    h.pilih("#f-rating_hasil_kerja", "DI_ATAS_EKSPEKTASI")
    h.pilih("#f-rating_perilaku", "SESUAI_EKSPEKTASI")
    h.tekan("#tombol-rating")
    if "justifikasi" in h.teks.lower() and "Rating disimpan" not in h.teks:
        h.isi("#f-justifikasi", "Kinerja melampaui target sepanjang tahun.")
        h.tekan("#tombol-rating")
    assert "Rating disimpan" in h.teks, h.teks[:1500]
    periksa(h, "10-rating")
    h.tekan("#tombol-tetapkan")
    assert "Penilaian ditetapkan" in h.teks
    h.keluar()

    # -- the pegawai sees the predikat ---------------------------------------------------------
    h.masuk(staf["nip"], DEMO_PASSWORD)
    h.drv.get(penilaian_url)
    assert h.el("#predikat").text == "Baik"
    assert "Ditetapkan" in h.el("#status-penilaian").text
    assert "Target terlampaui, pertahankan." in h.teks
    periksa(h, "11-predikat")
    h.buka("/penilaian/riwayat")
    assert re.search(r"Baik", h.teks)
    periksa(h, "12-riwayat-predikat")
