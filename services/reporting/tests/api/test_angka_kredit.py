"""The konversi, akumulasi and PAK documents of an angka kredit row, from the read model fed
by angka-kredit's events: read back with pypdf, rendered with pdftoppm, verified by code; who
may print them."""
from __future__ import annotations

import hashlib

import pytest

from kinerja_shared.events.contracts import angka_kredit as akev

from .test_dokumen import halaman_png, teks_pdf

TEMPLATE = akev.TemplatePak(metode="TTE", versi=3, judul="Penetapan Angka Kredit",
                            kop=["PEMERINTAH KABUPATEN CONTOH", "BADAN KEPEGAWAIAN DAERAH"],
                            tembusan=["Kepala Badan Kepegawaian Negara", "Pegawai yang bersangkutan"],
                            catatan="Dokumen ini ditandatangani secara elektronik.")


@pytest.fixture
def dunia_ak(dunia):
    dunia.dasar()
    dunia.angka_kredit("ak-1", revisi=4, status="DITANDATANGANI", metode="TTE",
                       template=TEMPLATE, nomor_sk="800/12/PAK/BKD/2026")
    dunia.angka_kredit("ak-draft", revisi=1, status="DRAFT")
    return dunia


def _flat(body: bytes) -> str:
    return " ".join(teks_pdf(body).split())


def test_pak_prints_the_snapshot_with_the_template_and_verifies(client, dunia_ak, tmp_path):
    d = dunia_ak
    r = client.get("/cetak/angka-kredit/ak-1/pak.pdf", headers=d.h("staf"))
    assert r.status_code == 200, r.get_json()
    text = _flat(r.data)
    for expected in ("PEMERINTAH KABUPATEN CONTOH", "BADAN KEPEGAWAIAN DAERAH",
                     "PENETAPAN ANGKA KREDIT", "NOMOR : 800/12/PAK/BKD/2026",
                     "1 Juni 2025 s.d. 31 Desember 2025", "NAMA STAF, S.Kom.",
                     "199001012015011003", "1 Januari 1990", "Laki-laki",
                     "Penata Muda Tingkat I (III/b) / TMT 1 April 2020",
                     "Pranata Komputer Ahli Pertama / TMT 1 Juni 2025",
                     "Bidang Aplikasi Informatika", "AK Integrasi", "AK Konversi",
                     "10.938", "5.000", "15.938", "50.000", "100.000",
                     "34.063 (kekurangan)", "84.063 (kekurangan)", "Tidak dapat dipertimbangkan",
                     "Ditetapkan di Sleman", "pada tanggal 15 Januari 2026",
                     "Ditandatangani secara elektronik", "#ttd_penandatangan#", "NAMA KABID",
                     "Kepala Badan Kepegawaian Negara", "Pegawai yang bersangkutan",
                     r.headers["X-Kode-Verifikasi"]):
        assert expected in text, expected
    assert "10.9375" not in text  # three decimals, never the six kept
    assert hashlib.sha256(r.data).hexdigest() == r.headers["X-Dokumen-SHA256"]
    assert halaman_png(r.data, tmp_path, "pak")
    kode = r.headers["X-Kode-Verifikasi"]
    v = client.get(f"/verifikasi/{kode}").get_json()
    assert v["jenis"] == "PAK" and v["pegawai"]["nip"] == "199001012015011003"
    assert client.post(f"/verifikasi/{kode}", data=r.data,
                       content_type="application/pdf").get_json()["cocok"] is True
    forged = r.data.replace(b"10.938", b"19.938") if b"10.938" in r.data else r.data + b" "
    assert client.post(f"/verifikasi/{kode}", data=forged,
                       content_type="application/pdf").get_json()["cocok"] is False


def test_konversi_and_akumulasi(client, dunia_ak, tmp_path):
    d = dunia_ak
    r = client.get("/cetak/angka-kredit/ak-1/konversi.pdf", headers=d.h("kabid"))
    assert r.status_code == 200, r.get_json()
    text = _flat(r.data)
    for expected in ("KONVERSI PREDIKAT KINERJA KE ANGKA KREDIT", "Juni - Desember (7 bulan)",
                     "Sangat Baik", "150%", "12.5", "10.938", "(7 / 12) x 150% x 12.5 = 10.938",
                     "JUMLAH ANGKA KREDIT"):
        assert expected in text, expected
    assert halaman_png(r.data, tmp_path, "konversi")
    r = client.get("/cetak/angka-kredit/ak-1/akumulasi.pdf", headers=d.h("a", "admin_instansi"))
    assert r.status_code == 200, r.get_json()
    text = _flat(r.data)
    for expected in ("AKUMULASI ANGKA KREDIT", "AK Integrasi", "5.000", "10.938",
                     "JUMLAH ANGKA KREDIT KUMULATIF", "15.938", "Ahli Muda"):
        assert expected in text, expected
    assert halaman_png(r.data, tmp_path, "akumulasi")


