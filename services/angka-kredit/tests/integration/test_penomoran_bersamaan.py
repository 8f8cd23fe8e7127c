"""Automatic numbering under concurrency on PostgreSQL: N approvals at the same moment, each in
its own thread, connection and transaction, get N distinct consecutive numbers; a failed
approval loses no number (gapless)."""
from __future__ import annotations

import threading

N = 8


def _siap(client, world, admin, n):
    """n AK rows submitted (DIAJUKAN) under OTOMATIS numbering."""
    assert client.put("/pengaturan", json={"penomoran": "OTOMATIS",
                                            "format_nomor": "{urut}/PAK/{tahun}"},
                      headers=admin).status_code == 200
    ids = []
    for _ in range(n):
        p = world.pegawai()
        world.predikat(p, "BAIK")
        [row] = world.rows(p)
        r = client.post(f"/angka-kredit/{row['id']}/ajukan",
                        json={"tempat": "Kota", "tanggal_sk": "2026-02-02"}, headers=admin)
        assert r.status_code == 200, r.json
        ids.append(row["id"])
    return ids


def test_parallel_approvals_get_distinct_consecutive_numbers(app, world):
    admin = world.admin()
    ids = _siap(app.test_client(), world, admin, N)
    barrier = threading.Barrier(N)
    results: dict[str, tuple[int, str | None]] = {}

    def approve(angka_kredit_id):
        client = app.test_client()
        barrier.wait()
        r = client.post(f"/angka-kredit/{angka_kredit_id}/setujui", headers=admin)
        results[angka_kredit_id] = (r.status_code, (r.json or {}).get("nomor_sk"))

    threads = [threading.Thread(target=approve, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(status == 200 for status, _ in results.values()), results
    nomor = sorted(int(n.split("/")[0]) for _, n in results.values())
    assert nomor == list(range(1, N + 1))


def test_a_failed_approval_loses_no_number(client, world):
    admin = world.admin()
    a, b = _siap(client, world, admin, 2)
    # a manual number from before the switch to OTOMATIS takes "1/PAK/2026"
    p = world.pegawai()
    world.predikat(p, "BAIK")
    [manual] = world.rows(p)
    client.put("/pengaturan", json={"penomoran": "MANUAL"}, headers=admin)
    assert client.post(f"/angka-kredit/{manual['id']}/ajukan", json={
        "tempat": "Kota", "tanggal_sk": "2026-03-03", "nomor_sk": "1/PAK/2026"},
        headers=admin).status_code == 200
    client.put("/pengaturan", json={"penomoran": "OTOMATIS"}, headers=admin)
    r = client.post(f"/angka-kredit/{a}/setujui", headers=admin)
    assert r.status_code == 409  # its number 1 collides; the increment is rolled back
    client.put("/pengaturan", json={"format_nomor": "{urut}/PAK-AK/{tahun}"}, headers=admin)
    assert client.post(f"/angka-kredit/{a}/setujui", headers=admin).json["nomor_sk"] == \
        "1/PAK-AK/2026"
    assert client.post(f"/angka-kredit/{b}/setujui", headers=admin).json["nomor_sk"] == \
        "2/PAK-AK/2026"


def test_two_simultaneous_submissions_of_one_manual_number_answer_200_and_409(app, world,
                                                                               runtime):
    from kinerja_shared.testing.race import collide

    admin = world.admin()
    ids = []
    for _ in range(2):
        p = world.pegawai()
        world.predikat(p, "BAIK")
        ids.append(world.rows(p)[0]["id"])

    def ajukan(angka_kredit_id):
        return lambda: app.test_client().post(
            f"/angka-kredit/{angka_kredit_id}/ajukan", headers=admin,
            json={"nomor_sk": "5/PAK/2026", "tempat": "Kota", "tanggal_sk": "2026-04-01"})

    first, second = collide(runtime, ajukan(ids[0]), ajukan(ids[1]))
    assert (first.status_code, second.status_code) == (200, 409), second.json
    assert second.json["type"].endswith("duplicate")
    assert "sudah dipakai" in second.json["detail"]


def test_two_simultaneous_integrasi_of_one_pegawai_answer_201_and_409(app, world, runtime):
    from kinerja_shared.testing.race import collide

    p = world.pegawai()
    admin = world.admin()

    def post():
        return app.test_client().post("/angka-kredit/integrasi", headers=admin, json={
            "pegawai_id": p, "ak_lama": "130", "tanggal": "2023-01-01"})

    first, second = collide(runtime, post, post)
    assert (first.status_code, second.status_code) == (201, 409), second.json
    assert len([r for r in world.rows(p) if r["sumber"] == "INTEGRASI"]) == 1
