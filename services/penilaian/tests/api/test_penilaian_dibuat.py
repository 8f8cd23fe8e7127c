"""SkpDisetujui -> one penilaian per overlapping period; batal closes; re-approval reopens."""
from __future__ import annotations

from datetime import date

from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.messaging.dispatcher import Outcome


def test_one_penilaian_per_overlapping_period(world, client):
    q = [world.periode(awal=(m, 1), akhir=(m + 2, 30)) for m in (1, 4, 7, 10)]
    final = world.periode(final=True)
    world.periode(tahun=2098)  # another year: not overlapped
    peg, pen = world.pegawai(), world.pegawai()
    world.skp(peg, pen, awal=date(2099, 1, 1), akhir=date(2099, 6, 30))
    rows = world.penilaian(client, peg)
    assert sorted(r["periode_id"] for r in rows) == sorted([q[0], q[1], final])
    assert {r["status"] for r in rows} == {"DRAFT"}


def test_a_period_arriving_after_the_skp_creates_the_missing_penilaian(world, client):
    peg, pen = world.pegawai(), world.pegawai()
    world.skp(peg, pen)
    assert world.penilaian(client, peg) == []
    pid = world.periode(final=True)
    assert [r["periode_id"] for r in world.penilaian(client, peg)] == [pid]


def test_withdrawn_skp_closes_and_reapproval_reopens_keeping_realisasi(world, client):
    pid = world.periode()
    peg, pen = world.pegawai(), world.pegawai()
    skp_id = world.skp(peg, pen)
    row = world.penilaian(client, peg)[0]
    r = client.put(f"/penilaian/{row['id']}/realisasi/{skp_id}-i1",
                   json={"realisasi": "10 laporan", "bukti_dukung": ["https://drive.example/x"]},
                   headers=world.h(peg))
    assert r.status_code == 200, r.json
    world.feed(skpev.SkpDibatalkan(skp_id=skp_id, pegawai_id=peg, alasan="revisi"), skp_id)
    assert world.penilaian(client, peg)[0]["status"] == "DITUTUP"
    world.skp(peg, pen, skp_id=skp_id, revisi=2)
    again = world.penilaian(client, peg)
    assert [(x["id"], x["status"]) for x in again] == [(row["id"], "DRAFT")]
    body = client.get(f"/penilaian/{row['id']}", headers=world.h(peg)).json
    assert body["realisasi"][0]["realisasi"] == "10 laporan"
    assert body["periode_id"] == pid


def test_redelivered_approval_is_applied_once(world, client):
    world.periode()
    peg, pen = world.pegawai(), world.pegawai()
    from kinerja_shared.events import EventEnvelope
    from kinerja_shared.events.contracts.common import PegawaiRingkas

    payload = skpev.SkpDisetujui(skp_id=world.id("skp"), pegawai=PegawaiRingkas(id=peg, nama="A"),
                                 jenis="JF_JA", pendekatan="KUANTITATIF", model="PERMENPAN_6_2022",
                                 periode_awal=date(2099, 1, 1), periode_akhir=date(2099, 12, 31),
                                 pejabat_penilai=PegawaiRingkas(id=pen, nama="B"))
    body = EventEnvelope.wrap(payload, aggregate_id="s", instansi_id=world.instansi_id).to_json()
    assert world.runtime.dispatcher.handle(body) is Outcome.APPLIED
    assert world.runtime.dispatcher.handle(body) is Outcome.DUPLICATE
    assert len(world.penilaian(client, peg)) == 1
