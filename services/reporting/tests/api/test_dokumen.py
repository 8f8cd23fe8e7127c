"""Documents from the read models: rendered, reopened by a reader, verified by code; who may
print them."""
from __future__ import annotations

import hashlib
import io
import subprocess

import pypdf
import pytest


def teks_pdf(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(body)).pages)


def halaman_png(body: bytes, tmp_path, nama: str) -> list:
    path = tmp_path / f"{nama}.pdf"
    path.write_bytes(body)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(tmp_path / nama)], check=True)
    return sorted(tmp_path.glob(f"{nama}*.png"))


@pytest.fixture
def dunia_siap(dunia):
    dunia.dasar()
    dunia.skp("skp-staf", "staf", "kabid")
    dunia.skp("skp-kabid", "kabid", "kadis", matriks={"kolom": ["Analisis", "Pengembangan"],
                                                       "baris": [{"pegawai_id": "staf",
                                                                  "jabatan_tim": "KETUA",
                                                                  "peran": ["Analis", None]}]})
    dunia.penilaian("pen-staf", "skp-staf", "staf", "kabid")
    return dunia


def test_evaluasi_prints_the_penilaian_and_verifies(client, dunia_siap, tmp_path):
    d = dunia_siap
    r = client.get("/cetak/penilaian/pen-staf/evaluasi.pdf?tanggal=2025-04-10&lokasi=Sleman",
                   headers=d.h("staf"))
    assert r.status_code == 200, r.get_json()
    body = r.data
    text = teks_pdf(body)
    for expected in ("DOKUMEN EVALUASI KINERJA PEGAWAI", "TRIWULAN I", "NAMA STAF",
                     "4 aplikasi", "Bagus", "SESUAI EKSPEKTASI", "BAIK", "Sleman, 10 April 2025",
                     r.headers["X-Kode-Verifikasi"], "Berorientasi Pelayanan"):
        assert expected in text, expected
    assert hashlib.sha256(body).hexdigest() == r.headers["X-Dokumen-SHA256"]
    assert halaman_png(body, tmp_path, "evaluasi")

    kode = r.headers["X-Kode-Verifikasi"]
    v = client.get(f"/verifikasi/{kode}")
    assert v.status_code == 200 and v.get_json()["sha256"] == r.headers["X-Dokumen-SHA256"]
    ok = client.post(f"/verifikasi/{kode}", data=body, content_type="application/pdf")
    assert ok.get_json()["cocok"] is True
    tampered = body.replace(b"4 aplikasi", b"9 aplikasi") if b"4 aplikasi" in body else body + b"%"
    bad = client.post(f"/verifikasi/{kode}", data=tampered, content_type="application/pdf")
    assert bad.get_json()["cocok"] is False


def test_another_pegawai_cannot_print_a_document(client, dunia_siap):
    d = dunia_siap
    assert client.get("/cetak/penilaian/pen-staf/evaluasi.pdf", headers=d.h("baru")).status_code == 404
    assert client.get("/cetak/skp/skp-staf/rencana.pdf", headers=d.h("baru")).status_code == 404
    assert client.get("/cetak/skp/skp-staf/rencana.pdf", headers=d.h("kabid")).status_code == 200
    assert client.get("/cetak/mph/u-dinas.pdf?tahun=2025", headers=d.h("staf")).status_code == 404


def test_rencana_and_mph_render(client, dunia_siap, tmp_path):
    d = dunia_siap
    r = client.get("/cetak/skp/skp-staf/rencana.pdf", headers=d.h("staf"))
    assert r.status_code == 200
    text = teks_pdf(r.data)
    assert "SASARAN KINERJA PEGAWAI" in text and "Jumlah aplikasi" in text
    assert "MANUAL INDIKATOR" in text and "Aplikasi baru" in text
    assert halaman_png(r.data, tmp_path, "rencana")
    m = client.get("/cetak/mph/u-bid.pdf?tahun=2025", headers=d.h("admin", "admin_instansi"))
    assert m.status_code == 200, m.get_json()
    assert "Analis" in teks_pdf(m.data)


