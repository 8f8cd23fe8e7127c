"""The PermenPAN-RB 6/2022 chain end to end through the API: filed by the pegawai, explained
by the pejabat penilai, opened and decided by the atasan pejabat penilai; the decision reaches
penilaian as KeberatanDiputuskan and the after row takes penilaian's new revision."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kinerja_shared import clock

SESUAI, DI_ATAS = "SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"
DITETAPKAN = datetime(2099, 3, 3, 9, 0, tzinfo=timezone.utc)  # as the World sets predikat


def _published(world, event_type):
    world.runtime.relay.drain()
    return [e for e in world.runtime.publisher.envelopes(event_type)
            if e.instansi_id == world.instansi_id]


def test_filed_explained_opened_and_approved(world, client):
    world.instansi()
    peg, penilai, atasan = world.orang()
    pid = world.predikat(peg, penilai, atasan)
    with clock.frozen(DITETAPKAN + timedelta(days=2)) as c:
        r = client.post("/keberatan", headers=world.h(peg), json={
            "penilaian_id": pid, "alasan": "Target terlampaui",
            "rating_hasil_kerja_diminta": DI_ATAS, "rating_perilaku_diminta": DI_ATAS,
            "bukti_dukung": ["https://drive.example.go.id/laporan.pdf"]})
        assert r.status_code == 201, r.json
        kid = r.json["id"]
        assert r.headers["Location"].endswith(f"/keberatan/{kid}")
        assert (r.json["status"], r.json["menunggu"], r.json["pemutus"]["id"],
                r.json["pemutus_sumber"]) == ("DIAJUKAN", "PEJABAT_PENILAI", atasan,
                                             "ATASAN_PEJABAT_PENILAI")
        assert r.json["nilai"]["sebelum"] == {
            "rating_hasil_kerja": SESUAI, "rating_perilaku": SESUAI, "predikat": "BAIK",
            "nilai_perilaku_pp30": None, "nilai_kinerja": None}
        assert r.json["nilai"]["diminta"]["predikat"] == "SANGAT_BAIK"
        assert r.json["bukti_dukung"] == [
            {"nama": None, "url": "https://drive.example.go.id/laporan.pdf"}]

        c.advance(minutes=4)
        assert client.get(f"/keberatan/{kid}", headers=world.h(penilai)).json[
            "dibuka_atasan_at"] is None  # the pejabat penilai's read is not the atasan's
        r = client.get(f"/keberatan/{kid}", headers=world.h(atasan))
        dibuka = r.json["dibuka_atasan_at"]
        assert dibuka is not None
        c.advance(minutes=1)
        assert client.get(f"/keberatan/{kid}", headers=world.h(atasan)).json[
            "dibuka_atasan_at"] == dibuka  # only the first time

        r = client.post(f"/keberatan/{kid}/keputusan", headers=world.h(atasan), json={
            "keputusan": "DISETUJUI", "uraian": "x", "rating_hasil_kerja": DI_ATAS})
        assert r.status_code == 409, r.json  # the penjelasan comes first

        r = client.post(f"/keberatan/{kid}/penjelasan", headers=world.h(penilai),
                        json={"penjelasan": "Setuju dirubah"})
        assert r.status_code == 200, r.json
        assert (r.json["status"], r.json["menunggu"]) == ("DIJELASKAN", "PEMUTUS")
        assert r.json["direspon_at"] is not None

        c.advance(minutes=1)
        r = client.post(f"/keberatan/{kid}/keputusan", headers=world.h(atasan), json={
            "keputusan": "DISETUJUI", "uraian": "Baiklah", "rekomendasi": "Pertahankan",
            "rating_hasil_kerja": DI_ATAS, "rating_perilaku": DI_ATAS})
        assert r.status_code == 200, r.json
        body = r.json
    assert (body["status"], body["keputusan"], body["menunggu"]) == ("DISETUJUI", "DISETUJUI",
                                                                     None)
    assert body["nilai"]["sesudah"]["rating_hasil_kerja"] == DI_ATAS
    assert body["nilai"]["sesudah"]["predikat"] is None  # penilaian's to say
    assert [x["aksi"] for x in body["riwayat"]] == ["DIAJUKAN", "DIBUKA", "PENJELASAN",
                                                    "KEPUTUSAN"]
    assert [x["peran"] for x in body["riwayat"]] == ["PEGAWAI", "PEMUTUS", "PEJABAT_PENILAI",
                                                     "PEMUTUS"]

    [diputuskan] = _published(world, "KeberatanDiputuskan")
    p = diputuskan.typed_payload()
    assert (p.keberatan_id, p.penilaian_id, p.keputusan, p.rating_hasil_kerja,
            p.rating_perilaku, p.predikat_sebelum, p.revisi, p.pemutus.id) == (
        kid, pid, "DISETUJUI", DI_ATAS, DI_ATAS, "BAIK", 1, atasan)
    assert len(_published(world, "KeberatanDiajukan")) == 1

    # penilaian applies it and republishes the predikat with revisi 2
    world.predikat(peg, penilai, atasan, penilaian_id=pid, rh=DI_ATAS, rp=DI_ATAS,
                   predikat="SANGAT_BAIK", revisi=2)
    body = client.get(f"/keberatan/{kid}", headers=world.h(peg)).json
    assert body["nilai"]["sesudah"]["predikat"] == "SANGAT_BAIK"
    assert body["riwayat"][-1]["aksi"] == "PREDIKAT_DIREVISI"
    snapshots = [e.typed_payload() for e in _published(world, "KeberatanDiperbarui")]
    assert [s.versi for s in snapshots] == list(range(1, len(snapshots) + 1))
    assert snapshots[-1].sesudah.predikat == "SANGAT_BAIK"
    assert [x.aksi for x in snapshots[-1].riwayat][-1] == "PREDIKAT_DIREVISI"
