"""Angka kredit in a real browser (BKN manual §2.6, §2.15): the admin integrates a JF's
conventional AK by import (dry run with a refused row, then saved), takes the PAK through its
lifecycle (ajukan refused without a nomor SK, ajukan, kembalikan with a reason, ajukan again,
setujui, tandatangani), then takes his konversi through it from the list (the rows ticked
take one step together; a bulk ajukan under manual numbering is refused, nothing changed); the
pegawai sees his konversi of the year, akumulasi, kebutuhan and
selisih (desktop and phone). Each page checked with axe-core and photographed."""
from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import requests

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

    # -- the konversi of the year from the list: the rows ticked take one step together ------
    nama = staf["nama"].split()[0]

    def konversi(status):
        h.buka(f"/angka-kredit/kelola?nama={nama}&status={status}")
        return [r for r in chrome.find_elements(By.CSS_SELECTOR, "#form-ak-massal tbody tr")
                if staf["nama"] in r.text and "Konversi predikat" in r.text]

    def centang_dan_proses(status, aksi, tempat=None):
        [baris] = konversi(status)
        baris.find_element(By.NAME, "pilih").click()
        h.pilih("#m-aksi", aksi)
        if tempat:
            h.isi("#m-tempat", tempat)
        h.tekan("#tombol-ak-massal")

    tunggu(lambda: konversi("DRAFT"), timeout=60, what="the konversi row on the list")
    centang_dan_proses("DRAFT", "ajukan", "Contoh")  # manual numbering: the nomor SK per PAK
    assert "Tidak ada PAK yang diubah" in h.teks and "Nomor SK" in h.teks, h.teks[:800]
    periksa(h, "53b-ak-kelola-massal-galat")
    assert konversi("DRAFT")
    [baris] = konversi("DRAFT")
    baris.find_element(By.PARTIAL_LINK_TEXT, "Buka").click()
    tunggu(lambda: h.drv.find_elements(By.ID, "tombol-ajukan-pak"), what="the konversi PAK")
    h.isi("#f-tempat", "Contoh")
    h.isi("#f-nomor_sk", f"800/PAK/KONVERSI/{demo.tahun}")
    h.tekan("#tombol-ajukan-pak")
    assert "PAK diajukan" in h.teks
    centang_dan_proses("DIAJUKAN", "setujui")
    assert "1 PAK disetujui" in h.teks
    centang_dan_proses("DISETUJUI", "tandatangani")
    assert "1 PAK ditandatangani" in h.teks
    h.buka(f"/angka-kredit/kelola?nama={nama}&status=DITANDATANGANI")
    assert h.teks.count("Konversi predikat") >= 1
    assert not chrome.find_elements(By.ID, "tindakan-massal")  # nothing left to tick
    periksa(h, "53c-ak-kelola-massal")
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


def docx_kecil(path: Path) -> Path:
    """A minimal valid Word document (the API checks it is a zip of at most 2 MB)."""
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
            'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
            'application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
            '"word/document.xml"/></Relationships>'))
        z.writestr("word/document.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
            'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>PENETAPAN '
            'ANGKA KREDIT</w:t></w:r></w:p></w:body></w:document>'))
    return path


