"""integration's rules (standard library, no database): SIASN's values and field names, the
content hash, finding a record in SIASN's history, the day of "once a day", webhook
signatures, SIASN records in our field names, PMM's words and school names."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from integration.domain import jadwal, pegawai_siasn, pmm, rekaman, siasn, tanda_tangan

PENILAI = {"nip": "197001011990031001", "nama": "Ani", "gelar_depan": "Dr.",
           "gelar_belakang": "M.Si.", "jabatan": "Kepala", "golongan": "IV/a",
           "unor_nama": "Bidang"}


@pytest.mark.parametrize("predikat,kuadran", [("SANGAT_BAIK", 1), ("BAIK", 2),
                                              ("BUTUH_PERBAIKAN", 3), ("KURANG", 4),
                                              ("SANGAT_KURANG", 5)])
def test_kuadran_follows_nationals_numbering(predikat, kuadran):
    body = siasn.badan_skp22({"predikat": predikat, "rating_hasil_kerja": "SESUAI_EKSPEKTASI",
                              "rating_perilaku": "DI_ATAS_EKSPEKTASI", "tahun": 2025,
                              "pejabat_penilai": PENILAI}, "pns-1")
    assert (body["kuadranKinerjaNilai"], body["hasilKinerjaNilai"],
            body["perilakuKerjaNilai"]) == (kuadran, 2, 1)
    assert body["penilaiNama"] == "Dr. Ani, M.Si." and body["statusPenilai"] == "ASN"


def test_a_pp30_predikat_sends_the_pair_the_matrix_maps_to_it():
    body = siasn.badan_skp22({"predikat": "BUTUH_PERBAIKAN", "tahun": 2025,
                              "pejabat_penilai": {**PENILAI, "nip": "3171011234567890"}}, "p")
    assert (body["hasilKinerjaNilai"], body["perilakuKerjaNilai"]) == (3, 2)
    assert body["statusPenilai"] == "NON ASN"


def test_periodic_predikat_is_monthly_or_quarterly_only():
    base = {"predikat": "BAIK", "rating_hasil_kerja": "SESUAI_EKSPEKTASI",
            "rating_perilaku": "SESUAI_EKSPEKTASI", "tahun": 2025, "pejabat_penilai": PENILAI}
    q = siasn.badan_periodik({**base, "periode_awal": "2025-04-01",
                              "periode_akhir": "2025-06-30"}, "p")
    assert (q["periodikId"], q["bulanMulaiPenilaian"], q["bulanSelesaiPenilaian"]) == (2, 4, 6)
    with pytest.raises(siasn.TidakDapatDikirim):
        siasn.badan_periodik({**base, "periode_awal": "2025-01-01",
                              "periode_akhir": "2025-06-30"}, "p")


def test_the_content_hash_ignores_the_ids_that_only_address_a_record():
    body = {"tahun": 2025, "kuadranKinerjaNilai": 2, "pnsDinilaiOrang": "a"}
    assert siasn.hash_isi(body) == siasn.hash_isi({**body, "id": "x", "pnsDinilaiOrang": "b"})
    assert siasn.hash_isi(body) != siasn.hash_isi({**body, "kuadranKinerjaNilai": 1})


def test_a_record_is_found_in_the_history_despite_its_capitalised_fields():
    body = {"tahun": 2025, "hasilKinerjaNilai": 2, "perilakuKerjaNilai": 1,
            "kuadranKinerjaNilai": 2, "pnsDinilaiOrang": "p"}
    history = [{"id": "old", "tahun": 2024, "hasilKinerjaNilai": 2, "PerilakuKerjaNilai": 1,
                "KuadranKinerjaNilai": 2},
               {"id": "r1", "tahun": 2025, "hasilKinerjaNilai": 3, "PerilakuKerjaNilai": 3,
                "KuadranKinerjaNilai": 5},
               {"id": "r2", "tahun": 2025, "hasilKinerjaNilai": 2, "PerilakuKerjaNilai": 1,
                "KuadranKinerjaNilai": 2}]
    found = siasn.cocok_riwayat(siasn.SKP22, body, history)
    assert found["id"] == "r2" and siasn.isi_sama(body, found)
    assert siasn.cocok_riwayat(siasn.SKP22, {**body, "tahun": 2023}, history) is None


def test_an_unsigned_or_superseded_pak_is_not_sent_and_a_signed_one_is():
    pak = {"tahun": 2025, "angka_kredit": "10.9375", "ak_baru": "60.9375", "sumber": "KONVERSI",
           "nomor_sk": "800/1", "tanggal_sk": "2026-01-15", "status": "DITANDATANGANI"}
    assert siasn.badan_angka_kredit(pak, "p")["tanggalSk"] == "15-01-2026"
    for change in ({"status": "DISETUJUI"}, {"aktif": False}):
        with pytest.raises(siasn.BelumSiap):
            siasn.badan_angka_kredit({**pak, **change}, "p")
    with pytest.raises(siasn.TidakDapatDikirim):
        siasn.badan_angka_kredit({**pak, "nomor_sk": None}, "p")


def test_the_newer_version_wins():
    t1, t2 = (datetime(2026, 1, d, tzinfo=timezone.utc) for d in (1, 2))
    held = {"sumber_id": "pen-1", "sumber_revisi": 2, "ditetapkan_at": t1}
    assert rekaman.lebih_baru(held, "pen-1", 3, t1)
    assert not rekaman.lebih_baru(held, "pen-1", 2, t2)  # same revision again
    assert rekaman.lebih_baru(held, "pen-2", 1, t2)  # another SKP, set later
    assert not rekaman.lebih_baru(held, "pen-2", 1, t1)


def test_retry_after_counts_to_midnight_in_jakarta():
    wib = ZoneInfo("Asia/Jakarta")
    assert jadwal.detik_sampai_besok(datetime(2026, 2, 2, 16, 59, 30, tzinfo=timezone.utc),
                                     wib) == 30
    awal, akhir = jadwal.hari(datetime(2026, 2, 2, 18, 0, tzinfo=timezone.utc), wib)
    assert (awal.isoformat(), akhir.isoformat()) == ("2026-02-02T17:00:00+00:00",
                                                     "2026-02-03T17:00:00+00:00")


def test_a_webhook_signature_verifies_over_the_raw_body_and_its_time():
    header = tanda_tangan.tanda_tangan("rahasia", b'{"a":1}', t=1_800_000_000)
    assert tanda_tangan.periksa("rahasia", header, b'{"a":1}', now=1_800_000_100)
    assert not tanda_tangan.periksa("rahasia", header, b'{"a":2}', now=1_800_000_100)
    assert not tanda_tangan.periksa("lain", header, b'{"a":1}', now=1_800_000_100)
    assert not tanda_tangan.periksa("rahasia", header, b'{"a":1}', now=1_800_001_000)


@pytest.mark.parametrize("data,kategori,jenjang", [
    ({"jenisJabatanId": "1", "eselonId": "22"}, "JPT", None),
    ({"jenisJabatanId": "1", "eselonId": "31"}, "ADMINISTRATOR", None),
    ({"jenisJabatanId": "1", "eselonId": "41"}, "PENGAWAS", None),
    ({"jenisJabatanId": "2", "jabatanNama": "Pranata Komputer Ahli Muda"}, "FUNGSIONAL",
     "AHLI_MUDA"),
    ({"jenisJabatanId": "2", "jenjang": "Terampil"}, "FUNGSIONAL", "TERAMPIL"),
    ({"jenisJabatanId": "4", "jabatanNama": "Pengelola Data"}, "PELAKSANA", None)])
def test_siasn_jabatan_codes_become_our_categories(data, kategori, jenjang):
    assert (pegawai_siasn.kategori(data), pegawai_siasn.jenjang(data)) == (kategori, jenjang)


def test_a_siasn_record_in_our_field_names():
    found = pegawai_siasn.pegawai({"id": "o1", "nipBaru": "198503152010011002", "nama": "Sari",
                                   "tmtGolAkhir": "01-04-2022", "golRuangAkhir": "III/c",
                                   "kedudukanPnsId": "99", "unorId": "u1"})
    assert (found["tmt_golongan"], found["golongan"], found["status_kepegawaian"],
            found["siasn_id"]) == (date(2022, 4, 1), "III/c", None, "o1")
    with pytest.raises(pegawai_siasn.RekamanTidakValid):
        pegawai_siasn.pegawai({"nipBaru": "123", "nama": "X"})


def test_pmm_words_periods_and_school_names():
    assert pmm.periode("2025-S2") == (2025, date(2025, 7, 1), date(2025, 12, 31))
    assert (pmm.rating("Di atas Ekspektasi"), pmm.predikat("Butuh Perbaikan")) == \
        ("DI_ATAS_EKSPEKTASI", "BUTUH_PERBAIKAN")
    assert pmm.sekolah_sama("SD NEGERI 1 CONTOH", "SD N 1 Contoh")
    assert pmm.sekolah_sama("SDN 1 Contoh", "sd n 1 contoh.")
    assert not pmm.sekolah_sama("SD N CILEUNGSI 06", "SD N 6 Cileungsi")
    with pytest.raises(pmm.TidakValid):
        pmm.periode("2025-Q1")
    with pytest.raises(pmm.TidakValid):
        pmm.predikat("Luar biasa")


def test_the_sandbox_seeds_two_instansi_without_sharing_a_nip():
    from integration.sandbox.siasn import SiasnCredentials, create_app, seed

    app = create_app(SiasnCredentials("k", "s"))
    sandbox = app.extensions["sandbox"]
    seed(sandbox, "A", pegawai=3000, unor=10, seed_value=1)
    seed(sandbox, "B", pegawai=3000, unor=10, seed_value=1)
    assert sandbox.store.one("SELECT count(*) AS n FROM pegawai")["n"] == 6000
