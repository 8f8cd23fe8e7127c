"""A teacher's PMM scores (PmmNilaiDiimpor) set on the penilaian of the SKP skp made of the same
import, whether they arrive before or after skp's SkpDisetujui; the predikat is published as a
penetapan; a newer PMM revision republishes, an older one changes nothing."""
from __future__ import annotations

from datetime import date

from kinerja_shared.events.contracts.integration import PmmNilaiDiimpor, skp_id_pmm

NIP = "198001012005011001"


def _nilai(world, revisi, predikat="BAIK", perilaku="DI_ATAS_EKSPEKTASI"):
    world.feed(PmmNilaiDiimpor(instansi_id=world.instansi_id, nip=NIP, tahun=2099,
                               periode="2099-S1", rating_hasil_kerja="SESUAI_EKSPEKTASI",
                               rating_perilaku=perilaku, predikat=predikat, revisi=revisi),
               f"{NIP}:2099-S1")


def _published(world, pid):
    world.runtime.relay.drain()
    return [(e.payload["revisi"], e.payload["predikat"])
            for e in world.runtime.publisher.envelopes("PredikatDitetapkan")
            if e.instansi_id == world.instansi_id and e.payload["penilaian_id"] == pid]


def test_scores_arriving_before_the_skp_are_set_when_its_penilaian_opens(world, client):
    world.instansi()
    world.periode(awal=(1, 1), akhir=(6, 30))
    guru, kepsek = world.pegawai(), world.pegawai(pimpinan=True)
    _nilai(world, 1)  # the scores first: nothing to set yet
    world.skp(guru, kepsek, skp_id=skp_id_pmm(NIP, "2099-S1"), awal=date(2099, 1, 1),
              akhir=date(2099, 6, 30))
    (pen,) = world.penilaian(client, guru)
    assert (pen["status"], pen["predikat"], pen["rating_perilaku"], pen["revisi"]) == \
        ("DITETAPKAN", "BAIK", "DI_ATAS_EKSPEKTASI", 1)
    assert _published(world, pen["id"]) == [(1, "BAIK")]
    riwayat = client.get(f"/penilaian/{pen['id']}/riwayat", headers=world.h(kepsek)).json
    assert "IMPOR_PMM" in {r["aksi"] for r in riwayat}


def test_a_newer_pmm_revision_republishes_and_an_older_one_changes_nothing(world, client):
    world.instansi()
    world.periode(awal=(1, 1), akhir=(6, 30))
    guru, kepsek = world.pegawai(), world.pegawai(pimpinan=True)
    world.skp(guru, kepsek, skp_id=skp_id_pmm(NIP, "2099-S1"), awal=date(2099, 1, 1),
              akhir=date(2099, 6, 30))
    _nilai(world, 1)
    _nilai(world, 2, predikat="SANGAT_BAIK")
    _nilai(world, 1, predikat="KURANG")  # late and older
    _nilai(world, 2, predikat="SANGAT_BAIK")  # the same again
    (pen,) = world.penilaian(client, guru)
    assert (pen["predikat"], pen["revisi"]) == ("SANGAT_BAIK", 2)
    assert _published(world, pen["id"]) == [(1, "BAIK"), (2, "SANGAT_BAIK")]
