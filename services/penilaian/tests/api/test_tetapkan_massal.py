"""Bulk penetapan (POST /penilaian/tetapkan-massal): each penilaian as one ``tetapkan`` would
leave it (status, revisi, riwayat, PredikatDitetapkan / PredikatFinal / PenilaianDiperbarui),
all or nothing, and the events staged by type so consumers get long runs."""
from __future__ import annotations

SESUAI, DI_ATAS = "SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"


def _unit(world, client, n=3, final=True):
    world.periode(final=final)
    induk = world.unor()
    kepala = world.pegawai(induk, pimpinan=True)
    staf = [world.pegawai(induk) for _ in range(n)]
    for p in staf:
        world.skp(p, kepala, unor_id=induk)
    ids = [world.penilaian(client, p)[0]["id"] for p in staf]
    items = [{"penilaian_id": i, "rating_hasil_kerja": SESUAI, "rating_perilaku": SESUAI}
             for i in ids]
    r = client.post("/penilaian/rating-massal", json={"items": items, "justifikasi": "Rapat"},
                    headers=world.h(kepala))
    assert r.status_code == 200, r.json
    world.runtime.relay.drain()
    return kepala, staf, ids


def _published(world, *event_types):
    world.runtime.relay.drain()
    return [e for e in world.runtime.publisher.envelopes()
            if e.instansi_id == world.instansi_id and e.event_type in event_types]


def _tetapkan(client, world, kepala, ids):
    return client.post("/penilaian/tetapkan-massal", json={"penilaian_ids": ids},
                       headers=world.h(kepala))


def test_each_penilaian_is_set_as_one_call_would_set_it(world, client):
    kepala, staf, ids = _unit(world, client)
    before = {e.event_id for e in _published(world, "PenilaianDiperbarui")}
    r = _tetapkan(client, world, kepala, ids)
    assert r.status_code == 200, r.json
    assert r.json["jumlah"] == 3
    assert [(h["penilaian_id"], h["status"], h["predikat"], h["revisi"])
            for h in r.json["hasil"]] == [(i, "DITETAPKAN", "BAIK", 1) for i in ids]
    for pid, pegawai in zip(ids, staf):
        row = client.get(f"/penilaian/{pid}", headers=world.h(pegawai)).json
        assert (row["status"], row["revisi"]) == ("DITETAPKAN", 1)
        riwayat = client.get(f"/penilaian/{pid}/riwayat", headers=world.h(pegawai)).json
        [t] = [x for x in riwayat if x["aksi"] == "DITETAPKAN"]
        assert t["oleh_pegawai_id"] == kepala
        assert t["sesudah"] == {"status": "DITETAPKAN", "predikat": "BAIK", "revisi": 1}

    events = [e for e in _published(world, "PredikatDitetapkan", "PredikatFinal",
                                    "PenilaianDiperbarui") if e.event_id not in before]
    # by type: every PredikatDitetapkan, then every PredikatFinal, then the snapshots
    assert [e.event_type for e in events] == ["PredikatDitetapkan"] * 3 + \
        ["PredikatFinal"] * 3 + ["PenilaianDiperbarui"] * 3
    assert sorted(e.aggregate_id for e in events[3:6]) == sorted(ids)
    assert all(e.payload["revisi"] == 1 and e.payload["predikat"] == "BAIK" for e in events[:6])
    assert all(e.payload["status"] == "DITETAPKAN" for e in events[6:])

    # set already: 409, and nothing more is published
    assert _tetapkan(client, world, kepala, ids[:1]).status_code == 409
    assert len(_published(world, "PredikatFinal")) == 3


def test_a_non_final_period_publishes_no_predikat_final(world, client):
    kepala, _staf, ids = _unit(world, client, n=2, final=False)
    assert _tetapkan(client, world, kepala, ids).status_code == 200
    assert len(_published(world, "PredikatDitetapkan")) == 2
    assert _published(world, "PredikatFinal") == []


def test_all_or_nothing(world, client):
    kepala, staf, ids = _unit(world, client)
    r = _tetapkan(client, world, kepala, [*ids, "tidak-ada"])
    assert r.status_code == 404
    assert r.headers["Content-Type"].startswith("application/problem+json")

    # one already set: 409 naming it, the others stay as they were
    assert client.post(f"/penilaian/{ids[0]}/tetapkan", headers=world.h(kepala)).status_code == 200
    r = _tetapkan(client, world, kepala, ids)
    assert r.status_code == 409 and ids[0] in r.json["detail"]
    assert [world.penilaian(client, p)[0]["status"] for p in staf[1:]] != ["DITETAPKAN"] * 2
    assert len(_published(world, "PredikatFinal")) == 1

    # the pegawai himself is not his own pejabat penilai
    assert _tetapkan(client, world, staf[1], ids[1:2]).status_code == 403
    # another penilai of another unit cannot see them: 404
    other = world.pegawai(world.unor(), pimpinan=True)
    assert _tetapkan(client, world, other, ids[1:]).status_code == 404


def test_without_a_predikat_is_refused(world, client):
    world.periode(final=True)
    induk = world.unor()
    kepala = world.pegawai(induk, pimpinan=True)
    staf = world.pegawai(induk)
    world.skp(staf, kepala, unor_id=induk)
    pid = world.penilaian(client, staf)[0]["id"]
    r = _tetapkan(client, world, kepala, [pid])
    assert r.status_code == 409 and "predikat" in r.json["detail"]


def test_bad_input_names_the_field(world, client):
    kepala = world.pegawai(world.unor(), pimpinan=True)
    for body in ({}, {"penilaian_ids": []}, {"penilaian_ids": "x"}, {"penilaian_ids": [1]}):
        r = client.post("/penilaian/tetapkan-massal", json=body, headers=world.h(kepala))
        assert r.status_code == 422, body
        assert "penilaian_ids" in str(r.json)
