"""A pimpinan draws the Matriks Peran Hasil of one of his RHK in a real browser: columns of
results, a role per bawahan; his bawahan then find their peran to copy into their own SKP."""
from __future__ import annotations


def test_pimpinan_membagi_peran_kepada_bawahan(h, periksa, suite, demo, tunggu):
    kepala, staf = demo.kepala_bidang, demo.staf
    tk = suite.token(kepala["nip"])
    ada = suite.api("GET", "/api/skp/skp", tk, params={"pegawai_id": kepala["id"]}).json()
    sid = ada[0]["id"] if ada else suite.api("POST", "/api/skp/skp", tk, json={
        "periode_awal": f"{demo.tahun}-01-01", "periode_akhir": f"{demo.tahun}-12-31"}).json()["id"]
    skp = suite.api("GET", f"/api/skp/skp/{sid}", tk).json()
    if not skp["rhk"]:
        suite.api("POST", f"/api/skp/skp/{sid}/rhk", tk,
                  json={"jenis": "UTAMA", "uraian": "Terwujudnya mutasi yang tepat waktu"})
        skp = suite.api("GET", f"/api/skp/skp/{sid}", tk).json()
    rid = skp["rhk"][0]["id"]

    h.masuk(kepala["nip"], demo.password)
    h.buka(f"/skp/{sid}")
    h.tekan_tautan("Matriks Peran Hasil")
    h.isi("#kolom-0", "Usulan mutasi terverifikasi")
    h.isi("#kolom-1", "SK mutasi terbit")
    h.el(f"#ikut-{staf['id']}").click()
    h.pilih(f"#tim-{staf['id']}", "KETUA")
    h.isi(f"#peran-{staf['id']}-0", "Memverifikasi berkas usulan mutasi")
    h.isi(f"#peran-{staf['id']}-1", "Menyiapkan konsep SK mutasi")
    h.tekan("#tombol-simpan-mph")
    assert "Matriks Peran Hasil disimpan" in h.teks
    assert h.el(f"#peran-{staf['id']}-1").get_attribute("value") == "Menyiapkan konsep SK mutasi"
    periksa(h, "15-matriks-peran-hasil")
    mph = suite.api("GET", f"/api/skp/skp/{sid}/rhk/{rid}/matriks-peran", tk).json()
    assert mph["kolom"] == ["Usulan mutasi terverifikasi", "SK mutasi terbit"]
    [baris] = [b for b in mph["baris"] if b["pegawai_id"] == staf["id"]]
    assert baris["jabatan_tim"] == "KETUA" and baris["peran"][0].startswith("Memverifikasi")
