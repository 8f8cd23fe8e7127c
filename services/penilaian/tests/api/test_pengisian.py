"""Realisasi, batas pengisian and extensions, umpan balik, perilaku feedback and who may give it."""
from __future__ import annotations

from datetime import date


def _setup(world, client, **periode):
    world.periode(**periode)
    peg, pen, rekan, lain = (world.pegawai() for _ in range(4))
    skp_id = world.skp(peg, pen, rekan={"KOLABORATIF": ("REKAN", rekan)},
                       tahun=periode.get("tahun", 2099))
    return peg, pen, rekan, lain, skp_id, world.penilaian(client, peg)[0]["id"]


def test_realisasi_with_links_then_kirim(world, client):
    peg, pen, _r, _l, skp_id, pid = _setup(world, client)
    url = f"/penilaian/{pid}/realisasi/{skp_id}-i1"
    bad = client.put(url, json={"realisasi": "x", "bukti_dukung": ["ftp://x/y"]}, headers=world.h(peg))
    assert bad.status_code == 422 and "bukti_dukung" in str(bad.json["errors"])
    ok = client.put(url, json={"realisasi": "12", "bukti_dukung": [
        {"nama": "Laporan", "url": "https://drive.example/lap.pdf"}], "keterangan": "lengkap"},
        headers=world.h(peg))
    assert ok.status_code == 200
    assert ok.json["realisasi"][0]["bukti_dukung"][0]["url"] == "https://drive.example/lap.pdf"
    assert client.put(url, json={"realisasi": "1"}, headers=world.h(pen)).status_code == 403
    assert client.put(f"/penilaian/{pid}/realisasi/nope", json={"realisasi": "1"},
                      headers=world.h(peg)).status_code == 404
    assert client.post(f"/penilaian/{pid}/kirim", headers=world.h(peg)).json["status"] == "DIKIRIM"
    assert client.put(url, json={"realisasi": "2"}, headers=world.h(peg)).status_code == 409
    fb = client.put(f"/penilaian/{pid}/umpan-balik/{skp_id}-i1", json={"umpan_balik": "Bagus"},
                    headers=world.h(pen))
    assert fb.status_code == 200 and fb.json["realisasi"][0]["umpan_balik"] == "Bagus"
    assert client.put(f"/penilaian/{pid}/umpan-balik/{skp_id}-i1", json={"umpan_balik": "x"},
                      headers=world.h(peg)).status_code == 403


def test_realisasi_after_batas_pengisian_is_refused_unless_extended(world, client):
    peg, _pen, _r, _l, skp_id, pid = _setup(world, client, tahun=2020, batas=date(2021, 1, 31))
    url = f"/penilaian/{pid}/realisasi/{skp_id}-i1"
    late = client.put(url, json={"realisasi": "12"}, headers=world.h(peg))
    assert late.status_code == 409 and late.json["batas_pengisian"] == "2021-01-31"
    periode_id = world.penilaian(client, peg)[0]["periode_id"]
    assert client.post("/perpanjangan", json={"periode_id": periode_id, "pegawai_id": peg,
                                              "batas_pengisian": "2099-12-31"},
                       headers=world.h(peg)).status_code == 403
    ext = client.post("/perpanjangan", json={"periode_id": periode_id, "pegawai_id": peg,
                                             "batas_pengisian": "2099-12-31", "alasan": "cuti"},
                      headers=world.admin())
    assert ext.status_code == 201, ext.json
    assert client.put(url, json={"realisasi": "12"}, headers=world.h(peg)).status_code == 200

    # withdrawn: kept for the record, the batas is the period's again
    ext_url = f"/perpanjangan/{ext.json['id']}"
    assert client.delete(ext_url, headers=world.h(peg)).status_code == 403
    assert client.delete(ext_url, headers=world.h(world.id("adm"), "admin_instansi",
                                                   instansi_id="lain")).status_code == 404
    r = client.delete(ext_url, headers=world.admin())
    assert r.status_code == 204 and not r.data
    assert client.delete(ext_url, headers=world.admin()).status_code == 409
    kept = client.get(ext_url, headers=world.admin()).json
    assert kept["dicabut_at"] and kept["dicabut_oleh_pegawai_id"]
    listed = client.get("/perpanjangan", query_string={"periode_id": periode_id},
                        headers=world.admin()).json
    assert [x["dicabut_at"] is not None for x in listed] == [True]
    assert client.put(url, json={"realisasi": "13"}, headers=world.h(peg)).status_code == 409


def test_extension_per_unor(world, client):
    world.periode(tahun=2020, batas=date(2021, 1, 31))
    unor = world.unor()
    peg, pen = world.pegawai(unor), world.pegawai(unor)
    skp_id = world.skp(peg, pen, tahun=2020, unor_id=unor)
    row = world.penilaian(client, peg)[0]
    client.post("/perpanjangan", json={"periode_id": row["periode_id"], "unor_id": unor,
                                       "batas_pengisian": "2099-01-01"}, headers=world.admin())
    assert client.put(f"/penilaian/{row['id']}/realisasi/{skp_id}-i1", json={"realisasi": "1"},
                      headers=world.h(peg)).status_code == 200


