"""The resolution rules of DOMAIN.md §1 on a small Badan:

    badan (kepala: KEPALA)
      sekretariat (SEKRETARIS)
        subbag_umum (KASUBBAG; staff: STAF_UMUM)
      bidang_a (vacant; staff: ANALIS)
        seksi_a1 (KASI; staff: PELAKSANA)
      upt (mandiri, head: KEPALA_UPT)
"""
from datetime import date

from kinerja_shared.relasi import (
    Orang,
    Penugasan,
    RelasiManual,
    Struktur,
    UnorNode,
    membentuk_siklus,
    pimpinan_unor,
    resolve,
)

D = date(2025, 6, 1)


def struktur(**kwargs) -> Struktur:
    unor = {u.id: u for u in [
        UnorNode("badan"),
        UnorNode("sekretariat", "badan"),
        UnorNode("subbag_umum", "sekretariat"),
        UnorNode("bidang_a", "badan"),
        UnorNode("seksi_a1", "bidang_a"),
        UnorNode("upt", "badan"),
    ]}
    orang = {o.id: o for o in [
        Orang("KEPALA", "badan", True),
        Orang("SEKRETARIS", "sekretariat", True),
        Orang("KASUBBAG", "subbag_umum", True),
        Orang("STAF_UMUM", "subbag_umum"),
        Orang("ANALIS", "bidang_a"),
        Orang("KASI", "seksi_a1", True),
        Orang("PELAKSANA", "seksi_a1"),
        Orang("KEPALA_UPT", "upt", True),
    ]}
    return Struktur(unor, orang, **kwargs)


def test_staff_of_a_unor_are_assessed_by_its_pimpinan():
    r = resolve(struktur(), "STAF_UMUM", D)
    assert r.atasan_langsung == r.pejabat_penilai == "KASUBBAG"
    assert r.atasan_ii == r.atasan_pejabat_penilai == "SEKRETARIS"
    assert r.atasan_iii == "KEPALA"
    assert r.bawahan == []


def test_the_pimpinan_of_a_unor_is_assessed_by_the_pimpinan_above():
    r = resolve(struktur(), "KASUBBAG", D)
    assert r.pejabat_penilai == "SEKRETARIS"
    assert r.atasan_pejabat_penilai == "KEPALA"
    assert r.atasan_iii is None
    assert r.bawahan == ["STAF_UMUM"]


def test_a_vacant_unor_passes_the_role_up():
    s = struktur()
    assert resolve(s, "ANALIS", D).pejabat_penilai == "KEPALA"
    assert resolve(s, "KASI", D).pejabat_penilai == "KEPALA"
    assert set(resolve(s, "KEPALA", D).bawahan) == {"SEKRETARIS", "ANALIS", "KASI", "KEPALA_UPT"}


def test_a_vacant_unor_with_an_active_plt_is_headed_by_the_plt():
    plt = Penugasan("SEKRETARIS", "bidang_a", "PLT", date(2025, 1, 1), date(2025, 12, 31))
    s = struktur(penugasan=[plt])
    assert pimpinan_unor(s, "bidang_a", D) == "SEKRETARIS"
    assert resolve(s, "ANALIS", D).pejabat_penilai == "SEKRETARIS"
    assert resolve(s, "KASI", D).pejabat_penilai == "SEKRETARIS"
    assert resolve(s, "PELAKSANA", D).atasan_pejabat_penilai == "SEKRETARIS"
    assert set(resolve(s, "SEKRETARIS", D).bawahan) == {"KASUBBAG", "ANALIS", "KASI"}
    # the PLT himself is still assessed for his own position by the head above
    assert resolve(s, "SEKRETARIS", D).pejabat_penilai == "KEPALA"


def test_an_expired_or_inactive_plt_no_longer_heads_the_unor():
    expired = Penugasan("SEKRETARIS", "bidang_a", "PLT", date(2025, 1, 1), date(2025, 3, 31))
    s = struktur(penugasan=[expired])
    assert resolve(s, "ANALIS", D).pejabat_penilai == "KEPALA"
    assert resolve(s, "ANALIS", date(2025, 3, 31)).pejabat_penilai == "SEKRETARIS"
    inactive = Penugasan("SEKRETARIS", "bidang_a", "PLT", date(2025, 1, 1), None, aktif=False)
    assert resolve(struktur(penugasan=[inactive]), "ANALIS", D).pejabat_penilai == "KEPALA"


def test_a_plt_comes_before_a_plh_and_the_definitive_head():
    plh = Penugasan("STAF_UMUM", "subbag_umum", "PLH", date(2025, 6, 1), date(2025, 6, 5))
    s = struktur(penugasan=[plh])
    assert pimpinan_unor(s, "subbag_umum", D) == "STAF_UMUM"
    plt = Penugasan("ANALIS", "subbag_umum", "PLT", date(2025, 6, 1), date(2025, 6, 5))
    assert pimpinan_unor(struktur(penugasan=[plh, plt]), "subbag_umum", D) == "ANALIS"


def test_a_plh_standing_in_for_the_head_never_assesses_that_head():
    plh = Penugasan("STAF_UMUM", "subbag_umum", "PLH", date(2025, 6, 1), date(2025, 6, 5))
    s = struktur(penugasan=[plh])
    assert resolve(s, "KASUBBAG", D).pejabat_penilai == "SEKRETARIS"
    assert resolve(s, "STAF_UMUM", D).pejabat_penilai == "SEKRETARIS"
    assert "KASUBBAG" not in resolve(s, "STAF_UMUM", D).bawahan


def test_the_head_of_a_mandiri_unor_is_a_jpt_assessed_by_the_head_above():
    r = resolve(struktur(), "KEPALA_UPT", D)
    assert r.pejabat_penilai == "KEPALA"
    assert r.atasan_pejabat_penilai is None


def test_the_top_of_the_tree_has_no_atasan():
    r = resolve(struktur(), "KEPALA", D)
    assert r.atasan_langsung is None and r.atasan_ii is None and r.atasan_iii is None


def test_manual_overrides_replace_the_tree():
    manual = {"PELAKSANA": RelasiManual(atasan_langsung_id="SEKRETARIS", rekan_kerja_ids=("STAF_UMUM",))}
    s = struktur(manual=manual)
    r = resolve(s, "PELAKSANA", D)
    assert r.atasan_langsung == "SEKRETARIS"
    assert r.atasan_ii == "KEPALA"
    assert r.rekan_kerja == ["STAF_UMUM"]
    assert "PELAKSANA" not in resolve(s, "KASI", D).bawahan
    assert "PELAKSANA" in resolve(s, "SEKRETARIS", D).bawahan
    manual_ii = {"STAF_UMUM": RelasiManual(atasan_ii_id="KEPALA", bawahan_ids=("ANALIS",))}
    r = resolve(struktur(manual=manual_ii), "STAF_UMUM", D)
    assert (r.atasan_langsung, r.atasan_ii, r.bawahan) == ("KASUBBAG", "KEPALA", ["ANALIS"])


def test_rekan_kerja_share_the_atasan_langsung():
    assert set(resolve(struktur(), "ANALIS", D).rekan_kerja) == {"KASI", "KEPALA_UPT", "SEKRETARIS"}
    assert resolve(struktur(), "STAF_UMUM", D).rekan_kerja == []


def test_a_cycle_in_the_unor_tree_is_detected():
    unor = struktur().unor
    assert membentuk_siklus(unor, "sekretariat", "subbag_umum")
    assert membentuk_siklus(unor, "badan", "badan")
    assert not membentuk_siklus(unor, "subbag_umum", "bidang_a")
    assert not membentuk_siklus(unor, "upt", None)
