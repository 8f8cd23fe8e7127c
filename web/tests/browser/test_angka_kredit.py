"""Angka kredit in a real browser (BKN manual §2.6, §2.15): the admin integrates a JF's
conventional AK by import (dry run with a refused row, then saved), takes the PAK through its
lifecycle (ajukan refused without a nomor SK, ajukan, kembalikan with a reason, ajukan again,
setujui, tandatangani); the pegawai sees his konversi of the year, akumulasi, kebutuhan and
selisih (desktop and phone). Each page checked with axe-core and photographed."""
from __future__ import annotations

import sys
from pathlib import Path

from selenium.webdriver.common.by import By

sys.path.insert(0, str(Path(__file__).parent))  # the tests run with --import-mode=importlib
from data_uji import pegawai_demo, predikat_ditetapkan  # noqa: E402


def unggah(h, tmp_path, isi: str, uji_coba: bool, nama: str) -> None:
    berkas = tmp_path / f"{nama}.csv"
    berkas.write_text(isi)
    h.buka("/angka-kredit/integrasi")
    h.el("#f-berkas").send_keys(str(berkas))
    dry = h.el("#f-dry")
    if dry.is_selected() != uji_coba:
        dry.click()
    h.tekan("#tombol-integrasi")


def test_integrasi_pak_dan_angka_kredit_pegawai(chrome, chrome_hp, h, periksa, suite, demo,
                                                tunggu, tmp_path):
    mutasi = pegawai_demo(suite, demo)["Bidang Mutasi dan Promosi"]
    kepala, staf = mutasi[0], mutasi[4]
    assert staf["kategori_jabatan"] == "FUNGSIONAL" and staf["jenjang"] == "AHLI_PERTAMA"
    # the annual predikat (final period) converts 12 months: 12/12 × 100 % × 12,5
    predikat_ditetapkan(suite, demo, staf, kepala, tunggu, final=True)

    h.masuk(demo.admin_instansi["nip"], demo.password)
    salah = f"nip,ak_lama,tanggal\n{staf['nip']},130,2023-01-01\n199999999999999999,abc,2023-01-01\n"
    unggah(h, tmp_path, salah, uji_coba=True, nama="salah")
    laporan = h.el("#laporan-integrasi").text
    assert "Baris yang bermasalah" in laporan and "ak_lama" in laporan
    assert "30,000" in h.el("#hasil-integrasi").text  # 130 − nilai dasar Ahli Pertama 100
    periksa(h, "50-ak-integrasi-uji-coba")
    benar = f"nip,ak_lama,tanggal\n{staf['nip']},130,2023-01-01\n"
    unggah(h, tmp_path, benar, uji_coba=False, nama="benar")
    assert "Integrasi angka kredit tersimpan" in h.teks, h.teks[:1500]
    h.el("#hasil-integrasi a").click()
    tunggu(lambda: "Integrasi angka kredit" in h.el("h1").text, what="the PAK page")
    assert "30,000" in h.el("#ak-nilai").text and "Draf" in h.el("#status-pak").text

    # ajukan without a nomor SK (manual numbering): refused next to the field, the rest kept
    h.isi("#f-tempat", "Contoh")
    h.tekan("#tombol-ajukan-pak")
    assert h.el("#f-tempat").get_attribute("value") == "Contoh"
    assert "Draf" in h.el("#status-pak").text and h.teks.count("Nomor SK") >= 1
    assert chrome.find_elements(By.CSS_SELECTOR, ".ada-galat .galat-isian, .pesan-galat")
    periksa(h, "51-ak-pak-ajukan-galat")
    h.isi("#f-nomor_sk", f"800/PAK/MUTASI/{demo.tahun}")
    h.tekan("#tombol-ajukan-pak")
    assert "PAK diajukan" in h.teks and "Diajukan" in h.el("#status-pak").text
    h.drv.execute_script("document.querySelectorAll('details.kartu').forEach(d => d.open = true)")
    h.isi("#f-alasan-kembali", "Tanggal integrasi perlu dicek dengan SK jabatan.")
    h.tekan("#tombol-kembalikan-pak")
    assert "PAK dikembalikan ke draf" in h.teks
    assert "Tanggal integrasi perlu dicek" in h.el("#alasan-kembali").text
    assert h.el("#f-nomor_sk").get_attribute("value") == f"800/PAK/MUTASI/{demo.tahun}"
    h.tekan("#tombol-ajukan-pak")
    h.tekan("#tombol-setujui-pak")
    assert "PAK disetujui" in h.teks
    h.pilih("#f-metode", "TTE")
    h.tekan("#tombol-tandatangani")
    assert "PAK ditandatangani" in h.teks and "Ditandatangani" in h.el("#status-pak").text
    riwayat = h.el("#riwayat-pak").text
    assert "Dikembalikan ke draf" in riwayat and "Tanggal integrasi perlu dicek" in riwayat
    periksa(h, "52-ak-pak-ditandatangani")
    # the signed PAK prints (reporting, from the AngkaKreditDitetapkan it consumed)
    href = h.el("#cetak-pak").get_attribute("href")
    ambil = ("const cb = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => "
             "cb(r.status + ' ' + r.headers.get('content-type'))).catch(e => cb(String(e)));")
    tunggu(lambda: h.drv.execute_async_script(ambil, href) == "200 application/pdf",
           timeout=60, what="the PAK PDF through the UI")

    h.buka(f"/angka-kredit/kelola?nama={staf['nama'].split()[0]}")
    assert staf["nama"] in h.teks and "Ditandatangani" in h.teks
    periksa(h, "53-ak-kelola")
    h.buka("/angka-kredit/kelola?nama=ab")  # too short: refused next to the field
    assert h.el(".ada-galat .galat-isian").text
    h.keluar()

    # -- the pegawai: konversi of the year and the akumulasi ----------------------------------
    h.masuk(staf["nip"], demo.password)
    tunggu(lambda: "Konversi predikat" in h.buka("/angka-kredit").teks, timeout=60,
           what="the konversi of the annual predikat")
    assert h.el("#ak-akumulasi").text == "42,500"  # 30 integrasi + 12,5 konversi
    assert "12,500" in h.teks and "100 %" in h.teks
    periksa(h, "54-ak-saya")
    hp = type(h)(chrome_hp, suite.base)
    hp.masuk(staf["nip"], demo.password)
    hp.buka("/angka-kredit")
    periksa(hp, "55-hp-ak-saya")
