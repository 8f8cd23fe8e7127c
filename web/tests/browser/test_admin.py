"""The admin's year start in a real browser: unit and pegawai import with the dry-run report
(errors per row, nothing saved until clean), the new pegawai found by search, periods generated;
the admin's main pages checked with axe-core and photographed."""
from __future__ import annotations

from selenium.webdriver.common.by import By

UNOR_CSV = "kode,nama,jenis,eselon,kode_atasan,kode_induk,mandiri,kota\n" \
           "SUBBID-DATA,Subbidang Data Kepegawaian,Pengawas,42,INFORMASI,BADAN,tidak,Contoh\n"
PEGAWAI_SALAH = ("nip,nama,kode_unor,jenis_jabatan,jabatan,kategori_jabatan,golongan\n"
                 "198703152010121003,Rahmat Hidayat,SUBBID-DATA,PIMPINAN,"
                 "Kepala Subbidang Data Kepegawaian,PENGAWAS,III/d\n"
                 "12345,Nama Tanpa NIP Sah,SUBBID-DATA,PEGAWAI,Pengolah Data,PELAKSANA,II/c\n")
PEGAWAI_BENAR = PEGAWAI_SALAH.replace("12345,", "199205212015032004,")


def unggah(h, tmp_path, jenis: str, isi: str, uji_coba: bool) -> None:
    berkas = tmp_path / f"{jenis}-{'uji' if uji_coba else 'simpan'}.csv"
    berkas.write_text(isi)
    h.buka("/admin/impor").pilih("#f-jenis", jenis)
    h.el("#f-berkas").send_keys(str(berkas))
    dry = h.el("#f-dry")
    if dry.is_selected() != uji_coba:
        dry.click()
    h.tekan("#tombol-impor")


def test_admin_mengimpor_data_dan_membuat_periode(chrome, h, periksa, demo, tmp_path, tunggu):
    h.masuk(demo.admin_instansi["nip"], demo.password)
    h.buka("/admin/unor")
    assert "Badan Kepegawaian dan Pengembangan SDM" in h.teks
    h.el(".pohon summary").click()  # htmx loads the sub-units under it
    tunggu(lambda: "Sekretariat" in h.teks, what="the sub-units")
    periksa(h, "20-admin-unor")

    unggah(h, tmp_path, "unor", UNOR_CSV, uji_coba=True)
    assert "Laporan uji coba" in h.teks and "Uji coba selesai" in h.teks
    unggah(h, tmp_path, "unor", UNOR_CSV, uji_coba=False)
    assert "Impor selesai dan tersimpan" in h.teks

    unggah(h, tmp_path, "pegawai", PEGAWAI_SALAH, uji_coba=True)
    laporan = h.el("#laporan-impor").text
    assert "nip" in laporan and "Baris yang bermasalah" in laporan
    periksa(h, "21-admin-impor-laporan")
    unggah(h, tmp_path, "pegawai", PEGAWAI_SALAH, uji_coba=False)  # refused whole
    assert "Tidak ada yang disimpan" in h.teks
    unggah(h, tmp_path, "pegawai", PEGAWAI_BENAR, uji_coba=False)
    assert "Impor selesai dan tersimpan" in h.teks

    h.buka("/admin/pegawai?q=Rahmat")
    assert "Rahmat Hidayat" in h.teks
    periksa(h, "22-admin-pegawai")
    h.tekan_tautan("Rahmat Hidayat")
    assert "Kepala Subbidang Data Kepegawaian" in h.el("#f-jabatan").get_attribute("value")
    periksa(h, "23-admin-pegawai-ubah")

    h.buka("/admin/periode?tahun=2031")
    assert "Belum ada periode penilaian tahun 2031" in h.teks
    h.pilih("#f-skema", "TRIWULAN")
    h.tekan("#tombol-generate")
    assert "Periode penilaian tahun 2031 dibuat" in h.teks
    baris = chrome.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(baris) == 5 and "31 Maret 2031" in h.teks
    periksa(h, "24-admin-periode")

    h.buka("/admin/capaian")
    periksa(h, "25-admin-capaian")
    # the capaian of the Badan for the year's final period: its statistics and chart
    h.pilih("#f-unor_induk_id", [o.get_attribute("value") for o in chrome.find_elements(
        By.CSS_SELECTOR, "#f-unor_induk_id option") if "Badan" in o.text][0])
    h.pilih("#f-periode_id", [o.get_attribute("value") for o in chrome.find_elements(
        By.CSS_SELECTOR, "#f-periode_id option") if "Final" in o.text][0])
    h.pilih("#f-capaian", "BAIK")
    h.tekan("form[method=post] button.utama")
    assert "Capaian organisasi disimpan" in h.teks and "statistik predikat" in h.teks
    assert chrome.find_elements(By.CSS_SELECTOR, "svg.svg-grafik rect.batang")
    assert "Pola distribusi yang diizinkan" in h.teks
    periksa(h, "27-admin-capaian-statistik")
    h.buka("/admin/progres")
    periksa(h, "26-admin-progres")
