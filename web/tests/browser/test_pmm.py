"""PMM for the admin in a real browser, against integration's PMM sandbox (the embedded mode
mounts it): a teacher registered as a PMM user (a wrong NIP refused next to its field), his
semester at PMM synced and shown in Kinerja Guru (a wrong periode refused next to its field),
the PLT kepala sekolah mapping added (a missing unit refused next to its field) and removed,
and the PMM user removed. Pages checked with axe-core and photographed (desktop and phone)."""
from __future__ import annotations

import sys
from pathlib import Path

import requests
from selenium.webdriver.common.by import By

sys.path.insert(0, str(Path(__file__).parent))  # the tests run with --import-mode=importlib
from data_uji import pegawai_demo, skp_disetujui  # noqa: E402

UNIT = "Bidang Pengembangan Kompetensi"


def test_pengguna_kinerja_guru_dan_plt_pmm(h, periksa, periksa_hp, suite, demo, tunggu):
    orang = pegawai_demo(suite, demo)[UNIT]
    kepala, penilai, guru = orang[0], orang[2], orang[-1]
    # PMM's penilai of the teacher must have an approved SKP of the year (manual §2.10)
    skp_disetujui(suite, demo, penilai, kepala)
    periode = f"{demo.tahun}-S1"
    r = requests.put(f"{suite.base}/sandbox/pmm/_sandbox/kinerja", timeout=30, json={
        "nip": guru["nip"], "periode": periode, "tipe_skp": "guru",
        "rhk": [{"uraian": "Melaksanakan pembelajaran", "target": "24 JP/minggu"}],
        "rating_hasil_kerja": "Sesuai Ekspektasi", "rating_perilaku": "Di atas Ekspektasi",
        "predikat": "Baik", "penilai_nip": penilai["nip"],
        "sekolah": {"npsn": "20100001", "nama": UNIT, "daerah": "Kota Contoh"}})
    assert r.status_code == 200, r.text

    h.masuk(demo.admin_instansi["nip"], demo.password)
    # -- User PMM: a wrong NIP next to its field, then the teacher registered ---------------
    h.buka("/integrasi/pmm/pengguna")
    h.isi("#f-nip", "12345")
    h.tekan("#tombol-daftar-pmm")
    assert h.el("#galat-nip").text and h.el("#f-nip").get_attribute("value") == "12345"
    h.isi("#f-nip", guru["nip"])
    h.pilih("#f-tipe_skp", "GURU")
    h.tekan("#tombol-daftar-pmm")
    assert "terdaftar sebagai pengguna PMM" in h.teks
    assert guru["nip"] in h.el("#tabel-pengguna-pmm").text
    terdaftar = requests.get(f"{suite.base}/sandbox/pmm/_sandbox/pengguna", timeout=30).json()
    assert guru["nip"] in {u["nip"] for u in terdaftar}
    h.isi("#f-nip", guru["nip"])  # again: already registered, said at the NIP
    h.tekan("#tombol-daftar-pmm")
    assert h.el("#galat-nip").text
    h.isi("#s-nip", guru["nip"])
    h.tekan("#tombol-saring")
    assert len(h.drv.find_elements(By.CSS_SELECTOR, "#tabel-pengguna-pmm tbody tr")) == 1
    periksa(h, "77-pmm-pengguna")
    periksa_hp(h, "77-pmm-pengguna")

    # -- the sync brings his semester into Kinerja Guru -----------------------------------------
    h.buka("/integrasi/pmm")
    h.tekan("#tombol-sinkron-pmm")

    def dinilai():
        h.buka(f"/integrasi/pmm/kinerja-guru?periode={periode}&nama=")
        found = h.drv.find_elements(By.CSS_SELECTOR, "#tabel-kinerja-guru")
        return found and guru["nip"] in found[0].text
    tunggu(dinilai, timeout=90, what="the teacher's scores from PMM")
    baris = h.el("#tabel-kinerja-guru").text
    assert "Baik" in baris and "Di Atas Ekspektasi" in baris and "20100001" in baris
    periksa(h, "78-pmm-kinerja-guru")
    periksa_hp(h, "78-pmm-kinerja-guru")
    h.isi("#f-periode", "2025")
    h.tekan("#tombol-saring")
    assert h.el("#galat-periode").text
    assert not h.drv.find_elements(By.CSS_SELECTOR, "#tabel-kinerja-guru")
    h.buka("/integrasi/pmm/kinerja-guru?nama=tidak+ada+guru+ini")
    assert "Tidak ada kinerja guru yang cocok" in h.teks

    # -- the PLT mapping: a missing unit next to its field, added, removed ----------------------
    h.buka("/integrasi/pmm/plt")
    h.isi("#f-pmm_sekolah", "20100002")
    h.tekan("#tombol-tambah-plt")
    assert h.el("#galat-unor_id").text
    assert h.el("#f-pmm_sekolah").get_attribute("value") == "20100002"
    h.pilih("#f-unor_id", guru["unor_id"])
    h.tekan("#tombol-tambah-plt")
    assert "dipetakan" in h.teks
    tabel = h.el("#tabel-plt").text
    assert "20100002" in tabel and UNIT in tabel
    periksa(h, "79-pmm-plt")
    periksa_hp(h, "79-pmm-plt")
    h.tekan("button[type=submit][class=kecil]")
    assert "dihapus" in h.teks and "Belum ada pemetaan PLT" in h.teks

    # -- the PMM user removed ------------------------------------------------------------------
    h.buka(f"/integrasi/pmm/pengguna?nip={guru['nip']}")
    h.tekan(f"#tabel-pengguna-pmm button[value='{guru['nip']}']")
    assert "Pengguna PMM dihapus" in h.teks
    assert not h.drv.find_elements(By.CSS_SELECTOR, f"button[value='{guru['nip']}']")
    assert guru["nip"] not in requests.get(
        f"{suite.base}/sandbox/pmm/_sandbox/pengguna", timeout=30).text


