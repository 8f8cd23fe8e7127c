"""reporting benchmark: the PENILAIAN_SKP Excel report and Dokumen Evaluasi Kinerja PDFs, each
next to a raw baseline measured in the same run.

    python bench/reporting_bench.py [--pegawai 65000] [--dokumen 200] [--massal 1000]

Creates (and drops) its own PostgreSQL database on the server the test suite uses, migrated by
the real reporting runtime, and fills the read models directly (``--pegawai`` pegawai, one
approved SKP and one DITETAPKAN penilaian each, 40 units under one unit induk).

1. Excel: the report job's own code (``laporan_job.jalankan``: count, stream the rows from
   PostgreSQL, format, write with xlsxwriter ``constant_memory``, hash, store) next to raw
   xlsxwriter ``constant_memory`` writing the same rows already in memory. Time of each, and
   peak Python memory (tracemalloc, separate runs) at the full size and at a quarter of it:
   flat means the two peaks are about equal.
2. PDF per worker: ``--dokumen`` Dokumen Evaluasi Kinerja through the bulk print's path
   (read models -> data -> reportlab story -> QR code -> SHA-256 -> ``dokumen`` row), next to
   raw reportlab drawing the same page (the same story built from data already in memory; no
   database, no QR, no hash, no record).
3. Bulk print of ``--massal`` documents with 1 and with 2 worker processes taking the parts
   (``cetak_massal.bagian``, what two reporting worker replicas run).
"""
from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import time
import tracemalloc
from datetime import date, datetime, timezone

import xlsxwriter

from kinerja_shared.jobs import JobContext
from kinerja_shared.testing import servers
from kinerja_shared.testing.service import make_test_runtime

I = "i-rbench"
RATING = ["DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"]
PREDIKAT = ["SANGAT_BAIK", "BAIK", "BAIK", "BUTUH_PERBAIKAN"]


def seed(runtime, n: int) -> None:
    from reporting.adapters.tables import (
        instansi_ref, pegawai_ref, penilaian_rm, periode_ref, skp_rm, unor_ref)

    t = datetime(2025, 4, 10, tzinfo=timezone.utc)
    units = [{"id": "induk", "instansi_id": I, "nama": "Badan Kepegawaian Daerah", "mandiri": False,
              "dihapus": False, "revisi": 1, "kota": "Bandung", "unor_induk_id": None}]
    units += [{"id": f"u{k}", "instansi_id": I, "nama": f"Bidang {k}", "mandiri": False,
               "dihapus": False, "revisi": 1, "kota": "Bandung", "unor_induk_id": "induk"}
              for k in range(40)]
    with runtime.engine.begin() as conn:
        conn.execute(instansi_ref.insert().values(id=I, nama="Pemerintah Provinsi Uji",
                                                  pengaturan={}, revisi=1))
        conn.execute(unor_ref.insert(), [{**u, "unor_atasan_id": None if u["id"] == "induk"
                                          else "induk"} for u in units])
        conn.execute(periode_ref.insert().values(
            id="tw1", instansi_id=I, tahun=2025, nama="Triwulan I", awal=date(2025, 1, 1),
            akhir=date(2025, 3, 31), batas_pengisian=date(2025, 4, 5), final=False, dihapus=False,
            revisi=1))
        conn.execute(pegawai_ref.insert().values(
            id="kepala", instansi_id=I, nip="197001011990031001", nama="KEPALA BADAN",
            unor_id="induk", jenis_jabatan="PIMPINAN", golongan="IV/c", pangkat="Pembina Utama Muda",
            aktif=True, dihapus=False, revisi=1))
        for start in range(0, n, 5000):
            ids = range(start, min(n, start + 5000))
            conn.execute(pegawai_ref.insert(), [dict(
                id=f"p{k}", instansi_id=I, nip=f"19900101{k:010d}", nama=f"PEGAWAI NOMOR {k:06d}",
                unor_id=f"u{k % 40}", jenis_jabatan="PEGAWAI", jabatan="Analis Kebijakan Ahli Muda",
                golongan="III/c", pangkat="Penata", status_kepegawaian="AKTIF", aktif=True,
                dihapus=False, revisi=1, gelar_belakang="S.E.") for k in ids])
            conn.execute(skp_rm.insert(), [dict(
                id=f"s{k}", instansi_id=I, pegawai_id=f"p{k}", unor_id=f"u{k % 40}", jenis="JF_JA",
                pendekatan="KUANTITATIF", model="PERMENPAN_6_2022", periode_awal=date(2025, 1, 1),
                periode_akhir=date(2025, 12, 31), tahun=2025, status="DISETUJUI", status_at=t,
                pejabat_penilai_id="kepala", revisi=1, snapshot=_skp(k)) for k in ids])
            conn.execute(penilaian_rm.insert(), [dict(
                id=f"n{k}", instansi_id=I, skp_id=f"s{k}", pegawai_id=f"p{k}", unor_id=f"u{k % 40}",
                unor_induk_id="induk", periode_id="tw1", tahun=2025, model="PERMENPAN_6_2022",
                jenis_skp="JF_JA", status="DITETAPKAN", rating_hasil_kerja=RATING[k % 4],
                rating_perilaku="SESUAI_EKSPEKTASI", predikat=PREDIKAT[k % 4], jumlah_realisasi=3,
                pejabat_penilai_id="kepala", ditetapkan_at=t, revisi=1, versi=1,
                snapshot=_penilaian(k)) for k in ids])
        conn.exec_driver_sql("ANALYZE")


