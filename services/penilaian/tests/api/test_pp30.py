"""The PP 30/2019 flow through the API, on the worked example of tests/unit/test_pp30.py."""
from __future__ import annotations

from kinerja_shared.events.contracts import skp as skpev


def test_pp30_scores_and_predikat(world, client):
    world.periode(final=True)
    peg, pen = world.pegawai(), world.pegawai()
    rhk = [skpev.RhkSnapshot(id="k1", jenis="UTAMA", uraian="Kegiatan", target_kuantitas="10",
                             satuan="dokumen", target_kualitas="100", target_waktu="12")]
    world.skp(peg, pen, model="PP_30_2019", rhk=rhk)
    pid = world.penilaian(client, peg)[0]["id"]
    r = client.put(f"/penilaian/{pid}/pp30/realisasi/k1",
                   json={"kuantitas": 10, "kualitas": 90, "waktu": 12}, headers=world.h(peg))
    assert r.status_code == 200, r.json
    assert r.json["nilai_skp"] == "88.67"  # (100 + 90 + 76) / 3; waktu on target scores 76
    r = client.put(f"/penilaian/{pid}/pp30/perilaku", json={"nilai": {
        "ORIENTASI_PELAYANAN": 80, "KOMITMEN": 90, "INISIATIF_KERJA": 85, "KERJA_SAMA": 85}},
        headers=world.h(pen))
    assert r.status_code == 200, r.json
    assert (r.json["nilai_perilaku"], r.json["nilai_kinerja"], r.json["predikat"]) == (
        "85.00", "87.57", "BUTUH_PERBAIKAN")
    assert client.put(f"/penilaian/{pid}/pp30/perilaku", json={"nilai": {"KOMITMEN": 80}},
                      headers=world.h(pen)).status_code == 422
    r = client.post(f"/penilaian/{pid}/pp30/tugas-tambahan", json={"uraian": "Panitia", "jumlah": 4},
                    headers=world.h(peg))
    assert r.status_code == 201 and r.json["nilai_skp"] == "90.67"  # +2 for 4-6 tugas tambahan
    assert client.put(f"/penilaian/{pid}/rating", json={"rating_perilaku": "SESUAI_EKSPEKTASI"},
                      headers=world.h(pen)).status_code == 409
    t = client.post(f"/penilaian/{pid}/tetapkan", headers=world.h(pen))
    assert t.status_code == 200 and t.json["status"] == "DITETAPKAN"
    assert (t.json["nilai_kinerja"], t.json["predikat"]) == ("88.97", "BUTUH_PERBAIKAN")  # 63.469 + 25.5
