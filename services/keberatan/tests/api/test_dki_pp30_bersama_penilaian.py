"""The DKI chain on a PP 30/2019 penilaian, with penilaian itself: penilaian sets the predikat
(nilai kinerja 87.57, Butuh Perbaikan); the pegawai files (DKI field 5), the atasan pejabat
penilai and then the pejabat penilai give their sanggahan (6, 7), the atasan decides with the
nilai perilaku per aspect (8). Penilaian applies the decision: nilai kinerja 90.19, Baik,
revisi 2, and keberatan's after row shows it. Events travel between the two runtimes as the
relays and consumers would carry them (each once)."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from kinerja_shared import clock
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.events.contracts.common import PegawaiRingkas
from kinerja_shared.testing.service import make_test_runtime

SEKARANG = datetime(2100, 1, 10, 2, 0, tzinfo=timezone.utc)


@pytest.fixture
def penilaian_rt(make_pg_database, minter):
    rt = make_test_runtime("penilaian", make_pg_database("keberatan_penilaian"),
                           key_source=minter.key_source)
    yield rt
    rt.dispose()


class Jembatan:
    """Carries the events one runtime published into the other's dispatcher, each once."""

    def __init__(self):
        self.dikirim: set[str] = set()

    def __call__(self, src, dst, *event_types: str) -> int:
        src.relay.drain()
        n = 0
        for event_type in event_types:
            for env in src.publisher.envelopes(event_type):
                if env.event_id not in self.dikirim:
                    self.dikirim.add(env.event_id)
                    dst.dispatcher.handle(env.to_json())
                    n += 1
        return n


def _penilaian_pp30_ditetapkan(world, rt, minter) -> tuple[str, str, str, str]:
    """The worked example of penilaian's test_pp30: nilai SKP 88.67, perilaku 80/90/85/85 ->
    85.00, nilai kinerja 87.57, Butuh Perbaikan."""
    peg, penilai, atasan = world.id("peg"), world.id("pen"), world.id("ats")

    def feed(payload, agg):
        rt.dispatcher.handle(EventEnvelope.wrap(payload, aggregate_id=agg,
                                                instansi_id=world.instansi_id).to_json())

    feed(idev.PeriodeDiperbarui(
        id=f"per-{world.instansi_id}", instansi_id=world.instansi_id, tahun=2099, nama="Tahunan",
        awal=date(2099, 1, 1), akhir=date(2099, 12, 31), batas_pengisian=date(2100, 1, 31),
        final=True, revisi=1), "per")
    for pid in (peg, penilai, atasan):
        feed(idev.PegawaiDiperbarui(id=pid, instansi_id=world.instansi_id, nama=f"Nama {pid}",
                                    revisi=1), pid)
    skp_id = world.id("skp")
    feed(skpev.SkpDisetujui(
        skp_id=skp_id, pegawai=PegawaiRingkas(id=peg, nama=f"Nama {peg}"), jenis="JF_JA",
        pendekatan="KUANTITATIF", model="PP_30_2019", periode_awal=date(2099, 1, 1),
        periode_akhir=date(2099, 12, 31),
        pejabat_penilai=PegawaiRingkas(id=penilai, nama=f"Nama {penilai}"),
        atasan_pejabat_penilai=PegawaiRingkas(id=atasan, nama=f"Nama {atasan}"),
        rhk=[skpev.RhkSnapshot(id=f"{skp_id}-k1", jenis="UTAMA", uraian="Kegiatan",
                               target_kuantitas="10", satuan="dokumen", target_kualitas="100",
                               target_waktu="12")], perilaku=[]), skp_id)
    c = rt.create_app().test_client()
    h = {p: minter.headers(p, instansi_id=world.instansi_id) for p in (peg, penilai)}
    [pen] = c.get("/penilaian", query_string={"pegawai_id": peg}, headers=h[penilai]).json
    pid = pen["id"]
    c.put(f"/penilaian/{pid}/pp30/realisasi/{skp_id}-k1",
          json={"kuantitas": 10, "kualitas": 90, "waktu": 12}, headers=h[peg])
    c.put(f"/penilaian/{pid}/pp30/perilaku", headers=h[penilai], json={"nilai": {
        "ORIENTASI_PELAYANAN": 80, "KOMITMEN": 90, "INISIATIF_KERJA": 85, "KERJA_SAMA": 85}})
    r = c.post(f"/penilaian/{pid}/tetapkan", headers=h[penilai])
    assert (r.status_code, r.json["predikat"], r.json["nilai_kinerja"]) == (
        200, "BUTUH_PERBAIKAN", "87.57"), r.json
    return pid, peg, penilai, atasan


