"""The filing window on its boundary, with a clock the test controls: calendar days from the
predikat's set time, ending at midnight in the instansi's time zone (Asia/Jakarta by default).
A late keberatan is recorded as TERLAMBAT (201) and never decided: every step is 409."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from kinerja_shared import clock

DI_ATAS = "DI_ATAS_EKSPEKTASI"
# set on 3 March 2099 at 16:00 WIB (09:00 UTC): day 14 is 17 March
DITETAPKAN = datetime(2099, 3, 3, 9, 0, tzinfo=timezone.utc)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def _ajukan(world, client, at, **pengaturan):
    world.instansi(**pengaturan)
    peg, penilai, atasan = world.orang()
    pid = world.predikat(peg, penilai, atasan, ditetapkan_at=DITETAPKAN)
    with clock.frozen(at):
        r = client.post("/keberatan", headers=world.h(peg), json={
            "penilaian_id": pid, "alasan": "Tidak sesuai", "rating_perilaku_diminta": DI_ATAS})
    assert r.status_code == 201, r.json
    return r.json, (peg, penilai, atasan)


@pytest.mark.parametrize("at, status", [
    (utc(2099, 3, 17, 16, 59), "DIAJUKAN"),     # 17 March 23:59 WIB: last minute of day 14
    (utc(2099, 3, 17, 17, 0), "TERLAMBAT"),     # 18 March 00:00 WIB: first minute of day 15
])
def test_the_default_window_is_14_calendar_days_ending_at_midnight_wib(world, client, at,
                                                                       status):
    body, _ = _ajukan(world, client, at)
    assert (body["status"], body["terlambat"]) == (status, status == "TERLAMBAT")
    assert body["batas_pengajuan_at"] == "2099-03-17T17:00:00+00:00"


@pytest.mark.parametrize("at, status", [
    (utc(2099, 3, 6, 16, 59), "DIAJUKAN"),      # 6 March 23:59 WIB: last minute of day 3
    (utc(2099, 3, 6, 17, 0), "TERLAMBAT"),
])
def test_the_instansi_window_is_honoured(world, client, at, status):
    body, _ = _ajukan(world, client, at, jendela_keberatan_hari=3)
    assert body["status"] == status


@pytest.mark.parametrize("at, status", [
    (utc(2099, 3, 17, 14, 59), "DIAJUKAN"),     # 17 March 23:59 WIT
    (utc(2099, 3, 17, 15, 0), "TERLAMBAT"),     # 18 March 00:00 WIT
])
def test_the_day_ends_at_midnight_in_the_instansi_time_zone(world, client, at, status):
    body, _ = _ajukan(world, client, at, zona_waktu="Asia/Jayapura")
    assert body["status"] == status


def test_a_predikat_set_after_midnight_local_counts_from_that_local_day(world, client):
    world.instansi()
    peg, penilai, atasan = world.orang()
    # 3 March 17:30 UTC is 4 March 00:30 WIB: day 0 is 4 March, day 14 is 18 March
    pid = world.predikat(peg, penilai, atasan, ditetapkan_at=utc(2099, 3, 3, 17, 30))
    with clock.frozen(utc(2099, 3, 18, 16, 59)):
        r = client.post("/keberatan", headers=world.h(peg), json={
            "penilaian_id": pid, "alasan": "x", "rating_perilaku_diminta": DI_ATAS})
    assert (r.status_code, r.json["status"]) == (201, "DIAJUKAN")


def test_a_late_keberatan_is_recorded_and_never_decided(world, client):
    body, (peg, penilai, atasan) = _ajukan(world, client, utc(2099, 4, 1))
    kid = body["id"]
    assert (body["status"], body["menunggu"]) == ("TERLAMBAT", None)
    for who, path, data in (
            (penilai, "penjelasan", {"penjelasan": "x"}),
            (atasan, "sanggahan", {"sanggahan": "x"}),
            (atasan, "keputusan", {"keputusan": "DISETUJUI", "uraian": "x",
                                   "rating_perilaku": DI_ATAS}),
            (atasan, "keputusan", {"keputusan": "DITOLAK", "uraian": "x"}),
            (peg, "tarik", {})):
        r = client.post(f"/keberatan/{kid}/{path}", headers=world.h(who), json=data)
        assert r.status_code == 409, (path, r.json)
    assert client.get(f"/keberatan/{kid}", headers=world.h(peg)).json["status"] == "TERLAMBAT"
    assert client.get("/keberatan/tugas", headers=world.h(atasan)).json == []
    world.runtime.relay.drain()
    [diajukan] = [e.typed_payload() for e in world.runtime.publisher.envelopes(
        "KeberatanDiajukan") if e.aggregate_id == kid]
    assert (diajukan.terlambat, diajukan.status) == (True, "TERLAMBAT")
    assert not [e for e in world.runtime.publisher.envelopes("KeberatanDiputuskan")
                if e.aggregate_id == kid]
    # a second late filing for the same predikat is the same keberatan: 409
    r = client.post("/keberatan", headers=world.h(peg), json={
        "penilaian_id": body["penilaian_id"], "alasan": "lagi", "rating_perilaku_diminta": DI_ATAS})
    assert (r.status_code, r.json.get("keberatan_id")) == (409, kid)
