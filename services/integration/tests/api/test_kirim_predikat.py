"""Pushing predikat to the SIASN sandbox through the API and the worker (PostgreSQL, a real
sandbox over HTTP)."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from kinerja_shared import clock

from integrasi_uji import predikat_bulanan, predikat_final

HARI_INI = datetime(2026, 2, 2, 3, 0, tzinfo=timezone.utc)  # 10:00 WIB


def _feed_final(world, people, **kw):
    for p in people:
        world.kirim(predikat_final(p, **kw), f"pen-{p['nipBaru']}")


def _push(world, tahun=2025, jenis="sinkron-predikat"):
    r = world.api.post("admin", f"/siasn/{jenis}", json={"tahun": tahun})
    assert r.status_code == 202, r.get_json()
    assert r.headers["Location"].endswith(f"/siasn/{jenis}/{r.get_json()['id']}")
    world.kerjakan()
    return world.api.get("admin", f"/siasn/{jenis}/{r.get_json()['id']}").get_json()


def _items(world, job_id, jenis="sinkron-predikat"):
    r = world.api.get("admin", f"/siasn/{jenis}/{job_id}/item?page_size=500")
    assert r.status_code == 200
    return r.get_json()


def test_push_sends_each_final_predikat_once_exactly_as_previewed(world):
    people = world.sandbox.pegawai()[:12]
    _feed_final(world, people[:6], predikat="SANGAT_BAIK", hasil="DI_ATAS_EKSPEKTASI",
                perilaku="DI_ATAS_EKSPEKTASI")
    _feed_final(world, people[6:])
    with clock.frozen(HARI_INI):
        preview = world.api.post("admin", "/siasn/sinkron-predikat",
                                 json={"tahun": 2025, "pratinjau": True}).get_json()
        assert (preview["jumlah"], preview["tambah"], preview["ubah"]) == (12, 12, 0)
        assert world.sandbox.riwayat() == []  # a preview sends nothing
        job = _push(world)
    assert job["status"] == "SELESAI" and job["jumlah"]["berhasil"] == 12, job
    sent = {i["kunci"]: i["payload"] for i in _items(world, job["id"])}
    assert sent == {i["kunci"]: i["payload"] for i in preview["data"]}
    stored = world.sandbox.riwayat()
    assert len(stored) == 12 and len({r["nip"] for r in stored}) == 12
    by_nip = {p["nipBaru"]: p for p in people}
    for record in stored:
        body = record["body"]
        assert body["pnsDinilaiOrang"] == by_nip[record["nip"]]["id"]
        expected = (1, 1, 1) if record["nip"] in {p["nipBaru"] for p in people[:6]} else (2, 2, 2)
        assert (body["hasilKinerjaNilai"], body["perilakuKerjaNilai"],
                body["kuadranKinerjaNilai"]) == expected
        assert body["penilaiNama"] == "Dr. Kepala Bidang, M.Si."
        assert (body["penilaiNipNrp"], body["statusPenilai"], body["tahun"]) == \
            ("197001011990031001", "ASN", 2025)


def test_a_second_push_the_same_day_is_429_until_the_next_local_day(world):
    _feed_final(world, world.sandbox.pegawai()[:2])
    with clock.frozen(HARI_INI) as c:
        _push(world)
        r = world.api.post("admin", "/siasn/sinkron-predikat", json={"tahun": 2025})
        assert r.status_code == 429
        # 10:00 WIB: 14 hours to midnight in Jakarta
        assert r.headers["Retry-After"] == str(14 * 3600)
        assert r.get_json()["detail"] == "Sinkronisasi hanya dapat dilakukan sekali sehari."
        # another kind is another queue of the day; another instansi too
        assert world.api.post("admin", "/siasn/sinkron-angka-kredit",
                              json={"tahun": 2025}).status_code == 202
        assert world.api.post("admin2", "/siasn/sinkron-predikat",
                              json={"tahun": 2025}).status_code == 202
        c.advance(hours=14)
        assert world.api.post("admin", "/siasn/sinkron-predikat",
                              json={"tahun": 2025}).status_code == 202


def test_a_keberatan_revision_updates_the_same_siasn_record_and_nothing_unchanged_is_resent(world):
    people = world.sandbox.pegawai()[:5]
    _feed_final(world, people)
    with clock.frozen(HARI_INI) as c:
        _push(world)
        first = {r["nip"]: r for r in world.sandbox.riwayat()}
        # keberatan approved for one pegawai: penilaian republishes with revisi + 1
        target = people[2]
        world.kirim(predikat_final(target, predikat="SANGAT_BAIK", hasil="DI_ATAS_EKSPEKTASI",
                                   perilaku="DI_ATAS_EKSPEKTASI", revisi=2),
                    f"pen-{target['nipBaru']}")
        # a late redelivery of an older revision changes nothing
        world.kirim(predikat_final(target, revisi=1, penilaian_id=f"pen-{target['nipBaru']}"),
                    f"pen-{target['nipBaru']}")
        c.advance(days=1)
        preview = world.api.post("admin", "/siasn/sinkron-predikat",
                                 json={"tahun": 2025, "pratinjau": True}).get_json()
        assert [(i["nip"], i["aksi"]) for i in preview["data"]] == [(target["nipBaru"], "UBAH")]
        job = _push(world)
    assert (job["jumlah"]["berhasil"], job["total"]) == (1, 1)
    after = {r["nip"]: r for r in world.sandbox.riwayat()}
    assert len(after) == 5 and set(after) == set(first)
    updated = after[target["nipBaru"]]
    assert updated["id"] == first[target["nipBaru"]]["id"] and updated["versi"] == 2
    assert updated["body"]["kuadranKinerjaNilai"] == 1
    assert all(after[n]["versi"] == 1 for n in after if n != target["nipBaru"])


def test_periodic_predikat_goes_to_kinerjaperiodik_with_its_months(world):
    person = world.sandbox.pegawai()[0]
    for bulan in (1, 2):
        world.kirim(predikat_bulanan(person, bulan), f"pen-{bulan}")
    with clock.frozen(HARI_INI):
        job = _push(world)
    assert job["jumlah"]["berhasil"] == 2
    bodies = sorted((r["body"] for r in world.sandbox.riwayat("kinerjaperiodik")),
                    key=lambda b: b["bulanMulaiPenilaian"])
    assert [(b["bulanMulaiPenilaian"], b["bulanSelesaiPenilaian"], b["periodikId"],
             b["pnsDinilaiId"], b["perilakuKerjaNilai"]) for b in bodies] == \
        [(1, 1, 1, person["id"], 1), (2, 2, 1, person["id"], 1)]


def test_a_nip_unknown_to_siasn_fails_with_its_reason_and_retry_sends_only_failures(world):
    people = world.sandbox.pegawai()[:3]
    _feed_final(world, people)
    stranger = {**people[0], "nipBaru": "199912312022011999", "id": "x"}
    world.kirim(predikat_final(stranger), "pen-x")
    with clock.frozen(HARI_INI) as c:
        job = _push(world)
        assert (job["jumlah"]["berhasil"], job["jumlah"]["gagal"]) == (3, 1)
        failed = _items(world, job["id"])
        reasons = {i["nip"]: i["alasan"] for i in failed if i["status"] == "GAGAL"}
        assert reasons == {"199912312022011999": "NIP tidak ditemukan di SIASN."}
        # SIASN learns the NIP (a new PNS); only the failure is sent again
        world.sandbox.http.put(f"/_sandbox/pegawai/{stranger['nipBaru']}",
                               json={**stranger, "id": "orang-baru",
                                     "instansiIndukId": "SIASN-1"})
        c.advance(minutes=5)
        r = world.api.post("admin", f"/siasn/sinkron-predikat/{job['id']}/ulangi-gagal")
        assert r.status_code == 202, r.get_json()
        world.kerjakan()
        retry = world.api.get("admin", f"/siasn/sinkron-predikat/{r.get_json()['id']}").get_json()
    assert (retry["induk_id"], retry["total"], retry["jumlah"]["berhasil"]) == (job["id"], 1, 1)
    assert len(world.sandbox.riwayat()) == 4


def test_jobs_are_the_admin_instansis_own(world):
    with clock.frozen(HARI_INI):
        r = world.api.post("admin", "/siasn/sinkron-predikat", json={"tahun": 2025})
        job_id = r.get_json()["id"]
        assert world.api.get("admin2", f"/siasn/sinkron-predikat/{job_id}").status_code == 404
        assert world.api.get("admin2", f"/siasn/sinkron-predikat/{job_id}/item").status_code == 404
        assert world.api.post("pegawai", "/siasn/sinkron-predikat",
                              json={"tahun": 2025}).status_code == 403
        assert world.api.get("admin", f"/siasn/sinkron/{job_id}").status_code == 404  # a push
        r = world.api.post("admin", "/siasn/sinkron-predikat", json={"tahun": "dua ribu"})
        assert r.status_code == 422 and "tahun" in r.get_json()["errors"]


def test_refused_credentials_fail_the_job_without_showing_them_and_a_retry_sends_all(world):
    from dataclasses import replace

    from integrasi_uji import siasn_settings

    people = world.sandbox.pegawai()[:3]
    _feed_final(world, people)
    good = siasn_settings(world.sandbox)
    world.runtime.components.configure(siasn=replace(good, consumer_secret="rahasia-salah-xyz"))
    with clock.frozen(HARI_INI):
        job = _push(world)
        assert job["status"] == "GAGAL" and job["pesan"].startswith("Kredensial ditolak")
        assert "rahasia-salah-xyz" not in json.dumps(job)
        assert world.sandbox.riwayat() == []
        world.runtime.components.configure(siasn=good)
        r = world.api.post("admin", f"/siasn/sinkron-predikat/{job['id']}/ulangi-gagal")
        assert r.status_code == 202
        world.kerjakan()
        retry = world.api.get("admin", f"/siasn/sinkron-predikat/{r.get_json()['id']}").get_json()
    assert (retry["status"], retry["jumlah"]["berhasil"]) == ("SELESAI", 3)
    assert len(world.sandbox.riwayat()) == 3
