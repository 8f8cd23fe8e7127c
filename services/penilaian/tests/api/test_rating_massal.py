"""Bulk rating of a unit (POST /penilaian/rating-massal): rows are loaded and locked in one
query and saved in one statement, with the same outcome per row as one rating at a time."""
from __future__ import annotations

SESUAI, DI_ATAS, DI_BAWAH = "SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
RATINGS = [(DI_ATAS, DI_ATAS, "SANGAT_BAIK"), (SESUAI, SESUAI, "BAIK"),
           (SESUAI, DI_BAWAH, "KURANG"), (DI_BAWAH, SESUAI, "BUTUH_PERBAIKAN"),
           (DI_BAWAH, DI_BAWAH, "SANGAT_KURANG"), (DI_ATAS, SESUAI, "BAIK")]


def _unit(world, client, n):
    periode = world.periode(final=True)
    induk = world.unor()
    anak = world.unor(induk=induk)
    kepala = world.pegawai(induk, pimpinan=True)
    staf = [world.pegawai(anak) for _ in range(n)]
    for p in staf:
        world.skp(p, kepala, unor_id=anak)
    return periode, induk, kepala, staf, {p: world.penilaian(client, p)[0]["id"] for p in staf}


def _massal(client, world, kepala, items, **kw):
    return client.post("/penilaian/rating-massal", json={"items": items, **kw},
                       headers=world.h(kepala))


def test_every_row_gets_its_own_ratings_predikat_and_history(world, client):
    _periode, induk, kepala, staf, ids = _unit(world, client, n=6)
    items = [{"penilaian_id": ids[p], "rating_hasil_kerja": rh, "rating_perilaku": rp}
             for p, (rh, rp, _) in zip(staf, RATINGS)]
    dry = _massal(client, world, kepala, items, dry_run=True)
    assert dry.status_code == 200, dry.json
    assert [h["predikat"] for h in dry.json["hasil"]] == [x[2] for x in RATINGS]
    assert dry.json["distribusi"][0]["unor_induk_id"] == induk
    assert dry.json["distribusi"][0]["dinilai"] == 6
    assert all(world.penilaian(client, p)[0]["predikat"] is None for p in staf)

    saved = _massal(client, world, kepala, items, justifikasi="Rapat kinerja")
    assert saved.status_code == 200, saved.json
    for p, (rh, rp, predikat) in zip(staf, RATINGS):
        row = client.get(f"/penilaian/{ids[p]}", headers=world.h(kepala)).json
        assert (row["rating_hasil_kerja"], row["rating_perilaku"], row["predikat"]) == (
            rh, rp, predikat)
        riwayat = client.get(f"/penilaian/{ids[p]}/riwayat", headers=world.h(kepala)).json
        [massal] = [r for r in riwayat if r["aksi"] == "RATING_MASSAL"]
        assert massal["oleh_pegawai_id"] == kepala and massal["alasan"] == "Rapat kinerja"
        assert massal["sebelum"]["predikat"] is None and massal["sesudah"]["predikat"] == predikat

    # again: "sebelum" is what the first bulk call saved
    items2 = [{**i, "rating_hasil_kerja": SESUAI, "rating_perilaku": SESUAI} for i in items]
    assert _massal(client, world, kepala, items2, justifikasi="Ulang").status_code == 200
    riwayat = client.get(f"/penilaian/{ids[staf[0]]}/riwayat", headers=world.h(kepala)).json
    last = [r for r in riwayat if r["aksi"] == "RATING_MASSAL"][-1]
    assert (last["sebelum"]["predikat"], last["sesudah"]["predikat"]) == ("SANGAT_BAIK", "BAIK")


def test_a_missing_or_locked_row_saves_nothing(world, client):
    _periode, _induk, kepala, staf, ids = _unit(world, client, n=3)
    items = [{"penilaian_id": ids[p], "rating_hasil_kerja": SESUAI, "rating_perilaku": SESUAI}
             for p in staf]
    r = _massal(client, world, kepala, [*items, {**items[0], "penilaian_id": "tidak-ada"}])
    assert r.status_code == 404
    assert all(world.penilaian(client, p)[0]["predikat"] is None for p in staf)

    one = ids[staf[2]]
    client.put(f"/penilaian/{one}/rating", json={"rating_hasil_kerja": SESUAI,
               "rating_perilaku": SESUAI, "justifikasi": "x"}, headers=world.h(kepala))
    assert client.post(f"/penilaian/{one}/tetapkan", headers=world.h(kepala)).status_code == 200
    changed = [{**i, "rating_perilaku": DI_ATAS} for i in items]
    assert _massal(client, world, kepala, changed, justifikasi="x").status_code == 409
    assert all(world.penilaian(client, p)[0]["predikat"] is None for p in staf[:2])
