"""POST /skp loads only the part of the instansi's structure around the pegawai
(``identitas.struktur_sekitar``: his unor chain, its heads, PLT/PLH, manual overrides) instead of
the whole instansi. It must decide pejabat penilai, atasan pejabat penilai, PLT roles and their
penilai exactly as the whole structure does."""
from __future__ import annotations

from datetime import date

import pytest

from kinerja_shared import relasi
from kinerja_shared.events.contracts.identity import (PegawaiDiperbarui, RelasiManualDiperbarui,
                                                      UnorDiperbarui)
from skp.adapters import identitas
from skp.adapters.tables import pegawai_ref

DATES = [date(2026, 1, 1), date(2026, 4, 1), date(2026, 10, 1)]


def _twists(world) -> None:
    """Everything that moves a pejabat penilai: a PLT in another unit, a PLH, a vacant unit
    passing the role up, a manual override naming someone far away, an inactive head."""
    k = world.kirim
    k(world.PltPlhDiperbarui(id="plt-a", instansi_id="i-bkn", pegawai_id="jf3", unor_id="u-bid1",
                             jenis="PLT", mulai=date(2026, 3, 1), selesai=date(2026, 8, 31),
                             revisi=1), "plt-a")
    k(world.PltPlhDiperbarui(id="plh-b", instansi_id="i-bkn", pegawai_id="jf1", unor_id="u-bid2",
                             jenis="PLH", mulai=date(2026, 9, 1), revisi=1), "plh-b")
    k(UnorDiperbarui(id="u-sub", instansi_id="i-bkn", nama="Sub (kosong)", unor_atasan_id="u-bid2",
                     eselon="41", revisi=1), "u-sub")
    k(UnorDiperbarui(id="u-subsub", instansi_id="i-bkn", nama="Subsub", unor_atasan_id="u-sub",
                     revisi=1), "u-subsub")
    for pid, unor, jenis, aktif in [("st1", "u-sub", "PEGAWAI", True),
                                    ("st2", "u-subsub", "PEGAWAI", True),
                                    ("st3", "u-subsub", "PIMPINAN", False)]:
        k(PegawaiDiperbarui(id=pid, instansi_id="i-bkn", nip=f"19990101202001100{pid[-1]}",
                            nama=pid, unor_id=unor, jenis_jabatan=jenis, aktif=aktif,
                            kategori_jabatan="FUNGSIONAL", revisi=1), pid)
    k(RelasiManualDiperbarui(pegawai_id="jf2", instansi_id="i-bkn", atasan_langsung_id="st2",
                             revisi=1), "jf2")
    k(RelasiManualDiperbarui(pegawai_id="st2", instansi_id="i-bkn", atasan_langsung_id="kabid2",
                             revisi=1), "st2")


def test_the_partial_structure_answers_like_the_whole_instansi(runtime, world):
    _twists(world)
    with runtime.uow() as uow:
        s = uow.session
        semua = identitas.struktur(s, "i-bkn")
        people = s.execute(pegawai_ref.select().where(pegawai_ref.c.instansi_id == "i-bkn")
                           ).mappings().all()
        for p in people:
            for tanggal in DATES:
                bagian = identitas.struktur_sekitar(s, "i-bkn", [p["id"]])
                penilai = relasi.atasan_langsung(bagian, p["id"], tanggal)
                assert penilai == relasi.atasan_langsung(semua, p["id"], tanggal), (p["id"], tanggal)
                if penilai and not identitas.mencakup(bagian, penilai):
                    bagian = identitas.struktur_sekitar(s, "i-bkn", [p["id"], penilai])
                if penilai:
                    assert relasi.atasan_langsung(bagian, penilai, tanggal) == \
                        relasi.atasan_langsung(semua, penilai, tanggal), (p["id"], penilai)
        for unor_id in ("u-bid1", "u-bid2", "u-sub", "u-subsub"):
            bagian = identitas.struktur_sekitar(s, "i-bkn", [], [unor_id])
            for tanggal in DATES:
                assert identitas.penilai_peran_plt(bagian, unor_id, tanggal) == \
                    identitas.penilai_peran_plt(semua, unor_id, tanggal)
                assert relasi.pimpinan_unor(bagian, unor_id, tanggal) == \
                    relasi.pimpinan_unor(semua, unor_id, tanggal)


@pytest.mark.parametrize("who, awal, penilai, atasan", [
    ("jf1", "2026-01-01", "kabid1", "kadis"),
    ("jf1", "2026-04-01", "jf3", "kabid2"),   # the PLT of Bidang Satu (own unit: Bidang Dua)
    ("jf2", "2026-01-01", "st2", "kabid2"),   # manual override to someone in another branch
    ("st1", "2026-01-01", "kabid2", "kadis"),
    ("st2", "2026-01-01", "kabid2", "kadis"),  # vacant units pass the role up (st3 inactive)
    ("kabid2", "2026-10-01", "kadis", None),
])
def test_post_skp_resolves_penilai_through_the_partial_structure(api, world, who, awal, penilai,
                                                                 atasan):
    _twists(world)
    r = api.post("admin", "/skp", {"pegawai_id": who, "periode_awal": awal,
                                   "periode_akhir": "2026-12-31"})
    assert r.status_code == 201, r.json
    assert (r.json["pejabat_penilai"] or {}).get("id") == penilai
    assert (r.json["atasan_pejabat_penilai"] or {}).get("id") == atasan


def test_a_plt_role_through_the_partial_structure(api, world):
    _twists(world)
    r = api.post("jf3", "/skp", {"periode_awal": "2026-03-01", "periode_akhir": "2026-08-31",
                                 "plt_unor_id": "u-bid1"})
    assert r.status_code == 201, r.json
    assert r.json["pejabat_penilai"]["id"] == "kadis" and r.json["plt_unor_id"] == "u-bid1"
    r = api.post("jf3", "/skp", {"periode_awal": "2026-09-01", "periode_akhir": "2026-12-31",
                                 "plt_unor_id": "u-bid1"})
    assert r.status_code == 422  # no longer PLT there
