"""reporting tests: a runtime on real PostgreSQL (integration, API), storage in a temporary
folder, and ``Dunia``: a synthetic world fed to reporting as events (the API-built world is in
tests-e2e/test_reporting_world.py)."""
from __future__ import annotations

import uuid

import pytest

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.testing.service import make_test_runtime

from datetime import date, datetime, timezone

from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import penilaian as penev
from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.events.contracts.common import PegawaiRingkas, PeriodeRingkas

ASPEK = ["BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF",
         "KOLABORATIF"]
T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


class Dunia:
    def __init__(self, runtime, minter, instansi_id: str = "i-1") -> None:
        self.runtime, self.minter, self.instansi_id = runtime, minter, instansi_id
        self.n = 0

    def kirim(self, payload, aggregate_id: str = "x", at: datetime | None = None):
        env = EventEnvelope.wrap(payload, aggregate_id=aggregate_id, instansi_id=self.instansi_id,
                                 occurred_at=at)
        return self.runtime.dispatcher.handle(env.to_json())

    def h(self, pegawai_id: str, *roles: str):
        return self.minter.headers(pegawai_id, nama=f"Nama {pegawai_id}", roles=list(roles),
                                   instansi_id=self.instansi_id)

    def dasar(self, tahun: int = 2025) -> dict:
        i = self.instansi_id
        self.kirim(idev.InstansiDiperbarui(id=i, nama="Pemerintah Kabupaten Contoh"))
        for uid, nama, atasan, induk in [("u-dinas", "Dinas Kominfo", None, None),
                                         ("u-bid", "Bidang Aplikasi Informatika", "u-dinas",
                                          "u-dinas")]:
            self.kirim(idev.UnorDiperbarui(id=uid, instansi_id=i, nama=nama, unor_atasan_id=atasan,
                                           unor_induk_id=induk, kota="Sleman"))
        orang = [("kadis", "u-dinas", "PIMPINAN", "IV/b", "AKTIF"),
                 ("kabid", "u-bid", "PIMPINAN", "IV/a", "AKTIF"),
                 ("staf", "u-bid", "PEGAWAI", "III/b", "AKTIF"),
                 ("pensiun", "u-bid", "PEGAWAI", "III/d", "PENSIUN"),
                 ("baru", "u-bid", "PEGAWAI", "III/a", "AKTIF")]
        for pid, unor, jenis, gol, status in orang:
            self.kirim(idev.PegawaiDiperbarui(
                id=pid, instansi_id=i, nip=f"19900101201501{len(pid):04d}"[:18], nama=f"Nama {pid}".upper(),
                unor_id=unor, jenis_jabatan=jenis, jabatan=f"Jabatan {pid}", golongan=gol,
                pangkat="Penata Muda Tingkat I", status_kepegawaian=status, gelar_belakang="S.Kom."))
        self.periode = "p-tw1"
        self.kirim(idev.PeriodeDiperbarui(id="p-tw1", instansi_id=i, tahun=tahun, nama="Triwulan I",
                                          awal=date(tahun, 1, 1), akhir=date(tahun, 3, 31),
                                          batas_pengisian=date(tahun, 4, 5)))
        return {"tahun": tahun}

    def skp(self, skp_id: str, pegawai: str, penilai: str | None, *, tahun=2025, revisi=1,
            jenis="JF_JA", at=None, matriks=None, rhk=None):
        rhk = rhk or [skpev.RhkSnapshot(
            id=f"{skp_id}-r1", jenis="UTAMA", uraian="Tersusunnya aplikasi layanan publik",
            indikator=[skpev.IndikatorSnapshot(id=f"{skp_id}-i1", uraian="Jumlah aplikasi",
                                               aspek="KUANTITAS", target="4", satuan="aplikasi",
                                               manual={"definisi": "Aplikasi baru"})],
            matriks_peran_kolom=(matriks or {}).get("kolom", []),
            matriks_peran=(matriks or {}).get("baris", []))]
        perilaku = [skpev.PerilakuSnapshot(aspek=a, indikator=["a", "b", "c"],
                                           ekspektasi_khusus="Tepat waktu" if a == "AKUNTABEL" else None)
                    for a in ASPEK]
        self.kirim(skpev.SkpDisetujui(
            skp_id=skp_id, instansi_id=self.instansi_id, pegawai=PegawaiRingkas(
                id=pegawai, nama=f"NAMA {pegawai}".upper(), unor_id="u-bid" if pegawai != "kadis" else "u-dinas"),
            jenis=jenis, pendekatan="KUANTITATIF", model="PERMENPAN_6_2022",
            periode_awal=date(tahun, 1, 1), periode_akhir=date(tahun, 12, 31),
            pejabat_penilai=PegawaiRingkas(id=penilai, nama=f"NAMA {penilai}".upper()) if penilai else None,
            rhk=rhk, perilaku=perilaku, revisi=revisi), skp_id, at=at)

    def penilaian(self, pid: str, skp_id: str, pegawai: str, penilai: str, *, versi=1,
                  predikat="BAIK", status="DITETAPKAN", realisasi="4 aplikasi", tahun=2025):
        self.kirim(penev.PenilaianDiperbarui(
            penilaian_id=pid, versi=versi, skp_id=skp_id, pegawai_id=pegawai,
            pegawai=PegawaiRingkas(id=pegawai, nama=pegawai.upper()), unor_id="u-bid",
            unor_induk_id="u-dinas", periode_id="p-tw1",
            periode=PeriodeRingkas(id="p-tw1", tahun=tahun, nama="Triwulan I",
                                   awal=date(tahun, 1, 1), akhir=date(tahun, 3, 31)),
            tahun=tahun, model="PERMENPAN_6_2022", jenis_skp="JF_JA", status=status,
            pejabat_penilai=PegawaiRingkas(id=penilai, nama=penilai.upper()),
            realisasi=[penev.RealisasiIndikator(indikator_id=f"{skp_id}-i1", realisasi=realisasi,
                                                bukti_dukung=[penev.BuktiDukung(url="https://x/1")],
                                                umpan_balik="Bagus")] if realisasi else [],
            perilaku=[penev.PerilakuPenilaian(aspek=a, umpan_balik="Baik sekali") for a in ASPEK],
            rating_hasil_kerja="SESUAI_EKSPEKTASI" if predikat else None,
            rating_perilaku="SESUAI_EKSPEKTASI" if predikat else None, predikat=predikat,
            revisi=1 if predikat else 0,
            ditetapkan_at=T0 if status == "DITETAPKAN" else None), pid)



@pytest.fixture(scope="session")
def minter():
    return TokenMinter()


@pytest.fixture
def runtime(make_pg_database, minter, tmp_path):
    rt = make_test_runtime("reporting", make_pg_database("kinerja_reporting"),
                           key_source=minter.key_source,
                           extra={"KINERJA_REPORTING_STORAGE_DIR": str(tmp_path / "berkas")})
    yield rt
    rt.dispose()


@pytest.fixture
def client(runtime):
    return runtime.create_app().test_client()


@pytest.fixture
def dunia(runtime, minter):
    return Dunia(runtime, minter, instansi_id="i-" + uuid.uuid4().hex[:8])


@pytest.fixture
def dunia_kelas():
    """The ``Dunia`` class, for a test with a runtime of its own."""
    return Dunia
