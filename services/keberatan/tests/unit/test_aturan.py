"""The chains, the window and the values as plain rules (domain/, standard library only)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from keberatan.domain import aturan, jendela, nilai
from keberatan.domain.errors import Ditolak, TidakSah
from keberatan.domain.pengaturan import Pengaturan


@pytest.mark.parametrize("alur, urutan", [
    ("PERMENPAN_6_2022", [("PENJELASAN", "DIAJUKAN", "DIJELASKAN")]),
    ("DKI", [("SANGGAHAN_ATASAN", "DIAJUKAN", "DISANGGAH_ATASAN"),
             ("SANGGAHAN_PENILAI", "DISANGGAH_ATASAN", "DISANGGAH_PENILAI")]),
])
def test_each_chain_reaches_the_decision_in_order(alur, urutan):
    status = "DIAJUKAN"
    for aksi, asal, tujuan in urutan:
        with pytest.raises(Ditolak):
            aturan.langkah(alur, aturan.PUTUSKAN, status)  # no decision before the chain ends
        assert aturan.langkah(alur, aksi, asal) == tujuan
        status = tujuan
    assert aturan.langkah(alur, aturan.PUTUSKAN, status) is None
    assert aturan.menunggu(alur, status) == aturan.PEMUTUS


@pytest.mark.parametrize("status", ["TERLAMBAT", "DISETUJUI", "DITOLAK", "DITARIK"])
@pytest.mark.parametrize("aksi", ["KEPUTUSAN", "DITARIK"])
def test_a_closed_or_late_keberatan_takes_no_step(status, aksi):
    with pytest.raises(Ditolak) as exc:
        aturan.langkah("PERMENPAN_6_2022", aksi, status)
    assert exc.value.kode in ("keberatan-terlambat", "keberatan-selesai")
    assert aturan.menunggu("PERMENPAN_6_2022", status) is None


def test_who_waits_and_whose_sanggahan():
    assert aturan.menunggu("PERMENPAN_6_2022", "DIAJUKAN") == aturan.PEJABAT_PENILAI
    assert aturan.menunggu("DKI", "DIAJUKAN") == aturan.PEMUTUS
    assert aturan.menunggu("DKI", "DISANGGAH_ATASAN") == aturan.PEJABAT_PENILAI
    assert aturan.sanggahan_berikut("DKI", "DIAJUKAN") == aturan.SANGGAHAN_ATASAN
    assert aturan.sanggahan_berikut("DKI", "DISANGGAH_ATASAN") == aturan.SANGGAHAN_PENILAI
    with pytest.raises(Ditolak):
        aturan.sanggahan_berikut("PERMENPAN_6_2022", "DIAJUKAN")


def test_the_window_ends_at_local_midnight_after_the_last_day():
    ditetapkan = datetime(2099, 3, 3, 9, 0, tzinfo=timezone.utc)  # 16:00 WIB, 17:00 WITA
    wib = jendela.batas_pengajuan(ditetapkan, 14, jendela.zona(None))
    assert wib == datetime(2099, 3, 17, 17, 0, tzinfo=timezone.utc)
    assert jendela.batas_pengajuan(ditetapkan, 14, jendela.zona("WITA")) == datetime(
        2099, 3, 17, 16, 0, tzinfo=timezone.utc)
    assert not jendela.terlambat(datetime(2099, 3, 17, 16, 59, 59, tzinfo=timezone.utc), wib)
    assert jendela.terlambat(wib, wib)
    assert str(jendela.zona("Europe/Paris")) == "Asia/Jakarta"


def test_settings_take_their_defaults_for_missing_or_unusable_keys():
    assert Pengaturan.dari(None) == Pengaturan(14, "PERMENPAN_6_2022", None, "Asia/Jakarta")
    assert Pengaturan.dari({"jendela_keberatan_hari": True, "alur_keberatan": "X",
                            "pemutus_keberatan_pegawai_id": ""}) == Pengaturan()
    assert Pengaturan.dari({"jendela_keberatan_hari": 30, "alur_keberatan": "DKI",
                            "pemutus_keberatan_pegawai_id": "p9", "zona_waktu": "WIT"}) == \
        Pengaturan(30, "DKI", "p9", "WIT")


def test_the_asked_predikat_follows_the_permenpan_matrix():
    assert nilai.predikat("DI_ATAS_EKSPEKTASI", "DI_ATAS_EKSPEKTASI") == "SANGAT_BAIK"
    assert nilai.predikat("DI_BAWAH_EKSPEKTASI", "SESUAI_EKSPEKTASI") == "BUTUH_PERBAIKAN"
    assert nilai.predikat("SESUAI_EKSPEKTASI", None) is None


def test_values_must_fit_the_model():
    medan = {"rating_hasil_kerja": "rh", "rating_perilaku": "rp", "nilai_pp30": "pp30"}
    with pytest.raises(TidakSah) as exc:
        nilai.periksa("PP_30_2019", rating_hasil_kerja="SESUAI_EKSPEKTASI", rating_perilaku=None,
                      nilai_pp30={"KEPEMIMPINAN": 1}, aspek=("KOMITMEN",), medan=medan,
                      wajib=True)
    assert set(exc.value.errors) == {"rh", "pp30.KEPEMIMPINAN"}
    with pytest.raises(TidakSah) as exc:
        nilai.periksa("PERMENPAN_6_2022", rating_hasil_kerja=None, rating_perilaku=None,
                      nilai_pp30=None, aspek=(), medan=medan, wajib=True)
    assert set(exc.value.errors) == {"rh"}
    assert nilai.aspek_berlaku({"KOMITMEN": "90"}) == ("KOMITMEN",)
    assert nilai.aspek_berlaku(None) == nilai.ASPEK_PP30
