"""The PP 30/2019 (DKI) flow in a real browser: a pegawai makes a PP 30 SKP with a kegiatan's
targets, the pejabat penilai approves it; the pegawai fills the pengukuran (a kualitas above
100 refused next to its field, the typed values kept), a tugas tambahan, and sends it; the
pejabat penilai adds a kreativitas, corrects the tugas tambahan with a reason, rates the
nilai perilaku (a value above 100 refused; no Kepemimpinan for a staff member), adds a
catatan perilaku (a date outside the period refused) and corrects it, sees nilai SKP, nilai
prestasi kerja and predikat, and sets the penilaian."""
from __future__ import annotations

from selenium.webdriver.common.by import By


def _orang(suite, demo):
    tk = suite.token(demo.admin_instansi["nip"])
    unit = [u for u in suite.api("GET", "/api/identity/unor", tk, params={
        "instansi_id": demo.instansi_id, "page_size": 100}).json()
        if u["nama"] == "Bidang Pengembangan Kompetensi"][0]
    orang = suite.api("GET", "/api/identity/pegawai", tk, params={
        "unor_id": unit["id"], "page_size": 50}).json()
    kepala = [p for p in orang if p["jenis_jabatan"] == "PIMPINAN"][0]
    staf = sorted([p for p in orang if p["jenis_jabatan"] == "PEGAWAI"
                   and p["status_kepegawaian"] == "AKTIF"], key=lambda p: p["nama"])[0]
    return kepala, staf


