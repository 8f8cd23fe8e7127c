"""Ratings -> predikat, pola distribusi with justification or block, bulk what-if, tetapkan and
its events, a keberatan decision republishing with revisi + 1, capaian organisasi, history."""
from __future__ import annotations

from datetime import datetime, timezone

from kinerja_shared.events.contracts.common import PegawaiRingkas
from kinerja_shared.events.contracts.keberatan import KeberatanDiputuskan

SESUAI, DI_ATAS, DI_BAWAH = "SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"


def _unit(world, client, n=3, final=True, **instansi):
    if instansi:
        world.instansi(**instansi)
    periode = world.periode(final=final)
    induk = world.unor()
    kepala = world.pegawai(induk, pimpinan=True)
    staf = [world.pegawai(induk) for _ in range(n)]
    for p in staf:
        world.skp(p, kepala, unor_id=induk)
    world.skp(kepala, world.id("bupati"), unor_id=induk, jenis="JPT")
    ids = {p: world.penilaian(client, p)[0]["id"] for p in [*staf, kepala]}
    return periode, induk, kepala, staf, ids


def _published(world, event_type):
    world.runtime.relay.drain()
    return [e for e in world.runtime.publisher.envelopes(event_type)
            if e.instansi_id == world.instansi_id]


def test_rating_answers_with_the_predikat_and_tetapkan_publishes(world, client):
    periode, induk, kepala, staf, ids = _unit(world, client)
    pid = ids[staf[0]]
    r = client.put(f"/penilaian/{pid}/rating", json={"rating_hasil_kerja": DI_ATAS,
                                                     "rating_perilaku": DI_ATAS},
                   headers=world.h(kepala))
    assert r.status_code == 200, r.json
    assert r.json["predikat"] == "SANGAT_BAIK"
    assert client.put(f"/penilaian/{pid}/rating", json={"rating_perilaku": SESUAI},
                      headers=world.h(staf[0])).status_code == 403
    t = client.post(f"/penilaian/{pid}/tetapkan", headers=world.h(kepala))
    assert t.status_code == 200 and t.json["status"] == "DITETAPKAN" and t.json["revisi"] == 1
    assert client.post(f"/penilaian/{pid}/tetapkan", headers=world.h(kepala)).status_code == 409
    assert client.put(f"/penilaian/{pid}/rating", json={"rating_hasil_kerja": SESUAI,
                      "rating_perilaku": SESUAI}, headers=world.h(kepala)).status_code == 409
    [d] = _published(world, "PredikatDitetapkan")
    [f] = _published(world, "PredikatFinal")
    assert f.payload["predikat"] == "SANGAT_BAIK" and f.payload["revisi"] == 1
    assert f.payload["pejabat_penilai"]["id"] == kepala and f.payload["tahun"] == 2099
    riwayat = client.get(f"/penilaian/{pid}/riwayat", headers=world.h(staf[0])).json
    assert [x["aksi"] for x in riwayat] == ["DIBUAT", "RATING", "DITETAPKAN"]
    assert riwayat[1]["oleh_pegawai_id"] == kepala and riwayat[1]["sesudah"]["predikat"] == "SANGAT_BAIK"


def test_a_non_final_period_publishes_no_predikat_final(world, client):
    _periode, _induk, kepala, staf, ids = _unit(world, client, n=1, final=False)
    client.put(f"/penilaian/{ids[staf[0]]}/rating", json={"rating_hasil_kerja": SESUAI,
               "rating_perilaku": SESUAI}, headers=world.h(kepala))
    client.post(f"/penilaian/{ids[staf[0]]}/tetapkan", headers=world.h(kepala))
    assert len(_published(world, "PredikatDitetapkan")) == 1
    assert _published(world, "PredikatFinal") == []


def test_keberatan_decision_republishes_with_the_next_revision(world, client):
    _periode, _induk, kepala, staf, ids = _unit(world, client, n=1)
    pid = ids[staf[0]]
    client.put(f"/penilaian/{pid}/rating", json={"rating_hasil_kerja": SESUAI,
               "rating_perilaku": DI_BAWAH}, headers=world.h(kepala))
    client.post(f"/penilaian/{pid}/tetapkan", headers=world.h(kepala))
    event = KeberatanDiputuskan(
        keberatan_id="k1", penilaian_id=pid, pegawai_id=staf[0], keputusan="DISETUJUI",
        uraian="Bukti lengkap", rating_perilaku=SESUAI, predikat_sebelum="KURANG",
        pemutus=PegawaiRingkas(id="atasan-1", nama="Atasan"),
        diputuskan_at=datetime(2100, 2, 1, tzinfo=timezone.utc))
    world.feed(event, "k1")
    finals = _published(world, "PredikatFinal")
    assert [(e.payload["revisi"], e.payload["predikat"]) for e in finals] == [
        (1, "KURANG"), (2, "BAIK")]
    body = client.get(f"/penilaian/{pid}", headers=world.h(staf[0])).json
    assert body["predikat"] == "BAIK"
    assert "KEBERATAN" in [x["aksi"] for x in client.get(f"/penilaian/{pid}/riwayat",
                                                          headers=world.h(kepala)).json]


