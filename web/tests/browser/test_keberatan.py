"""Keberatan in a real browser (BKN manual §2.7, PermenPAN-RB 6/2022 chain): the pegawai files
one on his set predikat (a refused form keeps what he typed, the message next to the field),
the pejabat penilai explains, the atasan pejabat penilai approves with new ratings, the new
predikat reaches the table; a second keberatan on the new revision is withdrawn; the admin's
monitoring counts per status. Each page checked with axe-core and photographed (desktop and
phone)."""
from __future__ import annotations

import sys
from pathlib import Path

from selenium.webdriver.common.by import By

sys.path.insert(0, str(Path(__file__).parent))  # the tests run with --import-mode=importlib
from data_uji import pegawai_demo, predikat_ditetapkan  # noqa: E402


def test_keberatan_diajukan_dijelaskan_diputuskan_ditarik(chrome, chrome_hp, h, periksa,
                                                           periksa_hp, suite, demo, tunggu):
    orang = pegawai_demo(suite, demo)
    mutasi = orang["Bidang Mutasi dan Promosi"]
    kepala, staf = mutasi[0], mutasi[3]  # the year tests use the first two staff members
    kepala_badan = orang["Badan Kepegawaian dan Pengembangan SDM"][0]
    assert kepala["jenis_jabatan"] == "PIMPINAN" and kepala_badan["jenis_jabatan"] == "PIMPINAN"
    p = predikat_ditetapkan(suite, demo, staf, kepala, tunggu)
    assert p["status"] == "DITETAPKAN" and p["predikat"] == "BAIK"

    # -- the pegawai files it ----------------------------------------------------------------
    h.masuk(staf["nip"], demo.password)
    h.buka("/keberatan")
    assert "Anda belum pernah mengajukan keberatan" in h.teks
    assert p["periode"]["nama"] in h.el("#judul-ditetapkan ~ .tabel-gulir").text
    periksa(h, "40-keberatan-saya")
    h.tekan_tautan("Ajukan keberatan")
    # no rating asked and a bukti dukung that is no link: refused, the typed alasan kept
    h.isi("#f-alasan", "Target usulan kenaikan pangkat terlampaui, bukti terlampir.")
    h.isi("#bu-0", "bukan-tautan")
    h.tekan("#tombol-ajukan-keberatan")
    assert h.el(".ada-galat .galat-isian").text
    assert h.el("#f-alasan").get_attribute("value").startswith("Target usulan kenaikan pangkat")
    periksa(h, "41-keberatan-ajukan-galat")
    h.isi("#bn-0", "Rekap usulan")
    h.isi("#bu-0", "https://drive.example.go.id/rekap-usulan.pdf")
    h.pilih("#f-rating_hasil_kerja_diminta", "DI_ATAS_EKSPEKTASI")
    h.pilih("#f-rating_perilaku_diminta", "DI_ATAS_EKSPEKTASI")
    h.tekan("#tombol-ajukan-keberatan")
    assert "Keberatan diajukan" in h.teks, h.teks[:1500]
    assert "Diajukan" in h.el("#status-keberatan").text
    nilai = h.el("#tabel-nilai").text
    assert "Di Atas Ekspektasi" in nilai and "Sangat Baik" in nilai  # what the asked rating gives
    assert "Rekap usulan" in h.teks
    keberatan_url = chrome.current_url
    periksa(h, "42-keberatan-detail-pegawai")
    h.keluar()

    # -- the pejabat penilai explains -------------------------------------------------------
    h.masuk(kepala["nip"], demo.password)
    h.buka("/keberatan/tugas")
    assert staf["nama"] in h.teks
    periksa(h, "43-keberatan-bawahan")
    h.tekan_tautan("Tanggapi")
    h.tekan("#tombol-penjelasan")  # empty: refused next to the field
    assert h.el(".ada-galat .galat-isian").text
    h.isi("#f-penjelasan", "Rating diberikan sesuai capaian unit; bukti baru belum saya terima.")
    h.tekan("#tombol-penjelasan")
    assert "Penjelasan dikirim" in h.teks
    assert "Sudah dijelaskan" in h.el("#status-keberatan").text
    h.keluar()

    # -- the atasan pejabat penilai decides ---------------------------------------------------
    h.masuk(kepala_badan["nip"], demo.password)
    h.buka("/keberatan/tugas?sebagai=PEMUTUS")
    assert staf["nama"] in h.teks
    h.tekan_tautan("Tanggapi")
    periksa(h, "44-keberatan-keputusan")
    h.el("#keputusan-disetujui").click()
    h.isi("#f-uraian", "Bukti menunjukkan target terlampaui; rating hasil kerja dinaikkan.")
    # the asked ratings are proposed; the decider grants the hasil kerja one only
    assert h.el("#f-rating_perilaku").get_attribute("value") == "DI_ATAS_EKSPEKTASI"
    h.pilih("#f-rating_perilaku", "SESUAI_EKSPEKTASI")
    h.tekan("#tombol-keputusan")
    assert "Keputusan keberatan ditetapkan" in h.teks
    assert "Disetujui" in h.el("#status-keberatan").text
    # penilaian applies the approval and publishes the new predikat: the table's last column
    tunggu(lambda: h.buka(keberatan_url.replace(suite.base, "")).el(
        "#tabel-nilai tbody tr:last-child td:last-child").text == "Baik", timeout=60,
           what="the predikat after the keberatan")
    nilai = h.el("#tabel-nilai").text
    assert "Rating hasil kerja Sesuai Ekspektasi Di Atas Ekspektasi Di Atas Ekspektasi" in nilai
    assert "Predikat direvisi" in h.el("#linimasa").text
    h.keluar()

    # -- on the new revision the pegawai files again, then withdraws it (phone) --------------
    hp = type(h)(chrome_hp, suite.base)
    hp.masuk(staf["nip"], demo.password)
    hp.buka("/keberatan")
    hp.tekan_tautan("Ajukan keberatan")
    hp.isi("#f-alasan", "Rating perilaku seharusnya di atas ekspektasi.")
    hp.pilih("#f-rating_perilaku_diminta", "DI_ATAS_EKSPEKTASI")
    hp.tekan("#tombol-ajukan-keberatan")
    assert "Keberatan diajukan" in hp.teks
    periksa(hp, "45-hp-keberatan-detail")
    hp.drv.execute_script("document.querySelector('details.tarik').open = true")
    hp.isi("#f-alasan-tarik", "Sudah dibicarakan dengan atasan.")
    hp.drv.execute_script("window.confirm = () => true")
    hp.tekan("#tombol-tarik")
    assert "Keberatan ditarik" in hp.teks and "Ditarik" in hp.el("#status-keberatan").text
    hp.buka("/keberatan")
    assert len(chrome_hp.find_elements(By.CSS_SELECTOR, "#judul-diajukan ~ .tabel-gulir tbody tr")) == 2

    # -- the admin's monitoring -----------------------------------------------------------------
    h.masuk(demo.admin_instansi["nip"], demo.password)
    h.buka("/keberatan/monitoring")
    rekap = h.el("#rekap-keberatan").text
    assert "Disetujui" in rekap and "Ditarik" in rekap
    assert staf["nama"] in h.teks
    h.isi("#f-nama", staf["nama"].split()[0])
    h.pilih("#f-status", "DISETUJUI")
    h.tekan("#tombol-saring")
    baris = chrome.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(baris) == 1 and "Disetujui" in baris[0].text
    periksa(h, "46-keberatan-monitoring")
    # the unit (with the units below it) and the period: the unit shown in its picker
    h.buka(f"/keberatan/monitoring?unor_id={staf['unor_id']}&periode_id={p['periode_id']}"
           f"&tahun={p['periode']['tahun']}")
    assert "Bidang Mutasi dan Promosi" in h.el("#pu-monitoring .terpilih").text
    assert h.el("#f-periode_id option:checked").text == p["periode"]["nama"]
    assert staf["nama"] in h.teks
    periksa(h, "47-keberatan-monitoring-unit")
    periksa_hp(h, "47-keberatan-monitoring-unit")
    h.buka(f"/keberatan/monitoring?unor_id={kepala_badan['unor_id']}&status=DITOLAK")
    assert "Tidak ada keberatan yang cocok" in h.teks
    # the export: reporting's KEBERATAN Excel report under the same filters, followed as a job
    h.buka(f"/keberatan/monitoring?unor_id={staf['unor_id']}&tahun={p['periode']['tahun']}")
    h.tekan("#tombol-ekspor")
    if "Basis data sedang tidak tersedia" in h.teks:  # embedded mode: SQLite locked a moment
        h.tekan("#tombol-ekspor")
    assert "Permintaan diterima" in h.teks and "/laporan/laporan/" in chrome.current_url
    tunggu(lambda: chrome.find_elements(By.CSS_SELECTOR, "#tautan-unduh"), timeout=90,
           what="the keberatan report")
    h.buka("/keberatan/monitoring?tahun=1999")  # refused by reporting next to the year
    h.tekan("#tombol-ekspor")
    assert h.el(".ada-galat .galat-isian").text
    assert h.el("#f-tahun").get_attribute("value") == "1999"
    h.buka("/keberatan/monitoring?menunggu_lebih_dari_hari=-1")  # refused next to its field
    assert h.el(".ada-galat .galat-isian").text