def test_sample_renders_for_review(client, dunia_siap, tmp_path, request):
    """The three documents render; they are written to KINERJA_REPORTING_SAMPLE_DIR when set
    (how docs/ gets its renders), else to a temporary folder."""
    import os

    out = os.environ.get("KINERJA_REPORTING_SAMPLE_DIR") or str(tmp_path)
    d = dunia_siap
    for name, path, who in (("evaluasi", "/cetak/penilaian/pen-staf/evaluasi.pdf", ("staf",)),
                            ("rencana", "/cetak/skp/skp-staf/rencana.pdf", ("staf",)),
                            ("mph", "/cetak/mph/u-bid.pdf?tahun=2025", ("a", "admin_instansi"))):
        r = client.get(path, headers=d.h(*who))
        assert r.status_code == 200 and r.data.startswith(b"%PDF"), (name, r.status_code)
        with open(os.path.join(out, f"{name}.pdf"), "wb") as f:
            f.write(r.data)


def test_pp30_form_prints_the_keberatan_chain_in_fields_5_to_8(client, dunia, tmp_path):
    from kinerja_shared.events.contracts.keberatan import LangkahKeberatan  # noqa: F401

    d = dunia
    d.dasar()
    d.skp("skp-staf", "staf", "kabid")
    d.penilaian("pen-pp30", "skp-staf", "staf", "kabid", model="PP_30_2019")
    r = client.get("/cetak/penilaian/pen-pp30/form.pdf", headers=d.h("staf"))
    assert r.status_code == 200, r.get_json()
    text = " ".join(teks_pdf(r.data).split())
    assert "5 KEBERATAN DARI PEGAWAI NEGERI SIPIL YANG DINILAI" in text
    assert "Nilai orientasi pelayanan" not in text  # no keberatan yet: fields print empty

    d.keberatan("kb-1", "pen-pp30", versi=1)
    text = " ".join(teks_pdf(client.get("/cetak/penilaian/pen-pp30/form.pdf",
                                        headers=d.h("staf")).data).split())
    assert "Nilai orientasi pelayanan terlalu rendah (Tanggal: 8 April 2025)" in text
    assert "Belum diputuskan (status: Diajukan)" in text

    d.keberatan("kb-1", "pen-pp30", versi=4, status="DISETUJUI",
                sanggahan_atasan="Atasan menilai keberatan beralasan",
                sanggahan_penilai="Penilai mempertahankan nilai", keputusan="DISETUJUI")
    r = client.get("/cetak/penilaian/pen-pp30/form.pdf", headers=d.h("kabid"))
    assert r.status_code == 200
    text = " ".join(teks_pdf(r.data).split())
    for expected in ("Nilai orientasi pelayanan terlalu rendah",
                     "6 KEBERATAN DARI ATASAN PEJABAT PENILAI (SANGGAHAN) Atasan menilai "
                     "keberatan beralasan",
                     "7 KEBERATAN DARI PEJABAT PENILAI (SANGGAHAN) Penilai mempertahankan nilai",
                     "8 KEPUTUSAN ATASAN PEJABAT PENILAI ATAS KEBERATAN Keberatan disetujui.",
                     "Nilai dinaikkan", "Orientasi Pelayanan 88", "Diputuskan oleh: NAMA KADIS",
                     "(Tanggal: 20 April 2025)", "84.60", "NILAI PRESTASI KERJA"):
        assert expected in text, expected
    assert halaman_png(r.data, tmp_path, "pp30")
    import os
    if os.environ.get("KINERJA_REPORTING_SAMPLE_DIR"):
        with open(os.path.join(os.environ["KINERJA_REPORTING_SAMPLE_DIR"], "pp30.pdf"), "wb") as f:
            f.write(r.data)
