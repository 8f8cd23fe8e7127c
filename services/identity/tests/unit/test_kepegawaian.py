"""Status kepegawaian, TMTs and pangkat (domain.kepegawaian, domain.golongan)."""
from datetime import date

import pytest

from kinerja_shared.events.contracts.identity import STATUS_KEPEGAWAIAN as STATUS_DI_KONTRAK

from identity.domain.enums import PENGATURAN_BAWAAN, STATUS_KEPEGAWAIAN
from identity.domain.golongan import GOLONGAN, pangkat_dari
from identity.domain.kepegawaian import IsianTidakSah, STATUS_MENGAKHIRI, mengakhiri, terapkan

STORED = {"golongan": "III/a", "tmt_golongan": date(2020, 4, 1), "status_kepegawaian": "AKTIF",
          "tmt_status": None, "aktif": True}


def test_the_statuses_are_those_of_the_event_contract():
    assert STATUS_KEPEGAWAIAN == STATUS_DI_KONTRAK
    assert STATUS_MENGAKHIRI == {"PENSIUN", "PINDAH", "BERHENTI", "MENINGGAL"}
    assert not any(mengakhiri(s) for s in ("AKTIF", "CUTI", "TUGAS_BELAJAR", None))


def test_pangkat_follows_the_golongan():
    assert pangkat_dari("III/a") == "Penata Muda" and pangkat_dari("IV/e") == "Pembina Utama"
    assert pangkat_dari(None) is None and pangkat_dari("") is None and pangkat_dari("X/z") is None
    assert all(pangkat_dari(g) == p for g, (p, _) in GOLONGAN.items())


def test_a_new_pegawai_is_aktif_by_default_and_an_ending_status_deactivates():
    assert terapkan(None, {"aktif": True}, {})["status_kepegawaian"] == "AKTIF"
    row = terapkan(None, {"status_kepegawaian": "PENSIUN", "aktif": True}, {"status_kepegawaian"})
    assert row["aktif"] is False
    with pytest.raises(IsianTidakSah) as exc:
        terapkan(None, {"status_kepegawaian": "MENINGGAL", "aktif": True},
                 {"status_kepegawaian", "aktif"})
    assert exc.value.field == "aktif"


@pytest.mark.parametrize("status", sorted(STATUS_MENGAKHIRI))
def test_each_ending_status_deactivates_and_going_back_reactivates(status):
    pensiun = terapkan(STORED, {**STORED, "status_kepegawaian": status}, {"status_kepegawaian"})
    assert pensiun["aktif"] is False
    kembali = terapkan(pensiun, {**pensiun, "status_kepegawaian": "AKTIF"}, {"status_kepegawaian"})
    assert kembali["aktif"] is True
    tetap_mati = terapkan(pensiun, {**pensiun, "status_kepegawaian": "AKTIF", "aktif": False},
                          {"status_kepegawaian", "aktif"})
    assert tetap_mati["aktif"] is False
    with pytest.raises(IsianTidakSah) as exc:  # still PENSIUN, asked to log in again
        terapkan(pensiun, {**pensiun, "aktif": True}, {"aktif"})
    assert exc.value.field == "aktif"


@pytest.mark.parametrize("status", ["CUTI", "TUGAS_BELAJAR"])
def test_leave_and_study_keep_the_account(status):
    row = terapkan(STORED, {**STORED, "status_kepegawaian": status}, {"status_kepegawaian"})
    assert row["aktif"] is True
    nonaktif = {**STORED, "aktif": False}  # an account an admin switched off stays off
    assert terapkan(nonaktif, {**nonaktif, "status_kepegawaian": status},
                    {"status_kepegawaian"})["aktif"] is False


def test_a_tmt_belongs_to_its_value():
    naik = terapkan(STORED, {**STORED, "golongan": "III/b"}, {"golongan"})
    assert naik["tmt_golongan"] is None  # not left dated for III/a
    naik = terapkan(STORED, {**STORED, "golongan": "III/b", "tmt_golongan": date(2024, 4, 1)},
                    {"golongan", "tmt_golongan"})
    assert naik["tmt_golongan"] == date(2024, 4, 1)
    sama = terapkan(STORED, {**STORED, "nama": "X"}, {"nama"})
    assert sama["tmt_golongan"] == date(2020, 4, 1)
    cuti = {**STORED, "status_kepegawaian": "CUTI", "tmt_status": date(2025, 7, 1)}
    assert terapkan(cuti, {**cuti, "status_kepegawaian": "AKTIF"},
                    {"status_kepegawaian"})["tmt_status"] is None
    with pytest.raises(IsianTidakSah) as exc:
        terapkan(None, {"tmt_golongan": date(2020, 4, 1), "aktif": True}, {"tmt_golongan"})
    assert exc.value.field == "tmt_golongan"


def test_the_new_pengaturan_have_their_defaults():
    assert PENGATURAN_BAWAAN["alur_keberatan"] == "PERMENPAN_6_2022"
    assert PENGATURAN_BAWAAN["pemutus_keberatan_pegawai_id"] is None
    assert PENGATURAN_BAWAAN["angka_kredit_periodik"] is False
