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
    "PegawaiSiasnDiterima": {"sinkron_id": "y1", "instansi_id": "i1",
                             "nip": "199001012020011001", "nama": "Budi", "data": {"x": 1}},
    "UnorSiasnDiterima": {"sinkron_id": "y1", "instansi_id": "i1", "unor_siasn_id": "A1",
                          "nama": "Bidang"},
    "PmmSkpDiimpor": {"instansi_id": "i1", "nip": "199001012020011001", "tahun": 2026,
                      "rhk": [{"uraian": "Mengajar", "indikator": ["Jam"]}]},
    "SinkronSelesai": {"sinkron_id": "y1", "instansi_id": "i1", "jenis": "PEGAWAI",
                       "status": "SELESAI", "tambah": 3},
}


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
