"""The PAK workflow for many rows at once (ajukan-massal, setujui-massal, tandatangani-massal):
each row as one call would leave it, in one transaction, all or nothing, the refusal naming the
row."""
from __future__ import annotations

import pytest


@pytest.fixture
def paks(world):
    """Three JF pegawai under one penilai, each with the AK row of his 2025 predikat."""
    unor, penilai = world.unor(), world.id("penilai")
    out = []
    for predikat in ("SANGAT_BAIK", "BAIK", "BAIK"):
        p = world.pegawai(unor_id=unor)
        world.predikat(p, predikat, penilai_id=penilai, unor_id=unor)
        [row] = world.rows(p)
        out.append({"pegawai": p, "id": row["id"]})
    return penilai, out


def _post(client, path, body, headers):
    return client.post(f"/angka-kredit/{path}", json=body, headers=headers)


def test_the_whole_workflow_for_many_rows_with_automatic_numbers(client, world, paks):
    penilai, rows = paks
    admin, h = world.admin(), world.h(penilai)
    client.put("/pengaturan", json={"penomoran": "OTOMATIS",
                                    "format_nomor": "{urut:3}/PAK/{tahun}"}, headers=admin)
    ids = [r["id"] for r in rows]
    r = _post(client, "ajukan-massal", {"items": [{"angka_kredit_id": i} for i in ids],
                                        "tempat": "Jakarta", "tanggal_sk": "2026-01-15"}, h)
    assert r.status_code == 200, r.json
    assert r.json["jumlah"] == 3 and {x["status"] for x in r.json["hasil"]} == {"DIAJUKAN"}

    # numbered in the order given
    order = [ids[2], ids[0], ids[1]]
    r = _post(client, "setujui-massal", {"angka_kredit_ids": order}, h)
    assert r.status_code == 200, r.json
    assert [(x["id"], x["nomor_sk"]) for x in r.json["hasil"]] == [
        (order[0], "001/PAK/2026"), (order[1], "002/PAK/2026"), (order[2], "003/PAK/2026")]

    r = _post(client, "tandatangani-massal", {"angka_kredit_ids": ids, "metode": "TTE"}, h)
    assert r.status_code == 200, r.json
    assert {x["status"] for x in r.json["hasil"]} == {"DITANDATANGANI"}
    for aid in ids:
        one = client.get(f"/angka-kredit/{aid}", headers=h).json
        assert [x["aksi"] for x in one["riwayat"]] == ["DIBUAT", "AJUKAN", "SETUJUI",
                                                       "TANDATANGANI"]
        assert one["penandatangan"]["id"] == penilai and one["metode"] == "TTE"
        [signed] = world.events("PakDitandatangani", aid)
        assert signed.metode_tanda_tangan == "TTE"


def test_manual_numbers_come_per_item(client, world, paks):
    penilai, rows = paks
    h = world.h(penilai)
    items = [{"angka_kredit_id": r["id"], "nomor_sk": f"800/{n}/PAK"} for n, r in
             enumerate(rows, 1)]
    body = {"items": items, "tempat": "Jakarta", "tanggal_sk": "2026-01-15"}
    r = _post(client, "ajukan-massal", {**body, "items": [*items[:2], {"angka_kredit_id":
                                                                       rows[2]["id"]}]}, h)
    assert r.status_code == 422 and "items.2.nomor_sk" in r.json["errors"]
    assert r.json["angka_kredit_id"] == rows[2]["id"] and "NIP" in r.json["detail"]
    assert all(client.get(f"/angka-kredit/{x['id']}", headers=h).json["status"] == "DRAFT"
               for x in rows)
    r = _post(client, "ajukan-massal", body, h)
    assert r.status_code == 200
    assert [x["nomor_sk"] for x in r.json["hasil"]] == ["800/1/PAK", "800/2/PAK", "800/3/PAK"]


def test_all_or_nothing_and_the_refusal_names_the_row(client, world, paks):
    penilai, rows = paks
    h = world.h(penilai)
    ids = [r["id"] for r in rows]
    client.put("/pengaturan", json={"penomoran": "OTOMATIS"}, headers=world.admin())
    _post(client, "ajukan-massal", {"items": [{"angka_kredit_id": i} for i in ids[:2]],
                                    "tempat": "Jakarta", "tanggal_sk": "2026-01-15"}, h)
    before = len(world.events())
    # the third is still a draft: 409 naming it, the first two stay DIAJUKAN
    r = _post(client, "setujui-massal", {"angka_kredit_ids": ids}, h)
    assert r.status_code == 409 and r.json["angka_kredit_id"] == ids[2]
    assert r.json["detail"].startswith("PAK ")
    assert [client.get(f"/angka-kredit/{i}", headers=h).json["status"] for i in ids] == [
        "DIAJUKAN", "DIAJUKAN", "DRAFT"]
    assert len(world.events()) == before

    # a row of another instansi is invisible: 404, nothing changed
    r = _post(client, "setujui-massal", {"angka_kredit_ids": [*ids[:2], "tidak-ada"]}, h)
    assert r.status_code == 404
    r = _post(client, "setujui-massal", {"angka_kredit_ids": ids[:2]},
              world.h(penilai, instansi_id="lain"))
    assert r.status_code == 404
    # the pegawai himself may submit but not approve
    r = _post(client, "setujui-massal", {"angka_kredit_ids": ids[:1]}, world.h(rows[0]["pegawai"]))
    assert r.status_code == 403


def test_bad_input_is_422_per_field(client, world, paks):
    penilai, _rows = paks
    h = world.h(penilai)
    for path, body, field in (
            ("ajukan-massal", {"items": [], "tempat": "X", "tanggal_sk": "2026-01-01"}, "items"),
            ("ajukan-massal", {"items": [{"angka_kredit_id": "a"}]}, "tempat"),
            ("setujui-massal", {"angka_kredit_ids": "a"}, "angka_kredit_ids"),
            ("tandatangani-massal", {"angka_kredit_ids": ["a"], "metode": "STEMPEL"}, "metode"),
    ):
        r = _post(client, path, body, h)
        assert r.status_code == 422 and field in r.json["errors"], (path, r.json)
