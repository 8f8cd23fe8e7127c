"""Pulling pegawai and unor from the SIASN sandbox: a job with counts, events only for what is
new, changed or gone, a reason per failed record."""
from __future__ import annotations


def _pull(world, jenis="UNOR_DAN_PEGAWAI"):
    r = world.api.post("admin", "/siasn/sinkron", json={"jenis": jenis})
    assert r.status_code == 202, r.get_json()
    world.kerjakan()
    return world.api.get("admin", f"/siasn/sinkron/{r.get_json()['id']}").get_json()


def _events(world, event_type):
    world.runtime.relay.drain()
    found = world.runtime.publisher.envelopes(event_type)
    world.runtime.publisher.clear()
    return found


def test_a_pull_needs_the_siasn_instansi_id(world):
    r = world.api.post("admin", "/siasn/sinkron", json={"jenis": "PEGAWAI"})
    assert r.status_code == 409 and r.get_json()["detail"].startswith("ID instansi SIASN")
    assert world.api.put("admin", "/pengaturan", json={"siasn_instansi_id": "SIASN-1"}
                         ).get_json()["siasn_instansi_id"] == "SIASN-1"
    assert world.api.get("admin2", "/pengaturan").get_json()["siasn_instansi_id"] is None
    assert world.api.put("pegawai", "/pengaturan", json={"siasn_instansi_id": "X"}
                         ).status_code == 403


def test_pull_sends_what_is_new_then_only_what_changed_or_went(world):
    world.api.put("admin", "/pengaturan", json={"siasn_instansi_id": "SIASN-1"})
    job = _pull(world)
    assert job["status"] == "SELESAI", job
    assert job["jumlah"] == {"tambah": 46, "ubah": 0, "hapus": 0, "gagal": 0, "berhasil": 0}
    world.runtime.relay.drain()
    pegawai = world.runtime.publisher.envelopes("PegawaiSiasnDiterima")
    assert len(pegawai) == 40
    sample = pegawai[0].typed_payload()
    raw = sample.data
    assert (sample.nip, sample.siasn_id, sample.unor_siasn_id, sample.revisi) == \
        (raw["nipBaru"], raw["id"], raw["unorId"], 1)
    unor = [e.typed_payload() for e in world.runtime.publisher.envelopes("UnorSiasnDiterima")]
    assert len(unor) == 6 and sum(1 for u in unor if u.unor_atasan_siasn_id is None) == 1
    assert all(u.kepala_siasn_id for u in unor)
    done = world.runtime.publisher.envelopes("SinkronSelesai")
    assert done[-1].typed_payload().tambah == 46
    world.runtime.publisher.clear()

    # nothing changed at SIASN: nothing sent
    assert _pull(world)["jumlah"]["tambah"] == 0
    assert _events(world, "PegawaiSiasnDiterima") == []

    people = world.sandbox.pegawai()
    world.sandbox.http.patch(f"/_sandbox/pegawai/{people[3]['nipBaru']}",
                             json={"jabatanNama": "Analis Kebijakan Ahli Madya"})
    world.sandbox.http.delete(f"/_sandbox/pegawai/{people[4]['nipBaru']}")
    world.sandbox.http.put("/_sandbox/pegawai/12345", json={
        **people[5], "nipBaru": "12345", "id": "rusak", "instansiIndukId": "SIASN-1"})
    job = _pull(world, "PEGAWAI")
    assert job["jumlah"] == {"tambah": 0, "ubah": 1, "hapus": 1, "gagal": 1, "berhasil": 0}
    sent = {e.typed_payload().nip: e.typed_payload() for e in _events(world, "PegawaiSiasnDiterima")}
    assert sent[people[3]["nipBaru"]].jabatan == "Analis Kebijakan Ahli Madya"
    assert sent[people[3]["nipBaru"]].revisi == 2
    assert sent[people[4]["nipBaru"]].dihapus is True
    failed = world.api.get("admin", f"/siasn/sinkron/{job['id']}/item?status=GAGAL").get_json()
    assert [(i["kunci"], i["alasan"]) for i in failed] == [("12345", "NIP harus 18 digit angka.")]
    assert world.api.get("admin2", f"/siasn/sinkron/{job['id']}").status_code == 404


def test_a_second_pull_waits_while_one_is_queued(world):
    world.api.put("admin", "/pengaturan", json={"siasn_instansi_id": "SIASN-1"})
    assert world.api.post("admin", "/siasn/sinkron", json={"jenis": "UNOR"}).status_code == 202
    r = world.api.post("admin", "/siasn/sinkron", json={"jenis": "PEGAWAI"})
    assert r.status_code == 409
    assert world.api.post("admin", "/siasn/sinkron", json={"jenis": "GURU"}).status_code == 422
