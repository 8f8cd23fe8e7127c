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
from decimal import Decimal

from kinerja_shared.events.contracts import angka_kredit as akev
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import integration as inev
from kinerja_shared.events.contracts import keberatan as kbev
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
                  predikat="BAIK", status="DITETAPKAN", realisasi="4 aplikasi", tahun=2025,
                  model="PERMENPAN_6_2022"):
        pp30 = None
        if model == "PP_30_2019":
            pp30 = penev.Pp30Penilaian(
                kegiatan=[penev.KegiatanPp30(rhk_id=f"{skp_id}-r1", kuantitas=Decimal(4),
                                             kualitas=Decimal(90), waktu=Decimal(12),
                                             nilai_capaian=Decimal("85.5"))],
                perilaku={"ORIENTASI_PELAYANAN": Decimal(80), "KOMITMEN": Decimal(85),
                          "INISIATIF_KERJA": Decimal(80), "KERJA_SAMA": Decimal(85)},
                bobot_skp=Decimal("0.7"), bobot_perilaku=Decimal("0.3"))
        self.kirim(penev.PenilaianDiperbarui(
            penilaian_id=pid, versi=versi, skp_id=skp_id, pegawai_id=pegawai,
            pegawai=PegawaiRingkas(id=pegawai, nama=pegawai.upper()), unor_id="u-bid",
            unor_induk_id="u-dinas", periode_id="p-tw1",
            periode=PeriodeRingkas(id="p-tw1", tahun=tahun, nama="Triwulan I",
                                   awal=date(tahun, 1, 1), akhir=date(tahun, 3, 31)),
            tahun=tahun, model=model, jenis_skp="JF_JA", status=status, pp30=pp30,
            nilai_skp=Decimal("85.5") if pp30 else None,
            nilai_perilaku=Decimal("82.5") if pp30 else None,
            nilai_kinerja=Decimal("84.6") if pp30 else None,
            atasan_pejabat_penilai=PegawaiRingkas(id="kadis", nama="KADIS") if pp30 else None,
            pejabat_penilai=PegawaiRingkas(id=penilai, nama=penilai.upper()),
            realisasi=[penev.RealisasiIndikator(indikator_id=f"{skp_id}-i1", realisasi=realisasi,
                                                bukti_dukung=[penev.BuktiDukung(url="https://x/1")],
                                                umpan_balik="Bagus")] if realisasi else [],
            perilaku=[penev.PerilakuPenilaian(aspek=a, umpan_balik="Baik sekali") for a in ASPEK],
            rating_hasil_kerja="SESUAI_EKSPEKTASI" if predikat else None,
            rating_perilaku="SESUAI_EKSPEKTASI" if predikat else None, predikat=predikat,
            revisi=1 if predikat else 0,
            ditetapkan_at=T0 if status == "DITETAPKAN" else None), pid)


    def angka_kredit(self, ak_id: str, pegawai: str = "staf", *, revisi=1, status="DRAFT",
                     metode=None, template=None, aktif=True, tahun=2025, nomor_sk=None,
                     sumber="KONVERSI", bulan="7", predikat="SANGAT_BAIK",
                     ak="10.937500", at=None):
        """An AK row as angka-kredit publishes it: 7 months Sangat Baik, Ahli Pertama (the
        seed's 7/12 x 150 % x 12.5 = 10.9375), after an integrasi of 5 (ak_lama)."""
        ak = Decimal(ak)
        lama = Decimal("5")
        baru = lama + ak
        payload = dict(
            angka_kredit_id=ak_id, revisi=revisi, status=status, aktif=aktif,
            instansi_id=self.instansi_id,
            pegawai=akev.PegawaiAk(id=pegawai, nip="199001012015011003", nama=f"NAMA {pegawai}".upper(),
                                   gelar_belakang="S.Kom.", tanggal_lahir=date(1990, 1, 1),
                                   jenis_kelamin="L", unor_id="u-bid"),
            jenjang="AHLI_PERTAMA", tahun=tahun, periode_nama="Tahunan",
            periode_awal=date(tahun, 6, 1), periode_akhir=date(tahun, 12, 31),
            predikat=predikat, persentase=Decimal("1.50"), koefisien=Decimal("12.5"),
            bulan=Decimal(bulan), angka_kredit=ak, angka_kredit_tampil="10.938",
            ak_lama=lama, ak_baru=baru, sumber=sumber,
            jabatan=akev.JabatanAk(kategori_jabatan="FUNGSIONAL", jenjang="AHLI_PERTAMA",
                                   jabatan="Pranata Komputer Ahli Pertama",
                                   tmt_jabatan=date(tahun, 6, 1), golongan="III/b",
                                   pangkat="Penata Muda Tingkat I", tmt_golongan=date(2020, 4, 1),
                                   unor_id="u-bid", unor_nama="Bidang Aplikasi Informatika",
                                   instansi_nama="Pemerintah Kabupaten Contoh"),
            pejabat_penilai=PegawaiRingkas(id="kabid", nip="199001012015011005",
                                           nama="NAMA KABID", jabatan="Kepala Bidang"),
            pangkat=akev.Kebutuhan(akumulasi=baru, kebutuhan=Decimal("50"),
                                   selisih=baru - 50, cukup=False, berikutnya="III/c",
                                   berikutnya_nama="Penata"),
            jenjang_jabatan=akev.Kebutuhan(akumulasi=baru, kebutuhan=Decimal("100"),
                                           selisih=baru - 100, cukup=False,
                                           berikutnya="AHLI_MUDA", berikutnya_nama="Ahli Muda"),
            kebutuhan_pangkat=Decimal("50"), kebutuhan_jenjang=Decimal("100"),
            selisih_pangkat=baru - 50, selisih_jenjang=baru - 100,
            kesimpulan="Tidak dapat dipertimbangkan untuk kenaikan pangkat/jenjang jabatan "
                       "setingkat lebih tinggi; kekurangan angka kredit 34.063 untuk kenaikan "
                       "pangkat dan 84.063 untuk kenaikan jenjang jabatan.",
            penetapan=[akev.BarisPak(unsur="AK_INTEGRASI", uraian="AK Integrasi", lama=lama,
                                     baru=Decimal(0), jumlah=lama),
                       akev.BarisPak(unsur="AK_KONVERSI", uraian="AK Konversi", lama=Decimal(0),
                                     baru=ak, jumlah=ak)],
            akumulasi=[akev.KonversiRingkas(angka_kredit_id="ak-int", sumber="INTEGRASI",
                                            angka_kredit=lama, status="DITANDATANGANI"),
                       akev.KonversiRingkas(angka_kredit_id=ak_id, sumber="KONVERSI",
                                            periode_awal=date(tahun, 6, 1),
                                            periode_akhir=date(tahun, 12, 31),
                                            predikat=predikat, persentase=Decimal("1.50"),
                                            koefisien=Decimal("12.5"), bulan=Decimal(bulan),
                                            angka_kredit=ak, status=status)],
            nomor_sk=nomor_sk, tanggal_sk=date(tahun + 1, 1, 15) if nomor_sk else None,
            tempat="Sleman" if nomor_sk else None, metode_tanda_tangan=metode,
            penandatangan=(PegawaiRingkas(id="kabid", nip="199001012015011005",
                                          nama="NAMA KABID") if metode else None),
            ditandatangani_at=T0 if status == "DITANDATANGANI" else None)
        if template is not None:
            self.kirim(akev.PakDitandatangani(**payload, template=template), ak_id, at=at)
        else:
            self.kirim(akev.AngkaKreditDitetapkan(**payload), ak_id, at=at)

    def keberatan(self, kid: str, penilaian_id: str, pegawai: str = "staf", *, versi=1,
                  status="DIAJUKAN", alur="DKI", sanggahan_atasan=None, sanggahan_penilai=None,
                  keputusan=None, tahun=2025, model="PP_30_2019"):
        self.kirim(kbev.KeberatanDiperbarui(
            keberatan_id=kid, versi=versi, penilaian_id=penilaian_id, revisi=1,
            pegawai=PegawaiRingkas(id=pegawai, nama=f"NAMA {pegawai}".upper(),
                                   nip="199001012015011003"),
            unor_id="u-bid", tahun=tahun, model=model, alur=alur, status=status,
            alasan="Nilai orientasi pelayanan terlalu rendah",
            periode=PeriodeRingkas(id="p-tw1", tahun=tahun, nama="Triwulan I",
                                   awal=date(tahun, 1, 1), akhir=date(tahun, 3, 31)),
            sanggahan_atasan=sanggahan_atasan, sanggahan_penilai=sanggahan_penilai,
            keputusan=keputusan, uraian="Nilai dinaikkan" if keputusan else None,
            pejabat_penilai=PegawaiRingkas(id="kabid", nama="NAMA KABID"),
            pemutus=PegawaiRingkas(id="kadis", nama="NAMA KADIS"),
            sebelum=kbev.NilaiKeberatan(predikat="BAIK", nilai_kinerja=Decimal("80")),
            diminta=kbev.NilaiKeberatan(nilai_perilaku_pp30={"ORIENTASI_PELAYANAN": Decimal(90)}),
            sesudah=(kbev.NilaiKeberatan(nilai_perilaku_pp30={"ORIENTASI_PELAYANAN": Decimal(88)})
                     if keputusan else None),
            diajukan_at=datetime(tahun, 4, 8, 2, 30, tzinfo=timezone.utc),
            diputuskan_at=(datetime(tahun, 4, 20, 3, 0, tzinfo=timezone.utc)
                           if keputusan else None)), kid)

    def pmm_nilai(self, nip: str, *, periode="2025-S1", revisi=1, predikat="BAIK",
                  nama="GURU SATU", sekolah="SD Negeri 1 Contoh"):
        self.kirim(inev.PmmNilaiDiimpor(
            instansi_id=self.instansi_id, nip=nip, nama=nama, tahun=int(periode[:4]),
            periode=periode, tipe_skp="GURU", unor_id="u-bid", pegawai_id=None,
            sekolah=inev.Sekolah(npsn="20401234", nama=sekolah, daerah="Kab. Contoh"),
            rating_hasil_kerja="SESUAI_EKSPEKTASI", rating_perilaku="SESUAI_EKSPEKTASI",
            predikat=predikat, penilai_nip="196501011990031001", revisi=revisi), f"{nip}:{periode}")

    def pmm_log(self, log_id: str, nip: str, *, status="BERHASIL", keterangan=None,
                catatan=None, waktu=None):
        self.kirim(inev.PmmSinkronDicatat(
            log_id=log_id, sinkron_id="snk-1", instansi_id=self.instansi_id, nip=nip,
            nama=f"GURU {nip[-2:]}", tipe_skp="GURU", periode="2025-S1", status=status,
            kode="UNOR_TIDAK_ADA" if status == "GAGAL" else None, keterangan=keterangan,
            catatan=catatan, waktu=waktu or datetime(2025, 7, 2, 1, 0, tzinfo=timezone.utc)),
            log_id)


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
