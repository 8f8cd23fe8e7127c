"""Who decides: the atasan pejabat penilai of the predikat (resolved by penilaian on the day it
was set, PLT/PLH included), else the instansi's configured pemutus if he is an active pegawai
of the instansi; the API says who (``pemutus``, ``pemutus_sumber``), and an open keberatan
follows a change of the configured pemutus."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from kinerja_shared import clock

DI_ATAS = "DI_ATAS_EKSPEKTASI"
DITETAPKAN = datetime(2099, 3, 3, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def dalam_jendela():
    with clock.frozen(DITETAPKAN + timedelta(days=1)):
        yield


def _ajukan(world, client, peg, penilai, atasan=None):
    pid = world.predikat(peg, penilai, atasan)
    r = client.post("/keberatan", headers=world.h(peg), json={
        "penilaian_id": pid, "alasan": "x", "rating_perilaku_diminta": DI_ATAS})
    assert r.status_code == 201, r.json
    return r.json


def test_without_an_atasan_the_configured_pemutus_decides(world, client):
    kepala, sekda = world.pegawai(), world.pegawai(nama="Sekretaris Daerah")
    world.instansi(pemutus_keberatan_pegawai_id=sekda)
    bawahan = world.pegawai()
    body = _ajukan(world, client, kepala, bawahan)  # a mandiri head: no atasan penilai
    assert (body["pemutus"]["id"], body["pemutus"]["nama"], body["pemutus_sumber"]) == (
        sekda, "Sekretaris Daerah", "PENGATURAN")
    kid = body["id"]
    client.post(f"/keberatan/{kid}/penjelasan", headers=world.h(bawahan), json={"penjelasan": "y"})
    assert [x["id"] for x in client.get("/keberatan/tugas", headers=world.h(sekda)).json] == [kid]
    r = client.post(f"/keberatan/{kid}/keputusan", headers=world.h(sekda), json={
        "keputusan": "DISETUJUI", "uraian": "ok", "rating_perilaku": DI_ATAS})
    assert (r.status_code, r.json["status"]) == (200, "DISETUJUI"), r.json


@pytest.mark.parametrize("pemutus", ["nonaktif", "pensiun", "asing", "tidak-ada"])
def test_a_configured_pemutus_who_is_not_an_active_pegawai_of_the_instansi_is_unset(
        world, client, pemutus):
    ids = {"nonaktif": world.pegawai(aktif=False),
           "pensiun": world.pegawai(status_kepegawaian="PENSIUN"),
           "asing": world.pegawai(instansi_id="i-lain"), "tidak-ada": "peg-tidak-ada"}
    world.instansi(pemutus_keberatan_pegawai_id=ids[pemutus])
    kepala, bawahan = world.pegawai(), world.pegawai()
    body = _ajukan(world, client, kepala, bawahan)
    assert (body["pemutus"], body["pemutus_sumber"]) == (None, "PENGATURAN")
    kid = body["id"]
    client.post(f"/keberatan/{kid}/penjelasan", headers=world.h(bawahan), json={"penjelasan": "y"})
    r = client.post(f"/keberatan/{kid}/keputusan", headers=world.h(ids[pemutus]), json={
        "keputusan": "DITOLAK", "uraian": "x"})
    assert r.status_code in (403, 404)
    r = client.post(f"/keberatan/{kid}/keputusan", headers=world.admin(), json={
        "keputusan": "DITOLAK", "uraian": "x"})
    assert r.status_code == 403 and r.json["type"].endswith("pemutus-belum-ada"), r.json


def test_an_open_keberatan_follows_the_configured_pemutus(world, client):
    world.instansi()
    kepala, bawahan = world.pegawai(), world.pegawai()
    kid = _ajukan(world, client, kepala, bawahan)["id"]
    baru = world.pegawai(nama="Pemutus Baru")
    world.instansi(pemutus_keberatan_pegawai_id=baru)
    body = client.get(f"/keberatan/{kid}", headers=world.h(kepala)).json
    assert body["pemutus"]["id"] == baru
    assert body["riwayat"][-1]["aksi"] == "PEMUTUS_BERUBAH"
    world.pegawai(baru, aktif=False, revisi=2)  # deactivated: unset again
    assert client.get(f"/keberatan/{kid}", headers=world.h(kepala)).json["pemutus"] is None
    # the atasan pejabat penilai of a predikat never moves with the settings
    peg, atasan = world.pegawai(), world.pegawai()
    kid2 = _ajukan(world, client, peg, bawahan, atasan)["id"]
    world.instansi(pemutus_keberatan_pegawai_id=world.pegawai())
    assert client.get(f"/keberatan/{kid2}", headers=world.h(peg)).json["pemutus"]["id"] == atasan
