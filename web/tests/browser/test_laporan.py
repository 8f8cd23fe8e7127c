"""Laporan and cetak in a real browser: the admin requests an Excel report (a status the report
has no filter for is refused next to the field), watches its progress update in place (htmx
polling) and downloads it; a pegawai prints his approved Rencana SKP from the SKP page, and the
public verification page finds the document by its code and matches the very bytes issued
(a changed copy does not match). Pages checked with axe-core and photographed."""
from __future__ import annotations

import sys
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).parent))  # the tests run with --import-mode=importlib
from data_uji import pegawai_demo, skp_disetujui  # noqa: E402


def sesi_dari(drv, base: str) -> requests.Session:
    """A requests session with the browser's cookies (downloads are checked byte by byte)."""
    s = requests.Session()
    for c in drv.get_cookies():
        s.cookies.set(c["name"], c["value"])
    s.headers["Referer"] = base
    return s


def test_laporan_cetak_dan_verifikasi(chrome, chrome_hp, h, periksa, suite, demo, tunggu,
                                      tmp_path):
    h.masuk(demo.admin_instansi["nip"], demo.password)
    h.buka("/laporan")
    periksa(h, "60-laporan")
    # JUMLAH_TIM has no status filter: refused, the message next to the status field
    h.pilih("#f-jenis", "JUMLAH_TIM")
    h.pilih("#f-status", "DRAFT")
    h.tekan("#tombol-laporan")
    assert h.el(".ada-galat .galat-isian").text
    assert h.el("#f-jenis").get_attribute("value") == "JUMLAH_TIM"
    h.pilih("#f-jenis", "RENCANA_SKP_TAHUNAN")
    h.pilih("#f-status", "")
    h.tekan("#tombol-laporan")
    if "Basis data sedang tidak tersedia" in h.teks:
        # embedded mode: SQLite may be locked a moment while reporting's consumer writes the
        # demo's read models; the page says so (503) and keeps the form, the user sends again
        h.tekan("#tombol-laporan")
    assert "Permintaan diterima" in h.teks
    url = chrome.current_url
    # htmx polls the job and swaps the progress in place until the file is ready
    tunggu(lambda: chrome.find_elements("css selector", "#tautan-unduh"), timeout=90,
           what="the report file")
    assert chrome.current_url == url and "Selesai" in h.el("#status-job").text
    periksa(h, "61-laporan-selesai")
    unduh = sesi_dari(chrome, suite.base).get(h.el("#tautan-unduh").get_attribute("href"),
                                             timeout=60)
    assert unduh.status_code == 200 and unduh.content[:2] == b"PK", unduh.text[:300]  # .xlsx
    assert "attachment" in unduh.headers["Content-Disposition"]

    # the request is listed on the page, newest first, with its status and its page
    h.buka("/laporan")
    terakhir = h.el("#laporan-sebelumnya tbody tr").text
    assert "Rencana SKP tahunan" in terakhir and "Selesai" in terakhir
    periksa(h, "60b-laporan-sebelumnya")

    # a bulk print of the Badan's Rencana SKP: a zip of every approved one
    h.pilih("#f-jenis-massal", "RENCANA_SKP")
    h.pilih("#f-unor-massal", [o.get_attribute("value") for o in chrome.find_elements(
        "css selector", "#f-unor-massal option") if "Badan Kepegawaian" in o.text][0])
    h.tekan("#tombol-massal")
    assert "Permintaan diterima" in h.teks, h.teks[:1500]
    tunggu(lambda: chrome.find_elements("css selector", "#tautan-unduh"), timeout=120,
           what="the bulk print's zip")
    zip_ = sesi_dari(chrome, suite.base).get(h.el("#tautan-unduh").get_attribute("href"),
                                             timeout=60)
    assert zip_.status_code == 200 and zip_.content[:2] == b"PK"
    # the Matriks Peran Hasil of a unit, from the form on the same page
    h.buka("/laporan")
    h.pilih("#f-unor-mph", [o.get_attribute("value") for o in chrome.find_elements(
        "css selector", "#f-unor-mph option") if "Bidang Mutasi" in o.text][0])
    mph = sesi_dari(chrome, suite.base).get(
        f"{suite.base}/cetak/mph.pdf?unor_id={h.el('#f-unor-mph').get_attribute('value')}"
        f"&tahun={demo.tahun}", timeout=60)
    assert mph.status_code == 200 and mph.content[:5] == b"%PDF-", mph.text[:300]
    h.keluar()

    # -- a pegawai prints his approved Rencana SKP; anyone verifies it -----------------------
    mutasi = pegawai_demo(suite, demo)["Bidang Mutasi dan Promosi"]
    kepala, staf = mutasi[0], mutasi[5]
    sid = skp_disetujui(suite, demo, staf, kepala)
    h.masuk(staf["nip"], demo.password)
    h.buka(f"/skp/{sid}")
    href = h.el("#cetak-rencana").get_attribute("href")
    pdf = tunggu(lambda: (lambda r: r if r.status_code == 200 else None)(
        sesi_dari(chrome, suite.base).get(href, timeout=60)), timeout=60,
        what="reporting's copy of the approved SKP")
    assert pdf.content[:5] == b"%PDF-" and pdf.headers["Content-Type"] == "application/pdf"
    kode = pdf.headers["X-Kode-Verifikasi"]
    h.keluar()

    h.buka("/verifikasi")
    h.isi("#f-kode", kode)
    h.tekan("form[role=search] button")
    assert staf["nama"] in h.el("#hasil-verifikasi").text
    asli = tmp_path / "rencana.pdf"
    asli.write_bytes(pdf.content)
    h.el("#f-berkas").send_keys(str(asli))
    h.tekan("#tombol-cocokkan")
    assert "Cocok" in h.el("#hasil-cocok").text
    periksa(h, "62-verifikasi-dokumen")
    ubah = tmp_path / "diubah.pdf"
    ubah.write_bytes(pdf.content + b"\n% diubah\n")
    h.el("#f-berkas").send_keys(str(ubah))
    h.tekan("#tombol-cocokkan")
    assert "Tidak cocok" in h.el("#hasil-cocok").text
    h.buka("/verifikasi/ZZZZ-ZZZZ-ZZZZ")
    assert "tidak dikenal" in h.el("#hasil-verifikasi").text

    hp = type(h)(chrome_hp, suite.base)
    hp.buka(f"/verifikasi/{kode}")
    periksa(hp, "63-hp-verifikasi")
