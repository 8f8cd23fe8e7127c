"""Excel reports as jobs: 202 with Location, progress, the file reopened with openpyxl and
checked against the events fed; bulk print zip; who may see them."""
from __future__ import annotations

import csv
import hashlib
import io
import time
import zipfile

import openpyxl
import pytest


def tunggu(client, url, headers, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        r = client.get(url, headers=headers)
        assert r.status_code == 200, r.get_json()
        if r.get_json()["status"] in ("SELESAI", "GAGAL"):
            return r.get_json()
        assert time.monotonic() < deadline, r.get_json()
        time.sleep(0.1)


def unduh(client, job, headers) -> bytes:
    url = job["berkas_url"]
    r = client.get(url[url.index("/unduh/"):])
    assert r.status_code == 200
    return r.data


@pytest.fixture
def siap(dunia):
    dunia.dasar()
    dunia.skp("skp-staf", "staf", "kabid")
    dunia.skp("skp-kabid", "kabid", "kadis", matriks={"kolom": ["A"], "baris": [
        {"pegawai_id": "staf", "jabatan_tim": "KETUA", "peran": ["x"]},
        {"pegawai_id": "baru", "jabatan_tim": "ANGGOTA", "peran": ["y"]}]})
    dunia.penilaian("pen-staf", "skp-staf", "staf", "kabid")
    return dunia


def _laporan(client, d, **body):
    admin = d.h("admin", "admin_instansi")
    r = client.post("/laporan", json={"tahun": 2025, **body}, headers=admin)
    assert r.status_code == 202, r.get_json()
    assert r.headers["Location"].endswith(f"/laporan/{r.get_json()['id']}")
    job = tunggu(client, r.headers["Location"], admin)
    assert job["status"] == "SELESAI", job
    wb = openpyxl.load_workbook(io.BytesIO(unduh(client, job, admin)), read_only=True)
    return job, [list(row) for row in wb.worksheets[0].iter_rows(values_only=True)], wb


def test_penilaian_skp_report_lists_each_penilaian(client, siap):
    job, rows, _ = _laporan(client, siap, jenis="PENILAIAN_SKP", unor_induk_id="u-dinas")
    assert rows[0][0] == "LAPORAN PENILAIAN SKP"
    assert ["Instansi", "Pemerintah Kabupaten Contoh"] == rows[1][:2]
    header = rows.index(next(r for r in rows if r[0] == "No"))
    data = rows[header + 1:]
    by_nama = {r[2]: r for r in data}
    assert set(by_nama) == {"NAMA STAF", "NAMA KABID"} and job["baris"] == 2
    staf = by_nama["NAMA STAF"]
    assert staf[10:14] == ["Ditetapkan", "Sesuai Ekspektasi", "Sesuai Ekspektasi", "Baik"]
    assert by_nama["NAMA KABID"][10] == "Pengisian"  # approved, nothing filled in yet


def test_kepatuhan_excludes_the_retired_and_names_what_is_missing(client, siap):
    _, rows, wb = _laporan(client, siap, jenis="KEPATUHAN")
    header = rows.index(next(r for r in rows if r[0] == "No"))
    status = {r[3]: r[9] for r in rows[header + 1:]}
    assert "NAMA PENSIUN" not in status
    assert status["NAMA BARU"] == "Tanpa Skp" and status["NAMA STAF"] == "Patuh"
    assert status["NAMA KABID"] == "Tanpa Realisasi"
    rekap = list(wb.worksheets[1].iter_rows(values_only=True))
    assert rekap[0][0] == "Unit Kerja" and len(rekap) >= 2


def test_rencana_and_jumlah_tim(client, siap):
    _, rows, _ = _laporan(client, siap, jenis="RENCANA_SKP_TAHUNAN", status="BELUM_ADA")
    header = rows.index(next(r for r in rows if r[0] == "No"))
    assert {r[5] for r in rows[header + 1:]} == {"NAMA BARU", "NAMA KADIS", "NAMA PENSIUN"}
    _, rows, _ = _laporan(client, siap, jenis="JUMLAH_TIM")
    header = rows.index(next(r for r in rows if r[0] == "No"))
    tim = {r[3]: r[6:10] for r in rows[header + 1:]}
    assert tim["NAMA KABID"] == [1, 1, 0, 0] and tim["NAMA STAF"] == [0, 0, 1, 0]
    assert tim["NAMA BARU"] == [0, 0, 0, 1]


def test_a_pegawai_cannot_see_or_download_anothers_report(client, siap):
    admin = siap.h("admin", "admin_instansi")
    r = client.post("/laporan", json={"tahun": 2025, "jenis": "KEPATUHAN"}, headers=admin)
    job_id = r.get_json()["id"]
    tunggu(client, f"/laporan/{job_id}", admin)
    assert client.get(f"/laporan/{job_id}", headers=siap.h("staf")).status_code == 404
    assert client.get(f"/laporan/{job_id}/berkas", headers=siap.h("staf")).status_code == 404
    r = client.get(f"/laporan/{job_id}/berkas", headers=admin)
    assert r.status_code == 303 and "/unduh/" in r.headers["Location"]
    token = r.headers["Location"].split("/unduh/")[1]
    assert client.get(f"/unduh/{token[:-2]}xx").status_code == 404  # a forged link


def test_a_plain_pegawai_may_not_start_a_report(client, siap):
    r = client.post("/laporan", json={"tahun": 2025, "jenis": "KEPATUHAN"}, headers=siap.h("staf"))
    assert r.status_code == 403
    r = client.post("/laporan", json={"tahun": 2025, "jenis": "KEPATUHAN", "unor_id": "u-bid"},
                    headers=siap.h("kabid"))
    assert r.status_code == 202  # a pimpinan for his own unit


@pytest.mark.parametrize("body,field", [
    ({"jenis": "NOPE", "tahun": 2025}, "jenis"), ({"jenis": "KEPATUHAN", "tahun": 1}, "tahun"),
    ({"jenis": "KEPATUHAN", "tahun": 2025, "unor_id": "u-lain"}, "unor_id"),
    ({"jenis": "KEPATUHAN", "tahun": 2025, "status": "X"}, "status"),
    ({"jenis": "JUMLAH_TIM", "tahun": 2025, "periode_id": "p-tw1"}, "periode_id")])
def test_bad_requests_name_the_field(client, siap, body, field):
    r = client.post("/laporan", json=body, headers=siap.h("admin", "admin_instansi"))
    assert r.status_code == 422, r.get_json()
    assert field in str(r.get_json()["errors"])


def test_bulk_print_zips_every_evaluation_once(client, siap, runtime):
    siap.penilaian("pen-kabid", "skp-kabid", "kabid", "kadis")
    admin = siap.h("admin", "admin_instansi")
    r = client.post("/cetak/massal", json={"jenis": "EVALUASI", "unor_induk_id": "u-dinas",
                                           "tahun": 2025, "periode_id": "p-tw1"}, headers=admin)
    assert r.status_code == 202, r.get_json()
    job = tunggu(client, r.headers["Location"], admin)
    assert job["status"] == "SELESAI" and job["total"] == 2 and job["selesai"] == 2, job
    z = zipfile.ZipFile(io.BytesIO(unduh(client, job, admin)))
    pdfs = [n for n in z.namelist() if n.endswith(".pdf")]
    assert len(pdfs) == 2 and len(set(pdfs)) == 2
    daftar = list(csv.reader(io.StringIO(z.read("daftar.csv").decode())))[1:]
    assert sorted(row[1] for row in daftar) == sorted(pdfs)
    for _, nama, _, _, kode, sha in daftar:
        v = client.get(f"/verifikasi/{kode}").get_json()
        assert v["sha256"] == sha == hashlib.sha256(z.read(nama)).hexdigest()
