"""Who may do what: only the decider decides (the pejabat penilai and an admin 403, another
pegawai and another instansi 404); only the pegawai files and withdraws; one keberatan per
predikat revision; a decided or withdrawn keberatan is final; an older revision is 409."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from kinerja_shared import clock

DI_ATAS = "DI_ATAS_EKSPEKTASI"
DITETAPKAN = datetime(2099, 3, 3, 9, 0, tzinfo=timezone.utc)
KEPUTUSAN = {"keputusan": "DISETUJUI", "uraian": "Diterima", "rating_perilaku": DI_ATAS}


@pytest.fixture(autouse=True)
def dalam_jendela():
    with clock.frozen(DITETAPKAN + timedelta(days=1)):
        yield


def kode(r) -> str:
    """The stable problem type of a refusal (its last path segment)."""
    return r.json["type"].rsplit("/", 1)[-1]


def _dijelaskan(world, client):
    world.instansi()
    peg, penilai, atasan = world.orang()
    pid = world.predikat(peg, penilai, atasan)
    r = client.post("/keberatan", headers=world.h(peg), json={
        "penilaian_id": pid, "alasan": "x", "rating_perilaku_diminta": DI_ATAS})
    kid = r.json["id"]
    r = client.post(f"/keberatan/{kid}/penjelasan", headers=world.h(penilai),
                    json={"penjelasan": "y"})
    assert r.status_code == 200, r.json
    return kid, pid, (peg, penilai, atasan)


def test_only_the_decider_decides(world, client):
    kid, _pid, (peg, penilai, atasan) = _dijelaskan(world, client)
    lain = world.pegawai()
    for headers, status in ((world.h(penilai), 403), (world.admin(), 403), (world.h(peg), 403),
                            (world.h(lain), 404),
                            (world.h(atasan, instansi_id="i-lain"), 404),
                            (world.h("admin-lain", "admin_instansi", instansi_id="i-lain"), 404)):
        r = client.post(f"/keberatan/{kid}/keputusan", headers=headers, json=KEPUTUSAN)
        assert r.status_code == status, r.json
    r = client.post(f"/keberatan/{kid}/keputusan", headers=world.h(atasan), json=KEPUTUSAN)
    assert (r.status_code, r.json["status"]) == (200, "DISETUJUI")


def test_another_pegawai_or_instansi_sees_nothing(world, client):
    kid, pid, (peg, penilai, atasan) = _dijelaskan(world, client)
    for headers in (world.h(world.pegawai()), world.h(peg, instansi_id="i-lain"),
                    world.h("admin-lain", "admin_instansi", instansi_id="i-lain")):
        assert client.get(f"/keberatan/{kid}", headers=headers).status_code == 404
        assert client.post(f"/keberatan/{kid}/tarik", headers=headers, json={}).status_code == 404
        assert client.get("/keberatan", headers=headers).json == []
    for headers in (world.h(peg), world.h(penilai), world.h(atasan), world.admin()):
        assert client.get(f"/keberatan/{kid}", headers=headers).status_code == 200
        assert [x["id"] for x in client.get("/keberatan", headers=headers).json] == [kid]


def test_only_the_pegawai_files(world, client):
    world.instansi()
    peg, penilai, atasan = world.orang()
    pid = world.predikat(peg, penilai, atasan)
    data = {"penilaian_id": pid, "alasan": "x", "rating_perilaku_diminta": DI_ATAS}
    for headers, status in ((world.h(penilai), 403), (world.admin(), 403),
                            (world.h(world.pegawai()), 404),
                            (world.h(peg, instansi_id="i-lain"), 404)):
        assert client.post("/keberatan", headers=headers, json=data).status_code == status
    data["penilaian_id"] = "tidak-ada"
    assert client.post("/keberatan", headers=world.h(peg), json=data).status_code == 404


def test_the_pejabat_penilai_explains_and_nobody_else(world, client):
    world.instansi()
    peg, penilai, atasan = world.orang()
    pid = world.predikat(peg, penilai, atasan)
    kid = client.post("/keberatan", headers=world.h(peg), json={
        "penilaian_id": pid, "alasan": "x", "rating_perilaku_diminta": DI_ATAS}).json["id"]
    for who in (atasan, peg):
        r = client.post(f"/keberatan/{kid}/penjelasan", headers=world.h(who),
                        json={"penjelasan": "y"})
        assert r.status_code == 403, r.json
    r = client.post(f"/keberatan/{kid}/sanggahan", headers=world.h(atasan),
                    json={"sanggahan": "y"})
    assert r.status_code == 409  # no sanggahan in the PermenPAN chain


def test_a_decided_or_withdrawn_keberatan_is_final(world, client):
    kid, pid, (peg, penilai, atasan) = _dijelaskan(world, client)
    r = client.post(f"/keberatan/{kid}/keputusan", headers=world.h(atasan),
                    json={"keputusan": "DITOLAK", "uraian": "Tidak cukup bukti"})
    assert (r.status_code, r.json["status"]) == (200, "DITOLAK")
    assert r.json["nilai"]["sesudah"]["predikat"] == "BAIK"  # a rejection keeps the predikat
    for who, path, data in ((atasan, "keputusan", KEPUTUSAN), (peg, "tarik", {})):
        r = client.post(f"/keberatan/{kid}/{path}", headers=world.h(who), json=data)
        assert (r.status_code, kode(r)) == (409, "keberatan-selesai"), r.json
    # decided: no second keberatan on the same revision
    r = client.post("/keberatan", headers=world.h(peg), json={
        "penilaian_id": pid, "alasan": "lagi", "rating_perilaku_diminta": DI_ATAS})
    assert (r.status_code, kode(r)) == (409, "keberatan-sudah-ada")

    kid2, _pid, (peg, penilai, atasan) = _dijelaskan(world, client)
    assert client.post(f"/keberatan/{kid2}/tarik", headers=world.h(atasan),
                       json={}).status_code == 403
    r = client.post(f"/keberatan/{kid2}/tarik", headers=world.h(peg),
                    json={"alasan": "Sudah jelas"})
    assert (r.status_code, r.json["status"], r.json["menunggu"]) == (200, "DITARIK", None)
    r = client.post(f"/keberatan/{kid2}/keputusan", headers=world.h(atasan), json=KEPUTUSAN)
    assert r.status_code == 409
    world.runtime.relay.drain()
    [ditarik] = [e.typed_payload() for e in world.runtime.publisher.envelopes(
        "KeberatanDitarik") if e.aggregate_id == kid2]
    assert (ditarik.alasan, ditarik.revisi) == ("Sudah jelas", 1)


def test_one_open_keberatan_per_revision_and_refiling_after_a_withdrawal(world, client):
    world.instansi()
    peg, penilai, atasan = world.orang()
    pid = world.predikat(peg, penilai, atasan)
    data = {"penilaian_id": pid, "alasan": "x", "rating_perilaku_diminta": DI_ATAS}
    pertama = client.post("/keberatan", headers=world.h(peg), json=data).json["id"]
    r = client.post("/keberatan", headers=world.h(peg), json=data)
    assert (r.status_code, kode(r), r.json["keberatan_id"]) == (
        409, "keberatan-sudah-ada", pertama)
    client.post(f"/keberatan/{pertama}/tarik", headers=world.h(peg), json={})
    assert client.post("/keberatan", headers=world.h(peg), json=data).status_code == 201


def test_a_keberatan_against_an_older_revision_is_refused(world, client):
    world.instansi()
    peg, penilai, atasan = world.orang()
    pid = world.predikat(peg, penilai, atasan)
    data = {"penilaian_id": pid, "alasan": "x", "rating_perilaku_diminta": DI_ATAS}
    kid = client.post("/keberatan", headers=world.h(peg), json=data).json["id"]
    client.post(f"/keberatan/{kid}/penjelasan", headers=world.h(penilai), json={"penjelasan": "y"})
    world.predikat(peg, penilai, atasan, penilaian_id=pid, revisi=2, predikat="SANGAT_BAIK",
                   rh=DI_ATAS, rp=DI_ATAS)
    world.predikat(peg, penilai, atasan, penilaian_id=pid, revisi=1)  # late and older: ignored
    r = client.post(f"/keberatan/{kid}/keputusan", headers=world.h(atasan), json=KEPUTUSAN)
    assert (r.status_code, kode(r)) == (409, "revisi-usang")
    r = client.post("/keberatan", headers=world.h(peg), json={**data, "revisi": 1})
    assert (r.status_code, kode(r), r.json["revisi_berlaku"]) == (409, "revisi-usang", 2)
    r = client.post("/keberatan", headers=world.h(peg), json=data)  # the newest: revision 2
    assert (r.status_code, r.json["revisi"]) == (201, 2), r.json
    assert r.json["nilai"]["sebelum"]["predikat"] == "SANGAT_BAIK"