def test_the_dki_chain_decides_the_pp30_nilai_perilaku_and_penilaian_recomputes(
        world, client, penilaian_rt, minter):
    world.instansi(alur_keberatan="DKI")
    bawa = Jembatan()
    with clock.frozen(SEKARANG) as jam:
        pid, peg, penilai, atasan = _penilaian_pp30_ditetapkan(world, penilaian_rt, minter)
        assert bawa(penilaian_rt, world.runtime, "PredikatDitetapkan") == 1

        jam.advance(hours=1)
        r = client.post("/keberatan", headers=world.h(peg), json={
            "penilaian_id": pid, "alasan": "Saya selalu melayani dengan baik",
            "nilai_perilaku_pp30_diminta": {"ORIENTASI_PELAYANAN": 95, "KERJA_SAMA": 95}})
        assert r.status_code == 201, r.json
        kid, body = r.json["id"], r.json
        assert (body["alur"], body["model"], body["status"], body["menunggu"]) == (
            "DKI", "PP_30_2019", "DIAJUKAN", "PEMUTUS")
        assert body["nilai"]["sebelum"]["nilai_kinerja"] == "87.57"
        assert body["nilai"]["diminta"]["nilai_perilaku_pp30"] == {
            "ORIENTASI_PELAYANAN": "95", "KERJA_SAMA": "95"}
        # the penjelasan belongs to the PermenPAN chain; the pejabat penilai waits his turn
        assert client.post(f"/keberatan/{kid}/penjelasan", headers=world.h(penilai),
                           json={"penjelasan": "x"}).status_code == 409
        assert client.post(f"/keberatan/{kid}/sanggahan", headers=world.h(penilai),
                           json={"sanggahan": "x"}).status_code == 403

        r = client.post(f"/keberatan/{kid}/sanggahan", headers=world.h(atasan),
                        json={"sanggahan": "Mohon pejabat penilai meninjau kembali"})
        assert (r.status_code, r.json["status"], r.json["menunggu"]) == (
            200, "DISANGGAH_ATASAN", "PEJABAT_PENILAI"), r.json
        assert [x["id"] for x in client.get("/keberatan/tugas", headers=world.h(penilai)).json
                ] == [kid]
        r = client.post(f"/keberatan/{kid}/sanggahan", headers=world.h(penilai),
                        json={"sanggahan": "Nilai sudah sesuai catatan perilaku"})
        assert (r.status_code, r.json["status"], r.json["menunggu"]) == (
            200, "DISANGGAH_PENILAI", "PEMUTUS")
        assert client.post(f"/keberatan/{kid}/sanggahan", headers=world.h(atasan),
                           json={"sanggahan": "x"}).status_code == 409
        r = client.post(f"/keberatan/{kid}/keputusan", headers=world.h(atasan), json={
            "keputusan": "DISETUJUI", "uraian": "Dinaikkan sesuai bukti",
            "nilai_perilaku_pp30": {"ORIENTASI_PELAYANAN": 95, "INISIATIF_KERJA": 95,
                                    "KERJA_SAMA": 95}})
        assert (r.status_code, r.json["status"]) == (200, "DISETUJUI"), r.json
        assert r.json["sanggahan_atasan"] and r.json["sanggahan_penilai"]

        assert bawa(world.runtime, penilaian_rt, "KeberatanDiputuskan") == 1
        assert bawa(penilaian_rt, world.runtime, "PredikatDitetapkan") == 1

    pen = penilaian_rt.create_app().test_client().get(
        f"/penilaian/{pid}", headers=minter.headers(peg, instansi_id=world.instansi_id)).json
    assert (pen["nilai_perilaku"], pen["nilai_kinerja"], pen["predikat"], pen["revisi"]) == (
        "93.75", "90.19", "BAIK", 2)
    body = client.get(f"/keberatan/{kid}", headers=world.h(peg)).json
    sesudah = body["nilai"]["sesudah"]
    assert (sesudah["nilai_kinerja"], sesudah["predikat"]) == ("90.19", "BAIK")
    assert sesudah["nilai_perilaku_pp30"] == {"ORIENTASI_PELAYANAN": "95", "KOMITMEN": "90",
                                              "INISIATIF_KERJA": "95", "KERJA_SAMA": "95"}
    assert [x["aksi"] for x in body["riwayat"]] == [
        "DIAJUKAN", "SANGGAHAN_ATASAN", "SANGGAHAN_PENILAI", "KEPUTUSAN", "PREDIKAT_DIREVISI"]
