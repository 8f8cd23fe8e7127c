"""SKP JPT and its Perjanjian Kinerja in a real browser (BKN manual): the head of a mandiri
unit writes his Perjanjian Kinerja (sasaran strategis, indikator; a refused indikator shows its
message next to the field), copies it into his SKP JPT with *Salin*, fills the Manual Indikator
Kinerja of a copied indikator, changes an RHK's jenis, submits (approved at once: mandiri);
his staff member then links an RHK to the RHK he intervenes by changing it."""
from __future__ import annotations

from selenium.webdriver.common.by import By


def _orang_upt(suite, demo):
    tk = suite.token(demo.admin_instansi["nip"])
    upt = [u for u in suite.api("GET", "/api/identity/unor", tk, params={
        "instansi_id": demo.instansi_id, "page_size": 100}).json()
        if u["nama"] == "UPT Pendidikan dan Pelatihan"][0]
    orang = suite.api("GET", "/api/identity/pegawai", tk, params={
        "unor_id": upt["id"], "page_size": 50}).json()
    kepala = [p for p in orang if p["jenis_jabatan"] == "PIMPINAN"][0]
    staf = sorted([p for p in orang if p["jenis_jabatan"] == "PEGAWAI"], key=lambda p: p["nama"])
    return kepala, staf[1]


def test_perjanjian_kinerja_salin_ke_skp_jpt(h, periksa, periksa_hp, suite, demo, tunggu):
    kepala, staf = _orang_upt(suite, demo)
    h.masuk(kepala["nip"], demo.password)

    # -- Perjanjian Kinerja of the year ----------------------------------------------------
    h.buka("/perjanjian-kinerja")
    assert "Belum ada Perjanjian Kinerja" in h.teks
    h.tekan("#tombol-pk-baru")
    assert f"Perjanjian Kinerja tahun {demo.tahun} dibuat" in h.teks
    h.isi("#sasaran-uraian", "Meningkatnya kompetensi aparatur melalui pelatihan")
    h.tekan("#tombol-tambah-sasaran")
    assert "Sasaran strategis ditambahkan" in h.teks
    h.el("article.rhk details.tambah-indikator summary").click()
    h.isi("article.rhk details.tambah-indikator input[name=target]", "85")
    h.isi("article.rhk details.tambah-indikator input[name=satuan]", "persen")
    h.tekan("article.rhk details.tambah-indikator button[type=submit]")
    assert h.el("article.rhk details.tambah-indikator .ada-galat .galat-isian").text
    assert h.el("article.rhk details.tambah-indikator input[name=target]") \
        .get_attribute("value") == "85"
    h.isi("article.rhk details.tambah-indikator input[name=uraian]",
          "Persentase pegawai yang lulus pelatihan")
    h.tekan("article.rhk details.tambah-indikator button[type=submit]")
    assert "Indikator ditambahkan" in h.teks and "85 persen" in h.teks
    periksa(h, "17-perjanjian-kinerja")
    periksa_hp(h, "17-perjanjian-kinerja")

    # -- SKP JPT: Salin ----------------------------------------------------------------------
    h.buka("/skp")
    h.tekan("form[action='/skp'] button[type=submit]")
    assert "SKP dibuat" in h.teks and "SKP JPT" in h.teks
    skp_url = h.drv.current_url
    assert "Meningkatnya kompetensi aparatur" in h.el("#salin-pk").text
    h.tekan("#tombol-salin-pk")
    assert "disalin menjadi RHK utama" in h.teks
    rhk = h.el("article.rhk")
    assert "Meningkatnya kompetensi aparatur" in rhk.text and "Perjanjian Kinerja" in rhk.text
    assert "Persentase pegawai yang lulus pelatihan" in rhk.text

    # the copied indikator gets its perspektif
    h.el("details.ubah-indikator summary").click()
    iid = h.el("details.ubah-indikator select[name=perspektif]").get_attribute("id")
    h.pilih(f"#{iid}", "PENERIMA_LAYANAN")
    h.tekan("details.ubah-indikator button[type=submit]")
    assert "Indikator diubah" in h.teks and "Penerima Layanan" in h.el("article.rhk").text

    # -- Manual Indikator Kinerja --------------------------------------------------------------
    h.tekan_tautan("Isi")
    h.isi("#f-definisi", "Pegawai yang mengikuti pelatihan dan dinyatakan lulus.")
    h.isi("#f-formula", "lulus / peserta × 100 %")
    h.pilih("#f-jenis_iku", "OUTCOME")
    h.pilih("#f-periode_pelaporan", "TRIWULANAN")
    h.isi("#f-sumber_data", "Sistem informasi diklat")
    periksa(h, "18-manual-indikator")
    h.tekan("#tombol-simpan-manual")
    assert "Manual indikator disimpan" in h.teks and "Terisi" in h.teks

    # -- an RHK's jenis changed -------------------------------------------------------------
    h.isi("#rhk-uraian", "Tersusunnya kurikulum pelatihan teknis")
    h.tekan("#judul-tambah-rhk ~ form button[type=submit]")
    assert "Rencana hasil kerja ditambahkan" in h.teks
    kedua = [a for a in h.drv.find_elements(By.CSS_SELECTOR, "article.rhk")
             if "kurikulum" in a.text][0]
    rid = kedua.get_attribute("id").removeprefix("rhk-")
    kedua.find_element(By.CSS_SELECTOR, "details.ubah-rhk summary").click()
    h.pilih(f"#ubah-rhk-jenis-{rid}", "TAMBAHAN")
    h.tekan(f"#rhk-{rid} details.ubah-rhk button[type=submit]")
    assert "Rencana hasil kerja diubah" in h.teks
    bagian = h.drv.find_element(By.ID, "rhk").text
    assert bagian.index("B. Kinerja tambahan") < bagian.index("kurikulum")
    periksa(h, "19-skp-jpt")
    periksa_hp(h, "19-skp-jpt")
    h.drv.execute_script("window.confirm = () => true")
    h.tekan(f"#rhk-{rid} form.sebaris button")
    assert "Rencana hasil kerja dihapus" in h.teks
    h.tekan("#tombol-ajukan")
    assert "Disetujui" in h.el("#status-skp").text  # the head of a mandiri unit
    h.keluar()

    # -- the staff member links his RHK to the RHK he intervenes ------------------------------
    h.masuk(staf["nip"], demo.password)
    h.buka("/skp")
    h.tekan("form[action='/skp'] button[type=submit]")
    h.isi("#rhk-uraian", "Terlaksananya pelatihan teknis angkatan I")
    h.tekan("#judul-tambah-rhk ~ form button[type=submit]")
    rid = h.el("article.rhk").get_attribute("id").removeprefix("rhk-")
    assert "diintervensi" not in h.el("article.rhk").text
    h.el("article.rhk details.ubah-rhk summary").click()
    pilihan = [o for o in h.drv.find_elements(By.CSS_SELECTOR, f"#ubah-rhk-atasan-{rid} option")
               if "kompetensi aparatur" in o.text]
    h.pilih(f"#ubah-rhk-atasan-{rid}", pilihan[0].get_attribute("value"))
    h.tekan(f"#rhk-{rid} details.ubah-rhk button[type=submit]")
    assert "Rencana hasil kerja diubah" in h.teks
    assert "diintervensi: Meningkatnya kompetensi aparatur" in h.el("article.rhk").text
    assert skp_url != h.drv.current_url