def test_who_may_print_and_what_is_not_printable(client, dunia_ak):
    d = dunia_ak
    for doc in ("pak", "konversi", "akumulasi"):
        assert client.get(f"/cetak/angka-kredit/ak-1/{doc}.pdf",
                          headers=d.h("baru")).status_code == 404  # another pegawai
        assert client.get(f"/cetak/angka-kredit/nope/{doc}.pdf",
                          headers=d.h("a", "admin_instansi")).status_code == 404
    other = d.minter.headers("a", nama="Admin lain", roles=["admin_instansi"],
                             instansi_id="i-lain")
    assert client.get("/cetak/angka-kredit/ak-1/pak.pdf", headers=other).status_code == 404
    r = client.get("/cetak/angka-kredit/ak-draft/pak.pdf", headers=d.h("staf"))
    assert r.status_code == 409 and r.get_json()["type"].endswith("pak-belum-disetujui")
    assert client.get("/cetak/angka-kredit/ak-draft/konversi.pdf",
                      headers=d.h("staf")).status_code == 200
    d.angka_kredit("ak-int", sumber="INTEGRASI", status="DISETUJUI")
    r = client.get("/cetak/angka-kredit/ak-int/konversi.pdf", headers=d.h("staf"))
    assert r.status_code == 409 and r.get_json()["type"].endswith("bukan-konversi")
    d.angka_kredit("ak-draft", revisi=2, status="DIBATALKAN", aktif=False)
    r = client.get("/cetak/angka-kredit/ak-draft/akumulasi.pdf", headers=d.h("staf"))
    assert r.status_code == 409


def test_sample_renders_for_review(client, dunia_ak, tmp_path):
    """Written to KINERJA_REPORTING_SAMPLE_DIR when set (to look at them), else a temporary
    folder."""
    import os

    out = os.environ.get("KINERJA_REPORTING_SAMPLE_DIR") or str(tmp_path)
    for doc in ("pak", "konversi", "akumulasi"):
        r = client.get(f"/cetak/angka-kredit/ak-1/{doc}.pdf", headers=dunia_ak.h("staf"))
        assert r.status_code == 200 and r.data.startswith(b"%PDF")
        with open(os.path.join(out, f"{doc}.pdf"), "wb") as f:
            f.write(r.data)


def test_wet_signature_and_an_approved_unsigned_pak(client, dunia_ak):
    d = dunia_ak
    basah = akev.TemplatePak(metode="TTD_BASAH", versi=1, kop=["PEMERINTAH KABUPATEN CONTOH"])
    d.angka_kredit("ak-basah", revisi=3, status="DITANDATANGANI", metode="TTD_BASAH",
                   template=basah, nomor_sk="800/13/PAK/BKD/2026")
    text = _flat(client.get("/cetak/angka-kredit/ak-basah/pak.pdf", headers=d.h("staf")).data)
    assert "NOMOR : 800/13/PAK/BKD/2026" in text and "NAMA KABID" in text
    assert "Ditandatangani secara elektronik" not in text and "#ttd_penandatangan#" not in text
    assert "Pejabat Fungsional yang bersangkutan" in text  # the default tembusan

    d.angka_kredit("ak-setuju", revisi=2, status="DISETUJUI", nomor_sk="800/14/PAK/BKD/2026")
    r = client.get("/cetak/angka-kredit/ak-setuju/pak.pdf?tanggal=2026-01-20&lokasi=Sleman",
                   headers=d.h("kabid"))
    assert r.status_code == 200, r.get_json()
    text = _flat(r.data)
    assert "Status: Disetujui (belum ditandatangani)." in text
    assert "Ditetapkan di Sleman" in text and "BADAN KEPEGAWAIAN DAERAH" not in text  # no kop
