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


def test_the_requests_are_listed_for_who_may_see_them(client, siap):
    admin, kabid = siap.h("admin", "admin_instansi"), siap.h("kabid")
    r = client.post("/laporan", json={"tahun": 2025, "jenis": "KEPATUHAN", "unor_id": "u-bid"},
                    headers=kabid)
    mine = r.get_json()["id"]
    tunggu(client, f"/laporan/{mine}", kabid)
    r = client.post("/laporan", json={"tahun": 2025, "jenis": "JUMLAH_TIM"}, headers=admin)
    theirs = r.get_json()["id"]
    tunggu(client, f"/laporan/{theirs}", admin)

    r = client.get("/laporan", headers=kabid)
    assert r.status_code == 200 and "X-Pagination" in r.headers
    assert [j["id"] for j in r.get_json()] == [mine]  # his own only
    [job] = r.get_json()
    assert job["status"] == "SELESAI" and job["jenis"] == "KEPATUHAN" and job["berkas_url"]
    assert job["filter"]["unor_id"] == "u-bid"
    got = client.get("/laporan", headers=admin).get_json()
    ids = [j["id"] for j in got]
    assert {mine, theirs} <= set(ids) and ids.index(theirs) < ids.index(mine)  # newest first
    only = client.get("/laporan", query_string={"jenis": "JUMLAH_TIM"}, headers=admin).get_json()
    assert theirs in {j["id"] for j in only} and mine not in {j["id"] for j in only}
    assert client.get("/laporan", headers=siap.h("staf")).get_json() == []
    lain = client.get("/laporan", headers=siap.minter.headers(
        "x", roles=["admin_instansi"], instansi_id="instansi-lain"))
    assert lain.get_json() == []
    bad = client.get("/laporan", query_string={"status": "X"}, headers=admin)
    assert bad.status_code == 422 and "status" in str(bad.get_json())


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


def _data(rows):
    header = rows.index(next(r for r in rows if r[0] == "No"))
    return rows[header], rows[header + 1:]


def test_angka_kredit_report_with_the_manuals_columns_and_filters(client, dunia):
    from decimal import Decimal

    dunia.dasar()
    dunia.angka_kredit("ak-1", revisi=3, status="DITANDATANGANI", metode="TTE",
                       nomor_sk="800/1/PAK/2026")
    dunia.angka_kredit("ak-int", "baru", sumber="INTEGRASI", status="DISETUJUI")
    dunia.angka_kredit("ak-lama", revisi=2, status="DITANDATANGANI", aktif=False)  # superseded
    dunia.angka_kredit("ak-2024", tahun=2024)
    job, rows, _ = _laporan(client, dunia, jenis="ANGKA_KREDIT")
    header, data = _data(rows)
    assert header[:8] == ["No", "ID Pegawai", "NIP", "Nama", "Unit Kerja", "Periode Awal",
                          "Periode Akhir", "Status"]
    assert header[8:] == ["Pangkat", "Golongan", "TMT Golongan", "Jabatan", "TMT Jabatan",
                          "Nomor SK", "Tanggal SK", "Predikat Kinerja", "Angka Kredit Diperoleh",
                          "Angka Kredit Kumulatif", "Status TTD", "Sumber"]
    by_id = {r[1]: r for r in data}
    assert set(by_id) == {"staf", "baru"} and job["baris"] == 2
    staf = by_id["staf"]
    assert staf[3:5] == ["NAMA STAF, S.Kom.", "Bidang Aplikasi Informatika"]
    assert staf[5].date().isoformat() == "2025-06-01" and staf[7] == "Ditandatangani"
    assert staf[8:10] == ["Penata Muda Tingkat I", "III/b"]
    assert staf[13:16] == ["800/1/PAK/2026", staf[14], "Sangat Baik"]
    assert Decimal(str(staf[16])) == Decimal("10.938") and Decimal(str(staf[17])) == Decimal("15.938")
    assert staf[18:] == ["TTE", "Konversi"]
    assert by_id["baru"][18:] == ["Belum", "Integrasi"] and by_id["baru"][15] is None

    _, rows, _ = _laporan(client, dunia, jenis="ANGKA_KREDIT", sumber="INTEGRASI")
    assert [r[1] for r in _data(rows)[1]] == ["baru"]
    assert ["Sumber", "Integrasi"] in [r[:2] for r in rows[:12]]
    _, rows, _ = _laporan(client, dunia, jenis="ANGKA_KREDIT", metode_tanda_tangan="TTE")
    assert [r[1] for r in _data(rows)[1]] == ["staf"]
    admin = dunia.h("admin", "admin_instansi")
    r = client.post("/laporan", json={"tahun": 2025, "jenis": "PENILAIAN_SKP",
                                      "sumber": "KONVERSI"}, headers=admin)
    assert r.status_code == 422 and "sumber" in r.get_json()["errors"]