def test_pengukuran_dan_penilaian_pp30(h, periksa, periksa_hp, suite, demo, tunggu):
    kepala, staf = _orang(suite, demo)

    # -- the SKP with its kegiatan, approved ----------------------------------------------
    h.masuk(staf["nip"], demo.password)
    h.buka("/skp").pilih("#f-model", "PP_30_2019")
    h.tekan("form[action='/skp'] button[type=submit]")
    assert "SKP dibuat" in h.teks and "PP 30/2019" in h.teks
    skp_url = h.drv.current_url
    h.isi("#rhk-uraian", "Menyusun laporan penyelenggaraan pelatihan")
    h.isi("#rhk-tkuan", "12").isi("#rhk-tsatuan", "laporan").isi("#rhk-tkual", "100")
    h.isi("#rhk-twaktu", "12")
    h.tekan("#judul-tambah-rhk ~ form button[type=submit]")
    assert "Rencana hasil kerja ditambahkan" in h.teks
    assert "Target: 12 laporan · kualitas 100 · 12 bulan" in h.el("article.rhk").text
    h.tekan("#tombol-ajukan")
    h.keluar()
    h.masuk(kepala["nip"], demo.password)
    h.buka(skp_url.removeprefix(suite.base)).tekan("#tombol-setujui")
    assert "SKP disetujui" in h.teks
    h.keluar()

    t = suite.token(staf["nip"])
    items = tunggu(lambda: suite.api("GET", "/api/penilaian/penilaian", t, params={
        "pegawai_id": staf["id"], "tahun": demo.tahun, "page_size": 50}).json(), timeout=60,
        what="the penilaian of the approved SKP")
    from datetime import date
    hari_ini = date.today().isoformat()
    pen = [p for p in items if not p["periode"].get("final")
           and p["periode"]["awal"] <= hari_ini <= p["periode"]["akhir"]][0]

    # -- the pegawai's pengukuran -----------------------------------------------------------
    h.masuk(staf["nip"], demo.password)
    h.buka(f"/penilaian/{pen['id']}")
    art = h.el("article.rhk")
    fid = art.get_attribute("id")
    h.isi(f"#{fid}-kuan", "10").isi(f"#{fid}-kual", "150").isi(f"#{fid}-waktu", "12")
    h.tekan(f"#{fid} form button[type=submit]")
    assert h.el(f"#{fid} .ada-galat .galat-isian").text
    assert h.el(f"#{fid}-kuan").get_attribute("value") == "10"
    h.isi(f"#{fid}-kual", "90").isi(f"#{fid}-rkuan", "11")
    h.tekan(f"#{fid} form button[type=submit]")
    assert "Realisasi kegiatan disimpan" in h.teks
    assert "Revisi target" in h.el(f"#{fid}").text
    h.isi("#entri-tugas-tambahan-uraian", "Panitia seleksi jabatan fungsional")
    h.tekan("#tugas-tambahan form button[type=submit]")
    assert "Tugas tambahan ditambahkan" in h.teks
    assert "Panitia seleksi jabatan fungsional" in h.el("#tugas-tambahan").text
    periksa(h, "30-pengukuran-pp30")
    periksa_hp(h, "30-pengukuran-pp30")
    h.tekan("#tombol-kirim")
    h.keluar()

    # -- the pejabat penilai: kreativitas, nilai perilaku, catatan, tetapkan -----------------
    h.masuk(kepala["nip"], demo.password)
    h.buka(f"/penilaian/{pen['id']}")
    h.isi("#entri-kreativitas-uraian", "Modul pelatihan daring")
    h.pilih("#entri-kreativitas-jumlah", "1")
    h.tekan("#kreativitas form button[type=submit]")
    assert "Kreativitas ditambahkan" in h.teks
    # the tugas tambahan corrected with a reason (kept in the riwayat)
    h.el("#tugas-tambahan details.ubah-entri summary").click()
    fu = h.el("#tugas-tambahan details.ubah-entri form input[name=form]").get_attribute("value")
    h.isi(f"#{fu}-jumlah", "4").isi(f"#{fu}-alasan", "Empat kali menjadi panitia seleksi")
    h.tekan(f"#tugas-tambahan details.ubah-entri button[type=submit]")
    assert "Tugas tambahan diubah" in h.teks
    assert h.el("#tugas-tambahan tbody td:nth-child(2)").text == "4"
    # a staff member (no pimpinan): no Kepemimpinan to rate
    assert not h.drv.find_elements(By.ID, "np-KEPEMIMPINAN")
    for aspek, nilai in (("ORIENTASI_PELAYANAN", "88"), ("KOMITMEN", "120"),
                         ("INISIATIF_KERJA", "85"), ("KERJA_SAMA", "90")):
        h.isi(f"#np-{aspek}", nilai)
    h.tekan("#tombol-nilai-perilaku")
    assert h.el("#nilai-perilaku .galat-isian").text
    assert h.el("#np-KERJA_SAMA").get_attribute("value") == "90"
    h.isi("#np-KOMITMEN", "87")
    h.tekan("#tombol-nilai-perilaku")
    assert "Nilai perilaku kerja disimpan" in h.teks

    h.el("#catatan-perilaku details summary").click()
    tanggal = h.el("#catatan-tanggal")
    sebelum = date.fromisoformat(pen["periode"]["awal"]).toordinal() - 1
    h.drv.execute_script("arguments[0].value = arguments[1]", tanggal,
                         date.fromordinal(sebelum).isoformat())
    h.isi("#catatan-uraian", "Membantu rekan menyiapkan bahan rapat di luar jam kerja.")
    h.tekan("#tombol-catatan")
    assert h.el("#catatan-perilaku .ada-galat .galat-isian").text
    assert h.el("#catatan-uraian").get_attribute("value").startswith("Membantu rekan")
    h.drv.execute_script("arguments[0].value = arguments[1]", h.el("#catatan-tanggal"),
                         pen["periode"]["awal"])
    h.tekan("#tombol-catatan")
    assert "Catatan perilaku ditambahkan" in h.teks
    assert "Membantu rekan" in h.el("#catatan-perilaku").text
    h.el("#catatan-perilaku details.ubah-catatan summary").click()
    fu = h.el("#catatan-perilaku details.ubah-catatan input[name=form]").get_attribute("value")
    h.isi(f"#{fu}-uraian", "Membantu rekan menyiapkan bahan rapat pimpinan di luar jam kerja.")
    h.tekan("#catatan-perilaku details.ubah-catatan button[type=submit]")
    assert "Catatan perilaku diubah" in h.teks and "rapat pimpinan" in h.el(
        "#catatan-perilaku").text
    nilai = h.el("#nilai-pp30").text
    assert "Nilai SKP" in nilai and "—" not in nilai.split("Predikat")[1]
    periksa(h, "31-penilaian-pp30")
    periksa_hp(h, "31-penilaian-pp30")
    h.tekan("#tombol-tetapkan")
    assert "Penilaian ditetapkan" in h.teks
    p = suite.api("GET", f"/api/penilaian/penilaian/{pen['id']}", t).json()
    assert p["status"] == "DITETAPKAN" and p["pp30"]["perilaku"]["KOMITMEN"].startswith("87")
    assert p["catatan_perilaku"][0]["tanggal"] == pen["periode"]["awal"]
    [tugas] = [x for x in p["pp30"]["tambahan"] if x["jenis"] == "TUGAS_TAMBAHAN"]
    assert tugas["jumlah"] == 4
    riwayat = suite.api("GET", f"/api/penilaian/penilaian/{pen['id']}/riwayat", t).json()
    assert any(r.get("alasan") == "Empat kali menjadi panitia seleksi" for r in riwayat), riwayat
