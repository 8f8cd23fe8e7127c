"""KeberatanDiputuskan on both models: an approval sets what the atasan pejabat penilai decided
(ratings under PermenPAN-RB 6/2022, nilai perilaku under PP 30/2019) and republishes the predikat
with revisi + 1; a rejection, or an approval lacking what the model needs, is history only."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from decimal import Decimal

from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.events.contracts.common import PegawaiRingkas
from kinerja_shared.events.contracts.keberatan import KeberatanDiputuskan

SESUAI, DI_BAWAH = "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
DIPUTUSKAN = datetime(2100, 2, 1, tzinfo=timezone.utc)


def _published(world, event_type, pid):
    world.runtime.relay.drain()
    return [(e.payload["revisi"], e.payload["predikat"], e.payload["nilai_kinerja"])
            for e in world.runtime.publisher.envelopes(event_type)
            if e.instansi_id == world.instansi_id and e.payload["penilaian_id"] == pid]


def _keberatan(world, pid, pegawai, keputusan="DISETUJUI", **fields):
    kid = world.id("kb")
    world.feed(KeberatanDiputuskan(
        keberatan_id=kid, penilaian_id=pid, pegawai_id=pegawai, keputusan=keputusan,
        uraian="Bukti lengkap", pemutus=PegawaiRingkas(id="atasan-1", nama="Atasan"),
        diputuskan_at=DIPUTUSKAN, **fields), kid)
    return kid


def _pp30_ditetapkan(world, client):
    """The worked example of test_pp30.py: nilai SKP 88.67, perilaku 80/90/85/85 -> 85.00,
    nilai kinerja 87.57, Butuh Perbaikan; set in a final period (PredikatFinal revisi 1)."""
    world.periode(final=True)
    peg, pen = world.pegawai(), world.pegawai()
    skp_id = world.id("skp")
    rhk = [skpev.RhkSnapshot(id=f"{skp_id}-k1", jenis="UTAMA", uraian="Kegiatan",
                             target_kuantitas="10", satuan="dokumen", target_kualitas="100",
                             target_waktu="12")]
    world.skp(peg, pen, model="PP_30_2019", rhk=rhk, skp_id=skp_id)
    pid = world.penilaian(client, peg)[0]["id"]
    client.put(f"/penilaian/{pid}/pp30/realisasi/{skp_id}-k1",
               json={"kuantitas": 10, "kualitas": 90, "waktu": 12}, headers=world.h(peg))
    client.put(f"/penilaian/{pid}/pp30/perilaku", json={"nilai": {
        "ORIENTASI_PELAYANAN": 80, "KOMITMEN": 90, "INISIATIF_KERJA": 85, "KERJA_SAMA": 85}},
        headers=world.h(pen))
    r = client.post(f"/penilaian/{pid}/tetapkan", headers=world.h(pen))
    assert r.status_code == 200 and r.json["predikat"] == "BUTUH_PERBAIKAN", r.json
    return peg, pen, pid


def test_an_approved_keberatan_sets_the_pp30_nilai_perilaku_and_republishes(world, client):
    peg, pen, pid = _pp30_ditetapkan(world, client)
    # the atasan raises three aspects to 95; KOMITMEN keeps its 90 -> 93.75;
    # 0.7 × 88.67 + 0.3 × 93.75 = 90.19 -> Baik
    kid = _keberatan(world, pid, peg, nilai_perilaku_pp30={
        "ORIENTASI_PELAYANAN": Decimal(95), "INISIATIF_KERJA": Decimal(95),
        "KERJA_SAMA": Decimal(95)})
    body = client.get(f"/penilaian/{pid}", headers=world.h(peg)).json
    assert (body["nilai_skp"], body["nilai_perilaku"], body["nilai_kinerja"], body["predikat"],
            body["revisi"], body["status"]) == ("88.67", "93.75", "90.19", "BAIK", 2, "DITETAPKAN")
    assert body["pp30"]["perilaku"] == {"ORIENTASI_PELAYANAN": "95", "KOMITMEN": "90",
                                        "INISIATIF_KERJA": "95", "KERJA_SAMA": "95"}
    for event_type in ("PredikatDitetapkan", "PredikatFinal"):
        assert _published(world, event_type, pid) == [
            (1, "BUTUH_PERBAIKAN", "87.57"), (2, "BAIK", "90.19")]
    [row] = [x for x in client.get(f"/penilaian/{pid}/riwayat", headers=world.h(pen)).json
             if x["aksi"] == "KEBERATAN"]
    assert row["oleh_pegawai_id"] == "atasan-1" and row["alasan"].startswith(f"Keberatan {kid}")
    assert (row["sebelum"]["predikat"], row["sesudah"]["predikat"]) == ("BUTUH_PERBAIKAN", "BAIK")
    assert (row["sebelum"]["nilai_kinerja"], row["sesudah"]["nilai_kinerja"]) == ("87.57", "90.19")
    assert (row["sebelum"]["pp30_perilaku"]["KERJA_SAMA"],
            row["sesudah"]["pp30_perilaku"]["KERJA_SAMA"]) == ("85", "95")


def test_a_pp30_approval_without_what_pp30_needs_is_history_only(world, client, caplog):
    peg, _pen, pid = _pp30_ditetapkan(world, client)
    caplog.set_level(logging.WARNING, logger="kinerja.penilaian")
    _keberatan(world, pid, peg, rating_perilaku=SESUAI)  # ratings mean nothing under PP 30
    _keberatan(world, pid, peg, nilai_perilaku_pp30={"KEPEMIMPINAN": Decimal(90)})  # not his
    _keberatan(world, pid, peg, nilai_perilaku_pp30={})
    body = client.get(f"/penilaian/{pid}", headers=world.h(peg)).json
    assert (body["nilai_kinerja"], body["predikat"], body["revisi"]) == (
        "87.57", "BUTUH_PERBAIKAN", 1)
    assert _published(world, "PredikatFinal", pid) == [(1, "BUTUH_PERBAIKAN", "87.57")]
    rows = [x for x in client.get(f"/penilaian/{pid}/riwayat", headers=world.h(peg)).json
            if x["aksi"].startswith("KEBERATAN")]
    assert [x["aksi"] for x in rows] == ["KEBERATAN_DISETUJUI"] * 3
    assert "tidak memuat nilai perilaku PP 30" in rows[0]["alasan"]
    assert "KEPEMIMPINAN" in rows[1]["alasan"]
    assert all(x["sebelum"] is None and x["sesudah"] is None for x in rows)
    warned = [r.getMessage() for r in caplog.records if r.name == "kinerja.penilaian"]
    assert len(warned) == 3 and all(pid in m for m in warned)


def test_an_old_keberatan_message_without_pp30_values_is_still_handled(world, client):
    peg, _pen, pid = _pp30_ditetapkan(world, client)
    event = KeberatanDiputuskan(keberatan_id="kb-lama", penilaian_id=pid, pegawai_id=peg,
                                keputusan="DISETUJUI", diputuskan_at=DIPUTUSKAN)
    raw = json.loads(EventEnvelope.wrap(event, aggregate_id="kb-lama",
                                        instansi_id=world.instansi_id).to_json())
    del raw["payload"]["nilai_perilaku_pp30"]  # what a producer from before the field sends
    world.runtime.dispatcher.handle(json.dumps(raw).encode())
    assert client.get(f"/penilaian/{pid}", headers=world.h(peg)).json["predikat"] == "BUTUH_PERBAIKAN"
    assert "KEBERATAN_DISETUJUI" in [
        x["aksi"] for x in client.get(f"/penilaian/{pid}/riwayat", headers=world.h(peg)).json]


def test_a_rejected_keberatan_changes_nothing_on_either_model(world, client):
    peg, _pen, pid = _pp30_ditetapkan(world, client)
    _keberatan(world, pid, peg, "DITOLAK",
               nilai_perilaku_pp30={"KOMITMEN": Decimal(100)}, rating_perilaku=SESUAI)
    body = client.get(f"/penilaian/{pid}", headers=world.h(peg)).json
    assert (body["predikat"], body["revisi"], body["pp30"]["perilaku"]["KOMITMEN"]) == (
        "BUTUH_PERBAIKAN", 1, "90")
    assert len(_published(world, "PredikatDitetapkan", pid)) == 1

    staf, kepala = world.pegawai(), world.pegawai()
    world.skp(staf, kepala)
    p2 = world.penilaian(client, staf)[0]["id"]
    client.put(f"/penilaian/{p2}/rating", json={"rating_hasil_kerja": SESUAI,
               "rating_perilaku": DI_BAWAH}, headers=world.h(kepala))
    client.post(f"/penilaian/{p2}/tetapkan", headers=world.h(kepala))
    _keberatan(world, p2, staf, "DITOLAK", rating_perilaku=SESUAI)
    _keberatan(world, p2, staf)  # approved, but no rating given: nothing to set
    body = client.get(f"/penilaian/{p2}", headers=world.h(staf)).json
    assert (body["predikat"], body["revisi"]) == ("KURANG", 1)
    assert _published(world, "PredikatFinal", p2) == [(1, "KURANG", None)]
    aksi = [x["aksi"] for x in client.get(f"/penilaian/{p2}/riwayat", headers=world.h(staf)).json]
    assert aksi[-2:] == ["KEBERATAN_DITOLAK", "KEBERATAN_DISETUJUI"]


def test_a_permenpan_approval_ignores_pp30_values(world, client):
    world.periode(final=True)
    staf, kepala = world.pegawai(), world.pegawai()
    world.skp(staf, kepala)
    pid = world.penilaian(client, staf)[0]["id"]
    client.put(f"/penilaian/{pid}/rating", json={"rating_hasil_kerja": SESUAI,
               "rating_perilaku": DI_BAWAH}, headers=world.h(kepala))
    client.post(f"/penilaian/{pid}/tetapkan", headers=world.h(kepala))
    _keberatan(world, pid, staf, rating_perilaku=SESUAI,
               nilai_perilaku_pp30={"KOMITMEN": Decimal(100)})
    body = client.get(f"/penilaian/{pid}", headers=world.h(staf)).json
    assert (body["rating_perilaku"], body["predikat"], body["revisi"], body["nilai_perilaku"]) == (
        SESUAI, "BAIK", 2, None)
    assert _published(world, "PredikatDitetapkan", pid) == [(1, "KURANG", None), (2, "BAIK", None)]