def test_pengaturan_angka_kredit_dan_template_pak(chrome, h, periksa, periksa_hp, suite, demo,
                                                  tmp_path, tunggu):
    """The admin's angka-kredit pengaturan (numbering, hari acuan, tempat, a keterampilan
    figure) and the PAK templates: refusals next to their field with what was typed kept,
    then saved; the uploaded .docx downloaded back. The defaults are put back at the end. Then
    one pegawai's integrasi by the form (the pegawai picker): a bad AK lama refused next to it
    with the pegawai kept, then saved."""
    h.masuk(demo.admin_instansi["nip"], demo.password)
    h.buka("/angka-kredit/kelola")
    h.tekan("#tautan-pengaturan-ak")
    assert "Pengaturan angka kredit instansi" in h.el("h1").text
    angka = chrome.find_elements(By.CSS_SELECTOR, ".angka-diatur input")
    assert angka, "the keterampilan figures an instansi may set"
    # a format without {urut}, a day out of range and a figure of 0: each refused at its field
    h.el("#f-penomoran-otomatis").click()
    h.isi("#f-format_nomor", "PAK/{tahun}")
    h.isi("#f-hari_acuan_bulan", "40")
    h.isi("#f-tempat", "Jakarta")
    h.isi("#f-angka-1", "0")
    h.tekan("#tombol-pengaturan")
    # the schema answers first (the day), the rules after (the format and the figure)
    assert h.el("#f-hari_acuan_bulan").get_attribute("aria-invalid") == "true"
    assert h.el("#f-tempat").get_attribute("value") == "Jakarta"
    assert h.el("#f-penomoran-otomatis").is_selected()
    assert h.el("#f-format_nomor").get_attribute("value") == "PAK/{tahun}"
    h.isi("#f-hari_acuan_bulan", "15")
    h.tekan("#tombol-pengaturan")
    assert h.el("#f-format_nomor").get_attribute("aria-invalid") == "true"
    assert h.el("#f-angka-1").get_attribute("aria-invalid") == "true"
    assert h.el("#f-angka-1").get_attribute("value") == "0"
    periksa(h, "56-ak-pengaturan-galat")
    h.isi("#f-format_nomor", "{urut:4}/PAK/{tahun}")
    h.isi("#f-angka-1", "12,5")
    h.tekan("#tombol-pengaturan")
    assert "Pengaturan angka kredit tersimpan" in h.teks
    assert "0001/PAK/" in h.teks  # the example number of the saved format
    assert Decimal(h.el("#f-angka-1").get_attribute("value")) == Decimal("12.5")
    assert h.el("#f-penomoran-otomatis").is_selected()

    # the TTE template: a file that is no .docx refused next to it, the typed kop kept
    bukan = tmp_path / "catatan.txt"
    bukan.write_text("bukan docx")
    h.isi("#f-tte-kop", "PEMERINTAH PROVINSI CONTOH\nBADAN KEPEGAWAIAN DAERAH")
    h.el("#f-tte-berkas").send_keys(str(bukan))
    h.tekan("#tombol-template-tte")
    assert h.el("#template-TTE .ada-galat .galat-isian").text
    assert "BADAN KEPEGAWAIAN DAERAH" in h.el("#f-tte-kop").get_attribute("value")
    h.isi("#f-tte-tembusan", "Kepala BKN\nPejabat fungsional yang bersangkutan")
    h.isi("#f-tte-catatan", "Dokumen ini ditandatangani secara elektronik.")
    h.el("#f-tte-berkas").send_keys(str(docx_kecil(tmp_path / "pak-tte.docx")))
    h.tekan("#tombol-template-tte")
    assert "TTE tersimpan (versi 1)" in h.teks, h.teks[:800]
    baris = h.el("#daftar-template tbody tr").text
    assert "pak-tte.docx" in baris and "1" in baris
    periksa(h, "57-ak-pengaturan")
    periksa_hp(h, "57-ak-pengaturan")
    sesi = requests.Session()
    for c in chrome.get_cookies():
        sesi.cookies.set(c["name"], c["value"])
    unduh = sesi.get(
        h.el("#daftar-template tbody tr a[href*='berkas']").get_attribute("href"), timeout=30)
    assert unduh.status_code == 200 and unduh.content[:2] == b"PK"
    # the TTD basah template keeps the default until changed; its fields are empty
    assert h.el("#f-ttd_basah-kop").get_attribute("value") == ""

    # the defaults back (the other tests number PAKs by hand)
    h.el("#f-penomoran-manual").click()
    h.isi("#f-format_nomor", "{urut}/PAK/{kode_unor}/{tahun}")
    h.isi("#f-tempat", "")
    h.isi("#f-angka-1", "")
    h.tekan("#tombol-pengaturan")
    assert "Pengaturan angka kredit tersimpan" in h.teks
    assert h.el("#f-angka-1").get_attribute("value") == ""

    # -- one pegawai's integrasi --------------------------------------------------------------
    jf = [p for daftar in pegawai_demo(suite, demo).values() for p in daftar
          if p.get("kategori_jabatan") == "FUNGSIONAL" and p.get("jenjang") == "AHLI_MUDA"]
    assert jf, "a JF Ahli Muda in the demo"
    x = jf[0]
    h.buka("/angka-kredit/integrasi")
    h.isi("#pp-integrasi-q", x["nip"][:10])
    tunggu(lambda: h.drv.find_elements(By.ID, f"pp-integrasi-c-{x['id']}"), what="pegawai")
    h.drv.find_element(By.CSS_SELECTOR, f"label[for='pp-integrasi-c-{x['id']}']").click()
    h.isi("#f-ak_lama", "abc")
    h.drv.execute_script("document.getElementById('f-tanggal').value = '2023-01-01'")
    h.tekan("#tombol-integrasi-satu")
    assert h.el("#f-ak_lama").get_attribute("aria-invalid") == "true"
    assert x["nama"] in h.el("#pp-integrasi .terpilih").text
    assert h.el("#f-tanggal").get_attribute("value") == "2023-01-01"
    periksa(h, "58-ak-integrasi-satu-galat")
    periksa_hp(h, "58-ak-integrasi-satu-galat")
    h.isi("#f-ak_lama", "250,5")
    h.tekan("#tombol-integrasi-satu")
    assert "Integrasi angka kredit tersimpan" in h.teks, h.teks[:800]
    assert "50,500" in h.el("#ak-nilai").text  # 250,5 − nilai dasar Ahli Muda 200