def _skp(k: int) -> dict:
    from reporting.domain.teks import PERILAKU

    return {"skp_id": f"s{k}", "jenis": "JF_JA", "pendekatan": "KUANTITATIF",
            "model": "PERMENPAN_6_2022", "periode_awal": "2025-01-01", "periode_akhir": "2025-12-31",
            "pegawai": {"id": f"p{k}", "nama": f"PEGAWAI NOMOR {k:06d}"},
            "pejabat_penilai": {"id": "kepala", "nama": "KEPALA BADAN"},
            "rhk": [{"id": f"s{k}-r{j}", "jenis": "UTAMA" if j < 3 else "TAMBAHAN",
                     "uraian": f"Tersusunnya rekomendasi kebijakan kepegawaian bagian {j}",
                     "indikator": [{"id": f"s{k}-r{j}-i{m}", "uraian": f"Jumlah dokumen {m}",
                                    "aspek": "KUANTITAS", "target": "4", "satuan": "dokumen"}
                                   for m in range(2)]} for j in range(4)],
            "perilaku": [{"aspek": a, "indikator": list(PERILAKU[a][1]),
                          "ekspektasi_khusus": "Menyelesaikan tepat waktu"} for a in PERILAKU]}


def _penilaian(k: int) -> dict:
    from reporting.domain.teks import PERILAKU

    return {"pegawai": {"id": f"p{k}", "nama": f"PEGAWAI NOMOR {k:06d}"},
            "pejabat_penilai": {"id": "kepala", "nama": "KEPALA BADAN"},
            "periode": {"id": "tw1", "nama": "Triwulan I", "tahun": 2025, "awal": "2025-01-01",
                        "akhir": "2025-03-31", "final": False},
            "realisasi": [{"indikator_id": f"s{k}-r{j}-i{m}", "realisasi": f"{3 + m} dokumen",
                           "umpan_balik": "Sudah baik, pertahankan",
                           "bukti_dukung": [{"url": f"https://arsip.example/{k}/{j}/{m}"}]}
                          for j in range(4) for m in range(2)],
            "perilaku": [{"aspek": a, "penilai": "ATASAN", "penilai_nama": "KEPALA BADAN",
                          "umpan_balik": "Konsisten dan dapat diandalkan"} for a in PERILAKU]}


def excel_ours(runtime, n_scope: int | None = None) -> tuple[float, int]:
    from reporting.service_layer import laporan_job

    ctx = JobContext(f"bench-{time.monotonic_ns()}", {}, jenis="laporan.excel", instansi_id=I)
    t0 = time.perf_counter()
    hasil = laporan_job.jalankan(runtime, runtime.components, ctx, jenis="PENILAIAN_SKP",
                                 tahun=2025, periode_id="tw1",
                                 unor_id=None if n_scope is None else None)
    return time.perf_counter() - t0, hasil["baris"]


def raw_rows(runtime) -> list[tuple]:
    from reporting.service_layer import cakupan
    from reporting.service_layer.laporan_isi import PENILAIAN_SKP, Permintaan

    with runtime.uow() as uow:
        lingkup = cakupan.muat(uow.session, I)
    with runtime.engine.connect() as conn:
        return [(i, *r) for i, r in enumerate(PENILAIAN_SKP.baris(
            conn, Permintaan(2025, lingkup, periode_id="tw1")), 1)]


def excel_raw(rows: list[tuple], path: str) -> float:
    t0 = time.perf_counter()
    wb = xlsxwriter.Workbook(path, {"constant_memory": True, "remove_timezone": True})
    ws = wb.add_worksheet("Laporan")
    for r, row in enumerate(rows, 1):
        ws.write_row(r, 0, row)
    wb.close()
    return time.perf_counter() - t0


def peak(fn) -> int:
    tracemalloc.start()
    fn()
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top