def test_only_the_rekan_set_for_an_aspect_writes_its_feedback(world, client):
    peg, pen, rekan, lain, _skp, pid = _setup(world, client)
    ok = client.put(f"/penilaian/{pid}/perilaku/KOLABORATIF", json={"umpan_balik": "Kooperatif"},
                    headers=world.h(rekan, nama="Rekan Satu"))
    assert ok.status_code == 200, ok.json
    # the rekan was not set for AKUNTABEL (the atasan was), nor is the other pegawai set at all
    assert client.put(f"/penilaian/{pid}/perilaku/AKUNTABEL", json={"umpan_balik": "x"},
                      headers=world.h(rekan)).status_code == 404
    assert client.put(f"/penilaian/{pid}/perilaku/KOLABORATIF", json={"umpan_balik": "x"},
                      headers=world.h(lain)).status_code == 404
    assert client.put(f"/penilaian/{pid}/perilaku/AKUNTABEL", json={"umpan_balik": "Jujur"},
                      headers=world.h(pen)).status_code == 200
    tugas = client.get("/tugas-perilaku", query_string={"tahun": 2099}, headers=world.h(rekan)).json
    assert [(t["penilaian_id"], t["aspek"], t["sebagai"], t["sudah_diisi"]) for t in tugas] == [
        (pid, "KOLABORATIF", "REKAN", True)]
    assert len(client.get("/tugas-perilaku", headers=world.h(pen)).json) == 6
    # the pegawai sees the rekan's feedback without the writer; the penilai sees the writer
    own = {x["aspek"]: x for x in client.get(f"/penilaian/{pid}", headers=world.h(peg)).json["perilaku"]}
    assert own["KOLABORATIF"]["umpan_balik"] == "Kooperatif"
    assert "penilai_pegawai_id" not in own["KOLABORATIF"] and "penilai_nama" not in own["KOLABORATIF"]
    seen = {x["aspek"]: x for x in client.get(f"/penilaian/{pid}", headers=world.h(pen)).json["perilaku"]}
    assert seen["KOLABORATIF"]["penilai_pegawai_id"] == rekan
    assert seen["KOLABORATIF"]["penilai_nama"] == "Rekan Satu"


def test_writer_names_shown_to_the_pegawai_when_the_instansi_says_so(world, client):
    world.instansi(tampilkan_nama_penilai_perilaku=True)
    peg, _pen, rekan, _l, _skp, pid = _setup(world, client)
    client.put(f"/penilaian/{pid}/perilaku/KOLABORATIF", json={"umpan_balik": "ok"},
               headers=world.h(rekan))
    own = {x["aspek"]: x for x in client.get(f"/penilaian/{pid}", headers=world.h(peg)).json["perilaku"]}
    assert own["KOLABORATIF"]["penilai_pegawai_id"] == rekan


def test_another_instansis_penilaian_is_invisible(world, client):
    peg, pen, _r, _l, skp_id, pid = _setup(world, client)
    outsider_admin = world.minter.headers("adm-x", roles=["admin_instansi"], instansi_id="other")
    outsider = world.minter.headers(pen, instansi_id="other")
    for headers in (outsider_admin, outsider):
        assert client.get(f"/penilaian/{pid}", headers=headers).status_code == 404
        assert client.put(f"/penilaian/{pid}/rating", headers=headers, json={
            "rating_hasil_kerja": "SESUAI_EKSPEKTASI", "rating_perilaku": "SESUAI_EKSPEKTASI"}
        ).status_code == 404
    assert client.get("/penilaian", query_string={"pegawai_id": peg},
                      headers=outsider_admin).json == []
    # same instansi but unrelated pegawai: invisible as well
    assert client.get(f"/penilaian/{pid}", headers=world.h(world.id("x"))).status_code == 404


def test_catatan_perilaku_by_the_penilai(world, client):
    peg, pen, *_rest, pid = _setup(world, client)
    url = f"/penilaian/{pid}/catatan-perilaku"
    r = client.post(url, json={"tanggal": "2099-03-04", "uraian": "Terlambat apel"}, headers=world.h(pen))
    assert r.status_code == 201 and r.json["catatan_perilaku"][0]["uraian"] == "Terlambat apel"
    assert client.post(url, json={"tanggal": "2098-03-04", "uraian": "x"},
                       headers=world.h(pen)).status_code == 422
    assert client.post(url, json={"tanggal": "2099-03-04", "uraian": "x"},
                       headers=world.h(peg)).status_code == 403
    assert len(client.get(url, headers=world.h(peg)).json) == 1