def test_breaking_the_pola_needs_a_justification(world, client):
    periode, induk, kepala, staf, ids = _unit(world, client, n=2)
    cap = client.post("/capaian-organisasi", json={"periode_id": periode, "unor_induk_id": induk,
                                                   "capaian": "KURANG"}, headers=world.admin())
    assert cap.status_code == 201, cap.json
    url = f"/penilaian/{ids[staf[0]]}/rating"
    body = {"rating_hasil_kerja": DI_ATAS, "rating_perilaku": DI_ATAS}  # Sangat Baik > 10%
    r = client.put(url, json=body, headers=world.h(kepala))
    assert r.status_code == 422 and r.json["type"].endswith("justifikasi-diperlukan")
    ok = client.put(url, json={**body, "justifikasi": "Inovasi nasional"}, headers=world.h(kepala))
    assert ok.status_code == 200 and ok.json["predikat"] == "SANGAT_BAIK"
    stat = client.get(f"/capaian-organisasi/{cap.json['id']}/statistik", headers=world.admin()).json
    assert stat["jumlah"] == {"SANGAT_BAIK": 1} and stat["pegawai_total"] == 3
    assert not stat["sesuai"]
    assert "Sangat Baik paling banyak 10%" in [a["uraian"] for a in stat["aturan"] if a["dilanggar"]]
    # the pimpinan's rating hasil kerja follows the capaian (KURANG -> Di Bawah Ekspektasi)
    assert client.get(f"/capaian-organisasi/{cap.json['id']}/statistik",
                      headers=world.h(kepala)).status_code == 200
    assert client.get(f"/capaian-organisasi/{cap.json['id']}/statistik",
                      headers=world.h(staf[1])).status_code == 403


def test_blocking_instansi_refuses_a_breaking_predikat(world, client):
    periode, induk, kepala, staf, ids = _unit(world, client, n=2, penegakan_distribusi="BLOKIR")
    client.post("/capaian-organisasi", json={"periode_id": periode, "unor_induk_id": induk,
                                             "capaian": "SANGAT_KURANG"}, headers=world.admin())
    r = client.put(f"/penilaian/{ids[staf[0]]}/rating", json={
        "rating_hasil_kerja": SESUAI, "rating_perilaku": DI_ATAS, "justifikasi": "x"},
        headers=world.h(kepala))
    assert r.status_code == 200  # Baik is allowed while 60% Sangat Kurang is still reachable
    r = client.put(f"/penilaian/{ids[staf[1]]}/rating", json={
        "rating_hasil_kerja": DI_ATAS, "rating_perilaku": DI_ATAS, "justifikasi": "x"},
        headers=world.h(kepala))
    assert r.status_code == 409 and r.json["type"].endswith("pola-distribusi-dilanggar")


def test_bulk_rating_dry_run_shows_the_distribution_then_saves(world, client):
    periode, induk, kepala, staf, ids = _unit(world, client, n=4)
    cap = client.post("/capaian-organisasi", json={"periode_id": periode, "unor_induk_id": induk,
                                                   "capaian": "BAIK"}, headers=world.admin()).json
    items = [{"penilaian_id": ids[p], "rating_hasil_kerja": SESUAI, "rating_perilaku": SESUAI}
             for p in staf]
    dry = client.post("/penilaian/rating-massal", json={"items": items, "dry_run": True},
                      headers=world.h(kepala))
    assert dry.status_code == 200, dry.json
    [d] = dry.json["distribusi"]  # 5 penilaian in the unit: 4 staf and the kepala (unrated)
    assert d["jumlah"] == {"BAIK": 4} and d["capaian"] == "BAIK" and d["total"] == 5
    assert dry.json["sesuai"] is False
    assert [a["uraian"] for a in d["aturan"] if a["dilanggar"]] == ["Baik paling banyak 70%"]
    items[3] = {**items[3], "rating_perilaku": DI_BAWAH}
    dry = client.post("/penilaian/rating-massal", json={"items": items, "dry_run": True},
                      headers=world.h(kepala)).json
    assert dry["distribusi"][0]["jumlah"] == {"BAIK": 3, "KURANG": 1} and dry["sesuai"] is True
    assert client.get(f"/penilaian/{ids[staf[0]]}", headers=world.h(kepala)).json["predikat"] is None
    saved = client.post("/penilaian/rating-massal", json={"items": items},
                        headers=world.h(kepala))
    assert saved.status_code == 200
    assert client.get(f"/penilaian/{ids[staf[0]]}", headers=world.h(kepala)).json["predikat"] == "BAIK"
    assert client.post(f"/capaian-organisasi/{cap['id']}/final", headers=world.admin()).json[
        "peringatan"]


def test_pimpinan_rating_hasil_kerja_follows_capaian(world, client):
    periode, induk, kepala, staf, ids = _unit(world, client, n=1)
    client.post("/capaian-organisasi", json={"periode_id": periode, "unor_induk_id": induk,
                                             "capaian": "ISTIMEWA"}, headers=world.admin())
    bupati = world.penilaian(client, kepala)[0]["pejabat_penilai"]["id"]
    r = client.put(f"/penilaian/{ids[kepala]}/rating", json={"rating_perilaku": DI_ATAS,
                                                           "justifikasi": "x"},
                   headers=world.h(bupati))
    assert r.status_code == 200, r.json
    assert (r.json["rating_hasil_kerja"], r.json["predikat"]) == (DI_ATAS, "SANGAT_BAIK")
    assert client.put(f"/penilaian/{ids[kepala]}/rating", json={
        "rating_hasil_kerja": DI_BAWAH, "rating_perilaku": DI_ATAS}, headers=world.h(bupati)
    ).status_code == 409
