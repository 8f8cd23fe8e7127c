"""Every event contract survives the wire: payload -> envelope JSON -> envelope -> payload."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from pydantic import ValidationError

from kinerja_shared.events import EventEnvelope, UnknownEventType, all_event_types, payload_class

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=timezone.utc)
PEGAWAI = {"id": "p1", "nip": "199001012020011001", "nama": "Budi Santoso", "jabatan": "Analis"}
PERIODE = {"id": "per1", "tahun": 2026, "nama": "Periode Akhir", "awal": date(2026, 1, 1),
           "akhir": date(2026, 12, 31), "final": True}
PREDIKAT = {"penilaian_id": "n1", "skp_id": "s1", "pegawai": PEGAWAI, "periode": PERIODE,
            "tahun": 2026, "rating_hasil_kerja": "SESUAI_EKSPEKTASI",
            "rating_perilaku": "DI_ATAS_EKSPEKTASI", "predikat": "BAIK", "pejabat_penilai": PEGAWAI,
            "revisi": 2, "ditetapkan_at": NOW}

EXAMPLES = {
    "InstansiDiperbarui": {"id": "i1", "nama": "Badan Kepegawaian", "pengaturan": {"a": 1}},
    "UnorDiperbarui": {"id": "u1", "instansi_id": "i1", "nama": "Bidang A", "mandiri": True},
    "UnorDihapus": {"id": "u1", "instansi_id": "i1", "revisi": 3},
    "PegawaiDiperbarui": {"id": "p1", "instansi_id": "i1", "nip": "199001012020011001",
                          "nama": "Budi", "kategori_jabatan": "FUNGSIONAL",
                          "jenjang": "AHLI_MUDA", "tmt_jabatan": date(2024, 3, 1)},
    "PegawaiDihapus": {"id": "p1", "instansi_id": "i1", "revisi": 4},
    "RelasiManualDiperbarui": {"pegawai_id": "p1", "instansi_id": "i1", "rekan_kerja_ids": ["p2"]},
    "PltPlhDiperbarui": {"id": "x1", "instansi_id": "i1", "pegawai_id": "p1", "unor_id": "u1",
                         "jenis": "PLT", "mulai": date(2026, 2, 1)},
    "PeriodeDiperbarui": {"id": "per1", "instansi_id": "i1", "tahun": 2026, "nama": "Januari",
                          "awal": date(2026, 1, 1), "akhir": date(2026, 1, 31),
                          "batas_pengisian": date(2026, 2, 5)},
    "SesiDicabut": {"pegawai_id": "p1", "instansi_id": "i1",
                    "dicabut_sebelum": datetime(2026, 11, 22, 3, 0, 1, tzinfo=timezone.utc),
                    "alasan": "PASSWORD_DIGANTI"},
    "SkpDiajukan": {"skp_id": "s1", "pegawai_id": "p1", "jenis": "JF_JA",
                    "periode_awal": date(2026, 1, 1), "periode_akhir": date(2026, 12, 31)},
    "SkpDikembalikan": {"skp_id": "s1", "pegawai_id": "p1", "catatan": "Lengkapi indikator"},
    "SkpDisetujui": {
        "skp_id": "s1", "pegawai": PEGAWAI, "jenis": "JF_JA", "pendekatan": "KUANTITATIF",
        "model": "PERMENPAN_6_2022", "periode_awal": date(2026, 1, 1),
        "periode_akhir": date(2026, 12, 31), "pejabat_penilai": PEGAWAI,
        "rhk": [{"id": "r1", "jenis": "UTAMA", "uraian": "Laporan", "rhk_atasan_id": "ra",
                 "indikator": [{"id": "k1", "uraian": "Jumlah laporan", "aspek": "KUANTITAS",
                                "target": "12", "satuan": "laporan"}],
                 "matriks_peran_kolom": ["Analisis"],
                 "matriks_peran": [{"pegawai_id": "p2", "jabatan_tim": "KETUA",
                                    "peran": ["Menyusun"]}]}],
        "perilaku": [{"aspek": "AKUNTABEL", "indikator": ["a", "b", "c"], "penilai": "REKAN",
                      "penilai_pegawai_id": "p3"}]},
    "SkpDibatalkan": {"skp_id": "s1", "pegawai_id": "p1", "alasan": "Mutasi"},
    "PredikatDitetapkan": PREDIKAT,
    "PredikatFinal": {**PREDIKAT, "nilai_kinerja": Decimal("91.25")},
    "PenilaianDiperbarui": {
        "penilaian_id": "n1", "versi": 3, "skp_id": "s1", "skp_revisi": 2, "pegawai_id": "p1",
        "pegawai": PEGAWAI, "unor_id": "u2", "unor_induk_id": "u1", "periode_id": "per1",
        "periode": PERIODE, "tahun": 2026, "model": "PP_30_2019", "jenis_skp": "JF_JA",
        "skp_periode_awal": date(2026, 1, 1), "skp_periode_akhir": date(2026, 12, 31),
        "status": "DIKIRIM", "pejabat_penilai": PEGAWAI,
        "realisasi": [{"indikator_id": "k1", "rhk_id": "r1", "realisasi": "12 laporan",
                       "bukti_dukung": [{"nama": "SK", "url": "https://contoh.go.id/sk"}],
                       "umpan_balik": "Baik", "diubah_at": NOW}],
        "perilaku": [{"aspek": "AKUNTABEL", "penilai": "REKAN", "penilai_pegawai_id": "p3",
                      "umpan_balik": "Teliti"}],
        "catatan_perilaku": [{"id": "c1", "tanggal": date(2026, 3, 2), "uraian": "Tepat waktu",
                              "oleh_pegawai_id": "p2", "created_at": NOW}],
        "pp30": {"kegiatan": [{"rhk_id": "r1", "kuantitas": Decimal("10"),
                               "kualitas": Decimal("90"), "waktu": Decimal("12"),
                               "capaian": {"kuantitas": Decimal("100.00"),
                                           "kualitas": Decimal("90.00"),
                                           "waktu": Decimal("76.00")},
                               "nilai_capaian": Decimal("88.67")}],
                 "kreativitas": [{"id": "e1", "uraian": "Aplikasi", "jumlah": 2}],
                 "nilai_tugas_tambahan": Decimal("0"), "nilai_kreativitas": Decimal("6"),
                 "perilaku": {"KOMITMEN": Decimal("90")}, "bobot_skp": Decimal("0.70"),
                 "bobot_perilaku": Decimal("0.30")},
        "nilai_skp": Decimal("94.67"), "nilai_perilaku": Decimal("90.00"), "revisi": 0,
        "dikirim_at": NOW, "created_at": NOW, "updated_at": NOW},
    "CapaianOrganisasiFinal": {"id": "c1", "unor_induk_id": "u1", "tahun": 2026,
                               "capaian": "ISTIMEWA"},
    "KeberatanDiajukan": {"keberatan_id": "k1", "penilaian_id": "n1", "pegawai_id": "p1",
                          "alasan": "Tidak sesuai", "diajukan_at": NOW},
    "KeberatanDiputuskan": {"keberatan_id": "k1", "penilaian_id": "n1", "pegawai_id": "p1",
                            "keputusan": "DISETUJUI", "rating_hasil_kerja": "DI_ATAS_EKSPEKTASI",
                            "nilai_perilaku_pp30": {"KOMITMEN": Decimal("92.5")},
                            "diputuskan_at": NOW},
    "AngkaKreditDitetapkan": {"angka_kredit_id": "a1", "pegawai": PEGAWAI, "tahun": 2026,
                              "predikat": "SANGAT_BAIK", "persentase": Decimal("1.50"),
                              "koefisien": Decimal("12.5"), "bulan": Decimal("7"),
                              "angka_kredit": Decimal("10.9375")},
    "PakDitandatangani": {
        "angka_kredit_id": "a1", "revisi": 4, "status": "DITANDATANGANI", "tahun": 2026,
        "pegawai": {**PEGAWAI, "tanggal_lahir": date(1990, 1, 1), "jenis_kelamin": "L"},
        "jenjang": "AHLI_PERTAMA", "predikat": "SANGAT_BAIK", "persentase": Decimal("1.50"),
        "koefisien": Decimal("12.5"), "bulan": Decimal("7"), "angka_kredit": Decimal("10.9375"),
        "angka_kredit_tampil": "10.938", "ak_lama": Decimal("0"), "ak_baru": Decimal("10.9375"),
        "periode_awal": date(2026, 6, 1), "periode_akhir": date(2026, 12, 31),
        "jabatan": {"kategori_jabatan": "FUNGSIONAL", "jenjang": "AHLI_PERTAMA",
                    "golongan": "III/a", "pangkat": "Penata Muda", "tmt_jabatan": date(2026, 6, 1)},
        "pangkat": {"akumulasi": Decimal("10.9375"), "kebutuhan": Decimal("50"),
                    "selisih": Decimal("-39.0625"), "cukup": False, "berikutnya": "III/b"},
        "penetapan": [{"unsur": "AK_KONVERSI", "uraian": "AK Konversi", "lama": Decimal("0"),
                       "baru": Decimal("10.9375"), "jumlah": Decimal("10.9375")}],
        "akumulasi": [{"angka_kredit_id": "a1", "sumber": "KONVERSI",
                       "angka_kredit": Decimal("10.9375"), "status": "DITANDATANGANI"}],
        "nomor_sk": "1/PAK/BKD/2026", "tanggal_sk": date(2026, 12, 31),
        "metode_tanda_tangan": "TTE", "penandatangan": PEGAWAI, "ditandatangani_at": NOW,
        "template": {"metode": "TTE", "versi": 2, "kop": ["PEMERINTAH KOTA"]}},
    "PegawaiSiasnDiterima": {"sinkron_id": "y1", "instansi_id": "i1",
                             "nip": "199001012020011001", "nama": "Budi", "data": {"x": 1}},
    "UnorSiasnDiterima": {"sinkron_id": "y1", "instansi_id": "i1", "unor_siasn_id": "A1",
                          "nama": "Bidang"},
    "PmmSkpDiimpor": {"instansi_id": "i1", "nip": "199001012020011001", "tahun": 2026,
                      "rhk": [{"uraian": "Mengajar", "indikator": ["Jam"]}]},
    "SinkronSelesai": {"sinkron_id": "y1", "instansi_id": "i1", "jenis": "PEGAWAI",
                       "status": "SELESAI", "tambah": 3},
    "PmmNilaiDiimpor": {"instansi_id": "i1", "nip": "199001012020011001", "tahun": 2026,
                        "periode": "2026-S1", "sekolah": {"npsn": "20100001", "nama": "SD N 1"},
                        "rating_hasil_kerja": "SESUAI_EKSPEKTASI", "predikat": "BAIK"},
    "PmmSinkronDicatat": {"log_id": "l1", "instansi_id": "i1", "nip": "199001012020011001",
                          "status": "GAGAL", "kode": "UNOR_TIDAK_ADA",
                          "keterangan": "Data Unit Kerja Pegawai tidak terdaftar di Referensi "
                                        "Unit Kerja", "waktu": NOW},
}

# the keberatan service's later contracts (KeberatanDitarik, KeberatanDiperbarui)
NILAI = {"rating_hasil_kerja": "SESUAI_EKSPEKTASI", "rating_perilaku": "SESUAI_EKSPEKTASI",
         "predikat": "BAIK"}
EXAMPLES.update({
    "KeberatanDitarik": {"keberatan_id": "k1", "penilaian_id": "n1", "pegawai_id": "p1",
                         "revisi": 1, "alasan": "Sudah dijelaskan", "ditarik_at": NOW},
    "KeberatanDiperbarui": {
        "keberatan_id": "k1", "versi": 3, "penilaian_id": "n1", "revisi": 1, "pegawai": PEGAWAI,
        "periode": PERIODE, "tahun": 2026, "model": "PERMENPAN_6_2022",
        "alur": "PERMENPAN_6_2022", "status": "DISETUJUI", "alasan": "Tidak sesuai",
        "bukti_dukung": [{"nama": "Laporan", "url": "https://contoh.go.id/laporan.pdf"}],
        "penjelasan": "Setuju dirubah", "keputusan": "DISETUJUI", "uraian": "Baiklah",
        "pejabat_penilai": PEGAWAI, "pemutus": PEGAWAI, "pemutus_sumber": "ATASAN_PEJABAT_PENILAI",
        "sebelum": NILAI, "diminta": {**NILAI, "rating_hasil_kerja": "DI_ATAS_EKSPEKTASI"},
        "sesudah": {**NILAI, "rating_hasil_kerja": "DI_ATAS_EKSPEKTASI"},
        "batas_pengajuan_at": NOW, "diajukan_at": NOW, "dibuka_atasan_at": NOW,
        "direspon_at": NOW, "diputuskan_at": NOW,
        "riwayat": [{"aksi": "DIAJUKAN", "waktu": NOW, "oleh": PEGAWAI, "peran": "PEGAWAI",
                     "status_sesudah": "DIAJUKAN", "isi": {"alasan": "Tidak sesuai"}}]},
})


def test_every_registered_contract_has_an_example():
    assert set(all_event_types()) == set(EXAMPLES)


@pytest.mark.parametrize("event_type", sorted(EXAMPLES))
def test_contract_round_trips_through_json(event_type):
    cls = payload_class(event_type)
    payload = cls.model_validate(EXAMPLES[event_type])
    envelope = EventEnvelope.wrap(payload, aggregate_id="agg-1", instansi_id="i1",
                                  correlation_id="corr-1")
    assert envelope.routing_key == f"{cls.producer}.{event_type}"
    back = EventEnvelope.from_json(envelope.to_json())
    assert back == envelope
    assert back.typed_payload() == payload
    assert back.version == cls.version


def test_angka_kredit_stays_decimal_on_the_wire():
    payload = payload_class("AngkaKreditDitetapkan").model_validate(EXAMPLES["AngkaKreditDitetapkan"])
    envelope = EventEnvelope.wrap(payload, aggregate_id="a1")
    assert envelope.payload["angka_kredit"] == "10.9375"
    assert EventEnvelope.from_json(envelope.to_json()).typed_payload().angka_kredit == Decimal("10.9375")


def test_angka_kredit_snapshot_keeps_every_figure_decimal_and_the_old_minimal_shape_still_reads():
    cls = payload_class("PakDitandatangani")
    envelope = EventEnvelope.wrap(cls.model_validate(EXAMPLES["PakDitandatangani"]),
                                  aggregate_id="a1")
    assert envelope.payload["pangkat"]["selisih"] == "-39.0625"
    assert envelope.payload["penetapan"][0]["baru"] == "10.9375"
    back = EventEnvelope.from_json(envelope.to_json()).typed_payload()
    assert back.pangkat.selisih == Decimal("-39.0625") and back.template.versi == 2
    # a message with only the skeleton's fields (none was ever published) still validates
    minimal = payload_class("AngkaKreditDitetapkan").model_validate(
        EXAMPLES["AngkaKreditDitetapkan"])
    assert (minimal.status, minimal.aktif, minimal.revisi, minimal.sumber) == (
        "DRAFT", True, 1, "KONVERSI")


def test_unor_diperbarui_carries_the_units_kode_and_reads_older_messages_without_it():
    cls = payload_class("UnorDiperbarui")
    assert cls.model_validate(EXAMPLES["UnorDiperbarui"]).kode is None
    payload = cls.model_validate({**EXAMPLES["UnorDiperbarui"], "kode": "BKD"})
    assert EventEnvelope.from_json(EventEnvelope.wrap(payload, aggregate_id="u1").to_json()
                                   ).typed_payload().kode == "BKD"


def test_keberatan_diputuskan_pp30_values_are_optional_decimals_0_to_100():
    cls = payload_class("KeberatanDiputuskan")
    envelope = EventEnvelope.wrap(cls.model_validate(EXAMPLES["KeberatanDiputuskan"]),
                                  aggregate_id="k1")
    assert envelope.payload["nilai_perilaku_pp30"] == {"KOMITMEN": "92.5"}
    lama = {k: v for k, v in EXAMPLES["KeberatanDiputuskan"].items() if k != "nilai_perilaku_pp30"}
    assert cls.model_validate(lama).nilai_perilaku_pp30 is None  # messages from before the field
    with pytest.raises(ValidationError):
        cls.model_validate({**lama, "nilai_perilaku_pp30": {"KOMITMEN": 101}})


def test_unknown_fields_from_a_newer_producer_are_ignored():
    data = {**EXAMPLES["UnorDihapus"], "field_baru": "x"}
    assert payload_class("UnorDihapus").model_validate(data).id == "u1"


def test_unknown_event_type_is_refused():
    with pytest.raises(UnknownEventType):
        payload_class("TidakAda")


def test_sesi_dicabut_keeps_its_cutoff_to_the_second_on_the_wire():
    payload = payload_class("SesiDicabut").model_validate(EXAMPLES["SesiDicabut"])
    envelope = EventEnvelope.wrap(payload, aggregate_id="p1", instansi_id="i1")
    assert envelope.routing_key == "identity.SesiDicabut"
    back = EventEnvelope.from_json(envelope.to_json()).typed_payload()
    assert back.dicabut_sebelum == datetime(2026, 11, 22, 3, 0, 1, tzinfo=timezone.utc)
    assert back.dicabut_sebelum.tzinfo is not None


def test_sesi_dicabut_takes_a_reason_it_does_not_know_yet():
    data = {**EXAMPLES["SesiDicabut"], "alasan": "ALASAN_BARU", "field_baru": 1}
    assert payload_class("SesiDicabut").model_validate(data).alasan == "ALASAN_BARU"


PREDIKAT_PP30 = {**PREDIKAT, "rating_hasil_kerja": None, "rating_perilaku": None,
                 "nilai_skp": Decimal("88.67"), "nilai_perilaku": Decimal("85.00"),
                 "nilai_kinerja": Decimal("87.57"), "predikat": "BUTUH_PERBAIKAN",
                 "model": "PP_30_2019", "jenis_skp": "JF_JA", "unor_id": "u2",
                 "skp_periode_awal": date(2026, 3, 1), "skp_periode_akhir": date(2026, 12, 31),
                 "nilai_perilaku_pp30": {"ORIENTASI_PELAYANAN": Decimal("80"),
                                         "KOMITMEN": Decimal("92.5")}}


@pytest.mark.parametrize("event_type", ["PredikatDitetapkan", "PredikatFinal"])
def test_predikat_messages_from_before_the_added_fields_still_validate(event_type):
    payload = payload_class(event_type).model_validate(PREDIKAT)  # none of the added fields
    assert (payload.model, payload.jenis_skp, payload.unor_id, payload.skp_periode_awal,
            payload.skp_periode_akhir, payload.nilai_perilaku_pp30) == (None,) * 6


@pytest.mark.parametrize("event_type", ["PredikatDitetapkan", "PredikatFinal"])
def test_predikat_added_fields_travel_with_decimals_as_strings(event_type):
    cls = payload_class(event_type)
    envelope = EventEnvelope.wrap(cls.model_validate(PREDIKAT_PP30), aggregate_id="n1")
    assert envelope.payload["nilai_perilaku_pp30"] == {"ORIENTASI_PELAYANAN": "80",
                                                       "KOMITMEN": "92.5"}
    assert (envelope.payload["model"], envelope.payload["skp_periode_awal"],
            envelope.payload["skp_periode_akhir"]) == ("PP_30_2019", "2026-03-01", "2026-12-31")
    back = EventEnvelope.from_json(envelope.to_json()).typed_payload()
    assert back.nilai_perilaku_pp30["KOMITMEN"] == Decimal("92.5")
    assert back.skp_periode_awal == date(2026, 3, 1) and back.nilai_kinerja == Decimal("87.57")
    with pytest.raises(ValidationError):
        cls.model_validate({**PREDIKAT_PP30, "nilai_perilaku_pp30": {"KOMITMEN": 100.5}})
    with pytest.raises(ValidationError):
        cls.model_validate({**PREDIKAT_PP30, "model": "LAIN"})


def test_penilaian_diperbarui_keeps_decimals_and_needs_its_versi():
    cls = payload_class("PenilaianDiperbarui")
    envelope = EventEnvelope.wrap(cls.model_validate(EXAMPLES["PenilaianDiperbarui"]),
                                  aggregate_id="n1", instansi_id="i1")
    assert envelope.routing_key == "penilaian.PenilaianDiperbarui"
    kegiatan = envelope.payload["pp30"]["kegiatan"][0]
    assert (kegiatan["nilai_capaian"], kegiatan["capaian"]["waktu"]) == ("88.67", "76.00")
    assert envelope.payload["pp30"]["perilaku"] == {"KOMITMEN": "90"}
    back = EventEnvelope.from_json(envelope.to_json()).typed_payload()
    assert back.pp30.kegiatan[0].nilai_capaian == Decimal("88.67")
    assert back.realisasi[0].bukti_dukung[0].url == "https://contoh.go.id/sk"
    minimal = {k: EXAMPLES["PenilaianDiperbarui"][k] for k in (
        "penilaian_id", "versi", "skp_id", "pegawai_id", "periode_id", "tahun", "model",
        "status")}
    assert cls.model_validate({**minimal, "field_baru": 1}).realisasi == []
    with pytest.raises(ValidationError):
        cls.model_validate({k: v for k, v in minimal.items() if k != "versi"})


def test_pegawai_diperbarui_from_before_the_status_fields_still_validates():
    cls = payload_class("PegawaiDiperbarui")
    lama = EXAMPLES["PegawaiDiperbarui"]  # a message of a producer without the fields
    assert not {"tmt_golongan", "pangkat", "status_kepegawaian", "tmt_status"} & set(lama)
    payload = cls.model_validate(lama)
    assert (payload.tmt_golongan, payload.pangkat, payload.status_kepegawaian,
            payload.tmt_status) == (None, None, "AKTIF", None)
    envelope = EventEnvelope.from_json(EventEnvelope.wrap(payload, aggregate_id="p1").to_json())
    assert envelope.typed_payload() == payload


def test_pegawai_diperbarui_carries_tmt_golongan_pangkat_and_status_on_the_wire():
    from kinerja_shared.events.contracts.identity import STATUS_KEPEGAWAIAN

    cls = payload_class("PegawaiDiperbarui")
    data = {**EXAMPLES["PegawaiDiperbarui"], "golongan": "III/a", "tmt_golongan": date(2024, 4, 1),
            "pangkat": "Penata Muda", "status_kepegawaian": "PENSIUN",
            "tmt_status": date(2026, 2, 1), "aktif": False}
    envelope = EventEnvelope.wrap(cls.model_validate(data), aggregate_id="p1", instansi_id="i1")
    assert {k: envelope.payload[k] for k in ("tmt_golongan", "pangkat", "status_kepegawaian",
                                             "tmt_status")} == \
        {"tmt_golongan": "2024-04-01", "pangkat": "Penata Muda", "status_kepegawaian": "PENSIUN",
         "tmt_status": "2026-02-01"}
    back = EventEnvelope.from_json(envelope.to_json()).typed_payload()
    assert back.tmt_golongan == date(2024, 4, 1) and back.tmt_status == date(2026, 2, 1)
    assert "PENSIUN" in STATUS_KEPEGAWAIAN and "CUTI" in STATUS_KEPEGAWAIAN
    # a status a newer identity adds is not a reason to dead-letter the snapshot
    assert cls.model_validate({**data, "status_kepegawaian": "DIBERHENTIKAN_SEMENTARA"}
                              ).status_kepegawaian == "DIBERHENTIKAN_SEMENTARA"
    with pytest.raises(ValidationError):
        cls.model_validate({**data, "tmt_status": "bukan tanggal"})


def test_instansi_diperbarui_pengaturan_old_and_new_keys_both_validate():
    cls = payload_class("InstansiDiperbarui")
    lama = {"id": "i1", "nama": "Badan", "pengaturan": {"model_skp": "PERMENPAN_6_2022",
                                                        "jendela_keberatan_hari": 14}}
    assert "alur_keberatan" not in cls.model_validate(lama).pengaturan
    baru = {**lama, "pengaturan": {**lama["pengaturan"], "alur_keberatan": "DKI",
                                   "pemutus_keberatan_pegawai_id": "p9",
                                   "angka_kredit_periodik": True}}
    back = EventEnvelope.from_json(EventEnvelope.wrap(cls.model_validate(baru),
                                                      aggregate_id="i1").to_json()).typed_payload()
    assert back.pengaturan["alur_keberatan"] == "DKI"
    assert back.pengaturan["pemutus_keberatan_pegawai_id"] == "p9"
    assert back.pengaturan["angka_kredit_periodik"] is True


def test_keberatan_diajukan_from_before_the_added_fields_still_validates():
    cls = payload_class("KeberatanDiajukan")
    lama = cls.model_validate(EXAMPLES["KeberatanDiajukan"])
    assert (lama.revisi, lama.status, lama.pemutus, lama.bukti_dukung) == (None, None, None, [])
    baru = cls.model_validate({**EXAMPLES["KeberatanDiajukan"], "revisi": 2,
                               "status": "TERLAMBAT", "terlambat": True,
                               "nilai_perilaku_pp30_diminta": {"KOMITMEN": "95"},
                               "pemutus": PEGAWAI, "batas_pengajuan_at": NOW})
    back = EventEnvelope.from_json(EventEnvelope.wrap(baru, aggregate_id="k1").to_json())
    assert back.typed_payload() == baru
    with pytest.raises(ValidationError):
        cls.model_validate({**EXAMPLES["KeberatanDiajukan"],
                            "nilai_perilaku_pp30_diminta": {"KOMITMEN": 101}})


def test_keberatan_diperbarui_keeps_decimals_and_the_history_on_the_wire():
    cls = payload_class("KeberatanDiperbarui")
    data = {**EXAMPLES["KeberatanDiperbarui"], "model": "PP_30_2019",
            "diminta": {"nilai_perilaku_pp30": {"KOMITMEN": Decimal("92.5")}},
            "sesudah": {"nilai_perilaku_pp30": {"KOMITMEN": Decimal("92.5")},
                        "nilai_kinerja": Decimal("90.19"), "predikat": "BAIK"}}
    envelope = EventEnvelope.wrap(cls.model_validate(data), aggregate_id="k1")
    assert envelope.payload["sesudah"]["nilai_kinerja"] == "90.19"
    back = envelope.from_json(envelope.to_json()).typed_payload()
    assert back.diminta.nilai_perilaku_pp30 == {"KOMITMEN": Decimal("92.5")}
    assert [(r.aksi, r.peran) for r in back.riwayat] == [("DIAJUKAN", "PEGAWAI")]

def test_siasn_pull_messages_from_before_the_added_fields_still_validate():
    pegawai = payload_class("PegawaiSiasnDiterima").model_validate(
        EXAMPLES["PegawaiSiasnDiterima"])
    assert (pegawai.siasn_id, pegawai.dihapus, pegawai.revisi) == (None, False, 1)
    unor = payload_class("UnorSiasnDiterima").model_validate(EXAMPLES["UnorSiasnDiterima"])
    assert (unor.kepala_siasn_id, unor.unor_induk_siasn_id, unor.dihapus) == (None, None, False)
    selesai = payload_class("SinkronSelesai").model_validate(EXAMPLES["SinkronSelesai"])
    assert (selesai.berhasil, selesai.arah, selesai.tahun) == (0, None, None)


def test_pmm_scores_refuse_a_rating_outside_the_enumeration():
    cls = payload_class("PmmNilaiDiimpor")
    with pytest.raises(ValidationError):
        cls.model_validate({**EXAMPLES["PmmNilaiDiimpor"], "predikat": "Baik"})
    assert cls.model_validate(EXAMPLES["PmmNilaiDiimpor"]).sekolah.nama == "SD N 1"