def pdf_rates(runtime, n: int) -> tuple[float, float]:
    from reporting.adapters.pdf import dokumen as pdf
    from reporting.adapters.pdf.dasar import render
    from reporting.service_layer import cetak, dokumen_data, sumber

    opsi = cetak.Opsi()
    t0 = time.perf_counter()
    with runtime.uow() as uow:
        for k in range(n):
            cetak.terbitkan_evaluasi(uow.session, runtime.components.settings,
                                     sumber.penilaian(uow.session, f"n{k}"), opsi, oleh="bench")
            if k % 10 == 9:
                uow.commit()
        uow.commit()
    ours = n / (time.perf_counter() - t0)
    with runtime.uow() as uow:
        data = [dokumen_data.evaluasi(uow.session, sumber.penilaian(uow.session, f"n{k}"),
                                      tanggal=date(2025, 4, 10), lokasi=None,
                                      jangkar=opsi.jangkar()) for k in range(n)]

    class Polos:  # raw: no QR, no footer
        def __call__(self, canvas, doc):
            pass

    import reporting.adapters.pdf.dokumen as mod
    t0 = time.perf_counter()
    for d in data:
        original = mod.render
        mod.render = lambda story, **kw: render(story, **{**kw, "verifikasi": Polos()})
        try:
            pdf.evaluasi(d, Polos())
        finally:
            mod.render = original
    raw = n / (time.perf_counter() - t0)
    return ours, raw


def _bagian_worker(db: str, storage: str, massal_id: str, parts: list[int]) -> None:
    from reporting.service_layer import cetak_massal

    rt = make_test_runtime("reporting", db, migrate=False,
                           extra={"KINERJA_REPORTING_STORAGE_DIR": storage})
    for b in parts:
        ctx = JobContext(f"{massal_id}-{b}", {}, jenis="cetak.bagian", instansi_id=I)
        cetak_massal.bagian(rt, rt.components, ctx, massal_id=massal_id, bagian=b)
    rt.dispose()


def massal(runtime, db: str, storage: str, n: int, workers: int) -> float:
    from reporting.adapters.tables import cetak_item, massal as massal_t

    mid = f"m{workers}-{time.monotonic_ns()}"
    per = 50
    with runtime.engine.begin() as conn:
        conn.execute(massal_t.insert().values(id=mid, instansi_id=I, jenis="EVALUASI",
                                              params={"tahun": 2025}, total=n, status="BERJALAN",
                                              dibuat_at=datetime.now(timezone.utc)))
        conn.execute(cetak_item.insert(), [dict(massal_id=mid, urutan=k, sumber_id=f"n{k}",
                                                bagian=k // per, nama=f"{k:05d}.pdf",
                                                selesai=False) for k in range(n)])
    parts = sorted({k // per for k in range(n)})
    t0 = time.perf_counter()
    procs = [multiprocessing.get_context("spawn").Process(
        target=_bagian_worker, args=(db, storage, mid, parts[w::workers])) for w in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return n / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pegawai", type=int, default=65000)
    ap.add_argument("--dokumen", type=int, default=200)
    ap.add_argument("--massal", type=int, default=1000)
    a = ap.parse_args()
    print(f"load before: {os.getloadavg()}")
    url = servers.create_database(servers.postgres_server_url(), "kinerja_rbench")
    storage = f"/tmp/reporting-bench-{os.getpid()}"
    try:
        rt = make_test_runtime("reporting", url, extra={"KINERJA_REPORTING_STORAGE_DIR": storage})
        t0 = time.perf_counter()
        seed(rt, a.pegawai)
        print(f"seeded {a.pegawai} pegawai in {time.perf_counter() - t0:.1f}s")
        rows = raw_rows(rt)
        ours, baris = excel_ours(rt)
        raw = excel_raw(rows, f"{storage}/raw.xlsx")
        print(f"EXCEL PENILAIAN_SKP {baris} rows: ours {ours:.2f}s, raw xlsxwriter {raw:.2f}s, "
              f"ratio {ours / raw:.2f}x")
        quarter = rows[: len(rows) // 4]
        del rows
        mem_raw_full = peak(lambda: excel_raw(raw_rows(rt), f"{storage}/raw2.xlsx"))
        mem_raw_q = peak(lambda: excel_raw(quarter, f"{storage}/raw3.xlsx"))
        mem_ours = peak(lambda: excel_ours(rt))
        print(f"EXCEL peak python memory: ours {mem_ours / 1e6:.1f} MB at {baris} rows; raw "
              f"xlsxwriter {mem_raw_full / 1e6:.1f} MB with the rows in memory "
              f"({mem_raw_q / 1e6:.1f} MB at a quarter)")
        ours_pdf, raw_pdf = pdf_rates(rt, a.dokumen)
        print(f"PDF evaluasi per worker ({a.dokumen} docs): ours {ours_pdf:.1f}/s, raw reportlab "
              f"{raw_pdf:.1f}/s, ratio {ours_pdf / raw_pdf:.2f}x")
        one = massal(rt, url, storage, a.massal, 1)
        two = massal(rt, url, storage, a.massal, 2)
        print(f"MASSAL {a.massal} docs: 1 worker {one:.1f}/s, 2 workers {two:.1f}/s, "
              f"speed-up {two / one:.2f}x")
        print(f"load after: {os.getloadavg()}")
        rt.dispose()
    finally:
        servers.drop_database(url)
        import shutil
        shutil.rmtree(storage, ignore_errors=True)


if __name__ == "__main__":
    main()