def test_akun_layanan_dan_webhook(h, periksa, periksa_hp, suite, demo, tunggu):
    h.masuk(demo.admin_instansi["nip"], demo.password)
    # -- a service account: no scope refused next to its fieldset, then made (secret once) ----
    h.buka("/integrasi/klien")
    h.isi("#f-nama", "Pipeline BKD uji")
    h.tekan("#tombol-buat-klien")
    assert h.el("#galat-scopes").text
    assert h.el("#f-nama").get_attribute("value") == "Pipeline BKD uji"
    h.el("#f-scopes-1").click()
    h.el("#f-scopes-4").click()
    h.tekan("#tombol-buat-klien")
    client_id, secret = h.el("#client-id").text, h.el("#client-secret").text
    assert "tidak ditampilkan lagi" in h.teks and secret
    periksa(h, "80-klien-baru")
    periksa_hp(h, "80-klien-baru")
    # the credentials work: a token for the feed
    token = requests.post(f"{suite.base}/api/integration/oauth/token", timeout=30,
                          auth=(client_id, secret), data={"grant_type": "client_credentials"})
    assert token.status_code == 200, token.text
    assert set(token.json()["scope"].split()) == {"feed:predikat", "export"}
    h.buka("/integrasi/klien")
    assert secret not in h.teks and client_id in h.el("#tabel-klien").text
    h.tekan(f"#tabel-klien button[value='{client_id}']")
    assert "Akun layanan dicabut" in h.teks
    assert not h.drv.find_elements(By.CSS_SELECTOR, f"button[value='{client_id}']")
    assert requests.post(f"{suite.base}/api/integration/oauth/token", timeout=30,
                         auth=(client_id, secret),
                         data={"grant_type": "client_credentials"}).status_code == 401

    # -- a webhook: a wrong address refused next to its field, added, removed ------------------
    h.buka("/integrasi/webhook")
    h.isi("#f-url", "bukan alamat")
    h.el("#f-jenis-1").click()
    h.tekan("#tombol-tambah-webhook")
    assert h.el("#galat-url").text
    assert h.el("#f-jenis-1").is_selected()
    h.el("#f-jenis-3").click()
    h.isi("#f-url", "http://127.0.0.1:9/kinerja")  # nobody listens: deliveries fail
    h.tekan("#tombol-tambah-webhook")
    assert h.el("#rahasia-webhook").text
    tabel = h.el("#tabel-webhook").text
    assert "127.0.0.1:9" in tabel and "Predikat kinerja" in tabel
    periksa(h, "81-webhook")
    periksa_hp(h, "81-webhook")
    # a sync ends (a SINKRON change): its delivery is tried, fails, and is logged with why
    h.tekan_tautan("Pengiriman")
    assert "Belum ada pengiriman" in h.teks
    log_url = h.drv.current_url.replace(suite.base, "")
    h.buka("/integrasi/pmm")
    h.tekan("#tombol-sinkron-pmm")

    def dicoba():
        h.buka(log_url)
        rows = h.drv.find_elements(By.CSS_SELECTOR, "#tabel-pengiriman tbody tr")
        if not rows or "Hasil sinkronisasi" not in rows[0].text:
            return False
        keterangan = rows[0].find_elements(By.TAG_NAME, "td")[3].text
        return keterangan not in ("", "—")  # tried: the connection's failure is said
    tunggu(dicoba, timeout=90, what="the webhook's first delivery")
    periksa(h, "82-webhook-pengiriman")
    periksa_hp(h, "82-webhook-pengiriman")
    h.buka("/integrasi/webhook")
    h.tekan("#tabel-webhook button[name=hapus]")
    assert "Webhook dihapus" in h.teks
