"""A bulk print survives its worker being SIGKILLed: reporting's Celery worker (`kinerja worker
reporting`, a separate process on RabbitMQ and PostgreSQL) prints a unit's Dokumen Evaluasi
Kinerja in parts; the test kills the worker's whole process group mid-run, starts a new worker,
and the zip comes out complete: every document once, none missing, none issued twice."""
from __future__ import annotations

import csv
import io
import os
import signal
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import penilaian as penev
from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.events.contracts.common import PegawaiRingkas
from kinerja_shared.testing.service import make_test_runtime

from processes import Stack, wait_until

N = 120
I = "i-massal"


def _feed(runtime, payload, key="x"):
    runtime.dispatcher.handle(EventEnvelope.wrap(payload, aggregate_id=key, instansi_id=I).to_json())


def _world(runtime) -> None:
    _feed(runtime, idev.InstansiDiperbarui(id=I, nama="Pemerintah Kota Uji"))
    _feed(runtime, idev.UnorDiperbarui(id="induk", instansi_id=I, nama="Badan Uji", kota="Depok"))
    _feed(runtime, idev.PeriodeDiperbarui(id="tw1", instansi_id=I, tahun=2025, nama="Triwulan I",
                                          awal=date(2025, 1, 1), akhir=date(2025, 3, 31),
                                          batas_pengisian=date(2025, 4, 5)))
    _feed(runtime, idev.PegawaiDiperbarui(id="kepala", instansi_id=I, nama="KEPALA BADAN",
                                          nip="197001011990031001", unor_id="induk",
                                          jenis_jabatan="PIMPINAN"))
    for n in range(N):
        pid = f"p{n:03d}"
        _feed(runtime, idev.PegawaiDiperbarui(id=pid, instansi_id=I, nama=f"PEGAWAI {n:03d}",
                                              nip=f"1990010120150{n:05d}", unor_id="induk"))
        _feed(runtime, skpev.SkpDisetujui(
            skp_id=f"s{n}", instansi_id=I, pegawai=PegawaiRingkas(id=pid, nama=pid, unor_id="induk"),
            jenis="JF_JA", pendekatan="KUANTITATIF", model="PERMENPAN_6_2022",
            periode_awal=date(2025, 1, 1), periode_akhir=date(2025, 12, 31),
            pejabat_penilai=PegawaiRingkas(id="kepala", nama="KEPALA BADAN"),
            rhk=[skpev.RhkSnapshot(id=f"s{n}-r", jenis="UTAMA", uraian="Layanan", indikator=[
                skpev.IndikatorSnapshot(id=f"s{n}-i", uraian="Jumlah", target="10")])]), f"s{n}")
        _feed(runtime, penev.PenilaianDiperbarui(
            penilaian_id=f"pen{n}", versi=1, skp_id=f"s{n}", pegawai_id=pid, unor_id="induk",
            unor_induk_id="induk", periode_id="tw1", tahun=2025, model="PERMENPAN_6_2022",
            status="DITETAPKAN", rating_hasil_kerja="SESUAI_EKSPEKTASI",
            rating_perilaku="SESUAI_EKSPEKTASI", predikat="BAIK", revisi=1,
            pejabat_penilai=PegawaiRingkas(id="kepala", nama="KEPALA BADAN")), f"pen{n}")


@pytest.fixture
def setup(make_pg_database, make_amqp_vhost, tmp_path):
    db, amqp, storage = make_pg_database("reporting_sigkill"), make_amqp_vhost(), tmp_path / "berkas"
    minter = TokenMinter()
    extra = {"KINERJA_REPORTING_STORAGE_DIR": str(storage), "KINERJA_REPORTING_MASSAL_BAGIAN": "20"}
    runtime = make_test_runtime("reporting", db, key_source=minter.key_source, jobs="celery",
                                amqp_url=amqp, extra=extra)
    env = {**os.environ, "KINERJA_REPORTING_DATABASE_URL": db, "KINERJA_AMQP_URL": amqp,
           "KINERJA_JOBS": "celery", "KINERJA_BUS": "rabbitmq", "KINERJA_JOB_SWEEP_INTERVAL": "0",
           **extra}
    stack = Stack(env, tmp_path)
    try:
        yield runtime, minter, stack
    finally:
        stack.stop()
        runtime.dispose()


def _worker(stack: Stack, name: str):
    return stack.start(name, [str(Path(sys.executable).parent / "kinerja"), "worker", "reporting",
                              "--concurrency", "1"])


def test_a_sigkilled_bulk_print_resumes_into_a_complete_zip_without_duplicates(setup):
    from reporting.adapters.tables import cetak_item, dokumen, job

    runtime, minter, stack = setup
    _world(runtime)
    client = runtime.create_app().test_client()
    admin = minter.headers("admin", roles=["admin_instansi"], instansi_id=I)
    r = client.post("/cetak/massal", headers=admin, json={
        "jenis": "EVALUASI", "unor_induk_id": "induk", "tahun": 2025, "periode_id": "tw1"})
    assert r.status_code == 202, r.get_json()
    massal_id = r.get_json()["id"]

    def done() -> int:
        with runtime.engine.connect() as conn:
            return conn.execute(select(func.count()).where(
                cetak_item.c.massal_id == massal_id, cetak_item.c.selesai.is_(True))).scalar()

    first = _worker(stack, "worker-1")
    wait_until(lambda: done() >= 30, timeout=120, interval=0.02, what=stack.logs)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(10)
    at_kill = done()
    assert at_kill < N, "the worker finished before it could be killed"

    _worker(stack, "worker-2")
    final = wait_until(lambda: (lambda b: b if b["status"] in ("SELESAI", "GAGAL") else None)(
        client.get(f"/cetak/massal/{massal_id}", headers=admin).get_json()),
        timeout=240, interval=0.5, what=stack.logs)
    assert final["status"] == "SELESAI", (final, stack.logs())
    assert (final["selesai"], final["total"]) == (N, N)

    link = final["berkas_url"]
    z = zipfile.ZipFile(io.BytesIO(client.get(link[link.index("/unduh/"):]).data))
    pdfs = [n for n in z.namelist() if n.endswith(".pdf")]
    assert len(pdfs) == N == len(set(pdfs))
    daftar = list(csv.reader(io.StringIO(z.read("daftar.csv").decode())))[1:]
    assert sorted(r[1] for r in daftar) == sorted(pdfs)
    assert len({r[4] for r in daftar}) == N  # one verification code per document
    with runtime.engine.connect() as conn:
        issued = conn.execute(select(dokumen.c.sumber_id).where(dokumen.c.job_id == massal_id)).scalars().all()
        retaken = conn.execute(select(func.max(job.c.percobaan)).where(
            job.c.jenis == "cetak.bagian")).scalar()
    assert len(issued) == N == len(set(issued))  # nothing issued twice, nothing missing
    assert retaken >= 2  # the part the killed worker held was taken over