def test_kinerja_guru_and_log_pmm(client, dunia):
    from datetime import datetime, timezone

    from kinerja_shared.events.contracts import integration as inev

    dunia.dasar()
    dunia.pmm_nilai("198001012005011001", nama="GURU SATU")
    dunia.pmm_nilai("198001012005011001", periode="2025-S2", predikat="SANGAT_BAIK",
                    nama="GURU SATU")
    dunia.pmm_nilai("198202022006022002", nama="GURU DUA", sekolah="SMP Negeri 4 Loura")
    _, rows, _ = _laporan(client, dunia, jenis="KINERJA_GURU", semester="S1")
    header, data = _data(rows)
    assert header[1:7] == ["NIP", "Nama", "Satuan Pendidikan", "NPSN", "Daerah", "Unit Kerja"]
    assert [(r[2], r[3], r[7], r[13]) for r in data] == [
        ("GURU DUA", "SMP Negeri 4 Loura", "2025-S1", "Baik"),
        ("GURU SATU", "SD Negeri 1 Contoh", "2025-S1", "Baik")]
    assert data[0][10:13] == ["Guru", "Sesuai Ekspektasi", "Sesuai Ekspektasi"]
    _, rows, _ = _laporan(client, dunia, jenis="KINERJA_GURU", status="SANGAT_BAIK")
    assert [(r[2], r[7]) for r in _data(rows)[1]] == [("GURU SATU", "2025-S2")]

    dunia.pmm_log("log-1", "198001012005011001")
    dunia.pmm_log("log-2", "198202022006022002", status="GAGAL",
                  keterangan="Data Unit Kerja Pegawai tidak terdaftar di Referensi Unit Kerja",
                  catatan="Nama Sekolah atau Nama Unor tidak sama dengan data PMM, data PMM "
                          "'SMP NEGERI 4 LOURA'",
                  waktu=datetime(2025, 7, 2, 1, 30, tzinfo=timezone.utc))
    dunia.kirim(inev.SinkronSelesai(
        sinkron_id="snk-1", instansi_id=dunia.instansi_id, jenis="PMM", status="SELESAI",
        tambah=1, gagal=1, sistem="PMM", waktu_mulai=datetime(2025, 7, 2, 1, 0, tzinfo=timezone.utc),
        waktu_selesai=datetime(2025, 7, 2, 1, 31, tzinfo=timezone.utc)), "snk-1",
        at=datetime(2025, 7, 2, 1, 31, tzinfo=timezone.utc))
    _, rows, wb = _laporan(client, dunia, jenis="LOG_PMM")
    header, data = _data(rows)
    assert header == ["No", "NIP", "Nama", "Tipe SKP", "Periode", "Status", "Keterangan",
                      "Catatan", "Kode", "Waktu Sinkron"]
    assert [r[5] for r in data] == ["Berhasil", "Gagal"]
    gagal = data[1]
    assert gagal[6].startswith("Data Unit Kerja Pegawai") and "SMP NEGERI 4 LOURA" in gagal[7]
    assert gagal[8] == "UNOR_TIDAK_ADA"
    assert gagal[9].strftime("%d/%m/%Y %H:%M") == "02/07/2025 08:30"  # WIB
    ringkasan = list(wb.worksheets[1].iter_rows(values_only=True))
    assert ringkasan[0][:3] == ("ID Sinkron", "Jenis", "Status")
    assert ringkasan[1][:3] == ("snk-1", "PMM", "SELESAI") and ringkasan[1][5:9] == (1, 0, 0, 1)
    _, rows, _ = _laporan(client, dunia, jenis="LOG_PMM", status="GAGAL")
    assert [r[1] for r in _data(rows)[1]] == ["198202022006022002"]


def test_keberatan_report(client, dunia):
    dunia.dasar()
    dunia.keberatan("kb-1", "pen-1", versi=4, status="DISETUJUI", sanggahan_atasan="A",
                    sanggahan_penilai="B", keputusan="DISETUJUI")
    dunia.keberatan("kb-2", "pen-2", "baru", status="DIAJUKAN")
    _, rows, _ = _laporan(client, dunia, jenis="KEBERATAN", periode_id="p-tw1")
    header, data = _data(rows)
    assert header[2] == "Pegawai yang Mengajukan" and len(data) == 2
    kb1 = next(r for r in data if r[2] == "NAMA STAF")
    assert kb1[4:8] == ["NAMA KABID", "NAMA KADIS", "Triwulan I", "Disetujui"]
    assert kb1[10] == "Disetujui" and "Orientasi Pelayanan: 88" in kb1[13]
    assert "Predikat: Baik" in kb1[11] and "Orientasi Pelayanan: 90" in kb1[12]
    _, rows, _ = _laporan(client, dunia, jenis="KEBERATAN", status="DIAJUKAN")
    assert [r[2] for r in _data(rows)[1]] == ["NAMA BARU"]


def test_a_broker_that_cannot_take_the_job_answers_503_not_500(client, siap, runtime,
                                                               monkeypatch):
    def down(job_id):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(runtime.components.runner, "_enqueue", down)
    admin = siap.h("admin", "admin_instansi")
    for url, body in (("/laporan", {"tahun": 2025, "jenis": "KEPATUHAN"}),
                      ("/cetak/massal", {"jenis": "RENCANA_SKP", "unor_induk_id": "u-dinas",
                                         "tahun": 2025})):
        r = client.post(url, json=body, headers=admin)
        assert r.status_code == 503 and r.headers["Retry-After"] == "30", r.get_json()
        assert r.headers["Content-Type"].startswith("application/problem+json")
