import pytest

from identity.domain.golongan import GOLONGAN, golongan_valid, pangkat
from identity.domain.nip import NipTidakValid, periksa_nik, periksa_nip, tanggal_lahir


def test_a_well_formed_nip_is_accepted_and_gives_the_birth_date():
    assert periksa_nip(" 199106192020122005 ") == "199106192020122005"
    assert tanggal_lahir("199106192020122005").isoformat() == "1991-06-19"


@pytest.mark.parametrize("nip", ["19910619202012200", "1991061920201220051", "19910619202012200a", ""])
def test_a_nip_that_is_not_18_digits_is_refused(nip):
    with pytest.raises(NipTidakValid, match="18 digit"):
        periksa_nip(nip)


@pytest.mark.parametrize("nip", ["199102302020122005", "199113012020121001", "000001012020121001"])
def test_a_nip_without_a_real_birth_date_is_refused(nip):
    with pytest.raises(NipTidakValid, match="tanggal lahir"):
        periksa_nip(nip)


def test_odd_tmt_month_codes_are_accepted_for_special_recruitment_and_pppk():
    assert periksa_nip("199001012020211001")  # month code 21
    assert periksa_nip("199001012020991001")


def test_the_sex_digit_must_be_1_or_2():
    with pytest.raises(NipTidakValid, match="jenis kelamin"):
        periksa_nip("199001012020013001")


def test_a_nik_is_16_digits():
    assert periksa_nik("1234567891011121") == "1234567891011121"
    with pytest.raises(NipTidakValid):
        periksa_nik("12345")


def test_golongan_follow_the_regulation_table():
    assert len(GOLONGAN) == 17
    assert pangkat("III/a") == "Penata Muda"
    assert pangkat("IV/e") == "Pembina Utama"
    assert GOLONGAN["II/b"] == ("Pengatur Muda Tingkat I", 22)
    assert not golongan_valid("III/e")
    assert not golongan_valid("iii/a")
