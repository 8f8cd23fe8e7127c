"""Correcting and removing tugas tambahan, kreativitas and Buku Catatan Perilaku entries: who may,
only while the penilaian is open, the PP 30 values recomputed as after a POST, every change in
the riwayat."""
from __future__ import annotations

from kinerja_shared.events.contracts import skp as skpev

PERILAKU = {"ORIENTASI_PELAYANAN": 100, "KOMITMEN": 100, "INISIATIF_KERJA": 100,
            "KERJA_SAMA": 100}


def _pp30(world, client, *, kuantitas=10, perilaku=None):
    """A PP 30 penilaian of a final period with one kegiatan (target 10 / 100 / 12 months)
    realised as given and, when ``perilaku`` is given, the nilai perilaku."""
    if not getattr(world, "_periode", None):
        world._periode = world.periode(final=True)
    peg, pen, atasan = world.pegawai(), world.pegawai(), world.pegawai()
    skp_id = world.id("skp")
    rhk = [skpev.RhkSnapshot(id=f"{skp_id}-k1", jenis="UTAMA", uraian="Kegiatan",
                             target_kuantitas="10", satuan="dokumen", target_kualitas="100",
                             target_waktu="12")]
    world.skp(peg, pen, atasan_id=atasan, model="PP_30_2019", rhk=rhk, skp_id=skp_id)
    pid = world.penilaian(client, peg)[0]["id"]
    r = client.put(f"/penilaian/{pid}/pp30/realisasi/{skp_id}-k1",
                   json={"kuantitas": kuantitas, "kualitas": 100, "waktu": 10}, headers=world.h(peg))
    assert r.status_code == 200, r.json
    if perilaku:
        r = client.put(f"/penilaian/{pid}/pp30/perilaku", json={"nilai": perilaku},
                       headers=world.h(pen))
        assert r.status_code == 200, r.json
    return peg, pen, atasan, pid


def _nilai(body):
    return body["nilai_skp"], body["nilai_kinerja"], body["predikat"]


def _penilaian(world, client, pid, who):
    return client.get(f"/penilaian/{pid}", headers=world.h(who)).json


def _riwayat(world, client, pid, who):
    return client.get(f"/penilaian/{pid}/riwayat", headers=world.h(who)).json


def test_correcting_a_tugas_tambahan_recomputes_as_after_a_post(world, client):
    peg, pen, _atasan, pid = _pp30(world, client, perilaku=PERILAKU)
    url = f"/penilaian/{pid}/pp30/tugas-tambahan"
    # (100 + 100 + 92.67) / 3 = 97.56 is the base; the additions are on the sum of jumlah
    a = client.post(url, json={"uraian": "Panitia", "jumlah": 2}, headers=world.h(peg)).json
    b = client.post(url, json={"uraian": "Narasumber", "jumlah": 2}, headers=world.h(pen))
    assert b.status_code == 201 and b.json["nilai_skp"] == "99.56"  # 4 tugas -> +2
    entries = client.get(url, headers=world.h(peg)).json
    assert [(e["uraian"], e["jumlah"], e["oleh_pegawai_id"]) for e in entries] == [
        ("Panitia", 2, peg), ("Narasumber", 2, pen)]
    first = entries[0]["id"]
    assert [t["id"] for t in a["pp30"]["tambahan"]] == [first]

    r = client.patch(f"{url}/{first}", json={"jumlah": 1, "alasan": "Salah hitung"},
                     headers=world.h(pen))
    assert r.status_code == 200, r.json
    assert r.json["nilai_skp"] == "98.56"  # 3 tugas -> +1
    # the same values a penilaian gets when the corrected entries are posted from the start
    _p2, _pen2, _a2, twin = _pp30(world, client, perilaku=PERILAKU)
    for jumlah in (1, 2):
        client.post(f"/penilaian/{twin}/pp30/tugas-tambahan", json={"uraian": "x", "jumlah": jumlah},
                    headers=world.h(_p2))
    assert _nilai(client.get(f"/penilaian/{twin}", headers=world.h(_p2)).json) == _nilai(r.json)
    assert client.get(f"{url}/{first}", headers=world.h(peg)).json["jumlah"] == 1

    r = client.patch(f"{url}/{first}", json={"uraian": "Panitia HUT"}, headers=world.h(peg))
    assert r.status_code == 200 and r.json["nilai_skp"] == "98.56"
    r = client.delete(f"{url}/{first}", query_string={"alasan": "Ganda"}, headers=world.h(peg))
    assert r.status_code == 204 and r.data == b""
    assert _penilaian(world, client, pid, peg)["nilai_skp"] == "98.56"  # 2 tugas -> +1
    r = client.delete(f"{url}/{entries[1]['id']}", headers=world.h(pen))
    assert r.status_code == 204
    body = _penilaian(world, client, pid, peg)
    assert body["nilai_skp"] == "97.56" and body["pp30"]["tambahan"] == []
    assert client.get(f"{url}/{first}", headers=world.h(peg)).status_code == 404

    rows = [x for x in _riwayat(world, client, pid, peg) if x["aksi"].startswith("TUGAS")]
    assert [x["aksi"] for x in rows] == [
        "TUGAS_TAMBAHAN_DITAMBAH", "TUGAS_TAMBAHAN_DITAMBAH", "TUGAS_TAMBAHAN_DIUBAH",
        "TUGAS_TAMBAHAN_DIUBAH", "TUGAS_TAMBAHAN_DIHAPUS", "TUGAS_TAMBAHAN_DIHAPUS"]
    ubah = rows[2]
    assert (ubah["oleh_pegawai_id"], ubah["alasan"]) == (pen, "Salah hitung")
    assert (ubah["sebelum"]["jumlah"], ubah["sesudah"]["jumlah"]) == (2, 1)
    assert rows[3]["sesudah"]["uraian"] == "Panitia HUT"
    assert (rows[4]["sebelum"]["id"], rows[4]["sesudah"], rows[4]["alasan"]) == (first, None, "Ganda")
    nilai = [x for x in _riwayat(world, client, pid, peg) if x["aksi"] == "NILAI_PP30"]
    assert [x["sesudah"]["nilai_skp"] for x in nilai][-4:] == [
        "98.56", "99.56", "98.56", "97.56"]


def test_sangat_baik_follows_the_kreativitas_entries(world, client):
    # kuantitas 16/10: (160 + 100 + 92.67) / 3 = 117.56 -> nilai kinerja 112.29, >= 110 but
    # Sangat Baik needs a kreativitas
    peg, pen, _atasan, pid = _pp30(world, client, kuantitas=16, perilaku=PERILAKU)
    assert _nilai(client.get(f"/penilaian/{pid}", headers=world.h(peg)).json) == (
        "117.56", "112.29", "BAIK")
    url = f"/penilaian/{pid}/pp30/kreativitas"
    r = client.post(url, json={"uraian": "Aplikasi antrean", "jumlah": 1}, headers=world.h(pen))
    assert _nilai(r.json) == ("120.00", "114.00", "SANGAT_BAIK")  # +3, capped at 120
    kid = r.json["pp30"]["tambahan"][0]["id"]
    bad = client.patch(f"{url}/{kid}", json={"jumlah": 5}, headers=world.h(pen))
    assert bad.status_code == 422 and "jumlah" in bad.json["errors"]
    bad = client.patch(f"{url}/{kid}", json={"uraian": ""}, headers=world.h(pen))
    assert bad.status_code == 422 and "uraian" in bad.json["errors"]
    r = client.patch(f"{url}/{kid}", json={"jumlah": 2}, headers=world.h(pen))
    assert r.status_code == 200 and _nilai(r.json) == ("120.00", "114.00", "SANGAT_BAIK")
    # a kreativitas entry is not a tugas tambahan
    assert client.patch(f"/penilaian/{pid}/pp30/tugas-tambahan/{kid}", json={"jumlah": 1},
                        headers=world.h(pen)).status_code == 404
    assert client.delete(f"{url}/{kid}", headers=world.h(peg)).status_code == 204
    assert _nilai(_penilaian(world, client, pid, peg)) == ("117.56", "112.29", "BAIK")
    aksi = [x["aksi"] for x in _riwayat(world, client, pid, pen)]
    assert aksi[-5:] == ["KREATIVITAS_DITAMBAH", "NILAI_PP30", "KREATIVITAS_DIUBAH",
                         "KREATIVITAS_DIHAPUS", "NILAI_PP30"]


def test_who_may_correct_an_entry(world, client):
    peg, pen, atasan, pid = _pp30(world, client)
    other_peg, _o, _a, other = _pp30(world, client)
    url = f"/penilaian/{pid}/pp30/tugas-tambahan"
    tid = client.post(url, json={"uraian": "Panitia", "jumlah": 1},
                      headers=world.h(peg)).json["pp30"]["tambahan"][0]["id"]
    foreign = client.post(f"/penilaian/{other}/pp30/tugas-tambahan", json={
        "uraian": "x", "jumlah": 1}, headers=world.h(other_peg)).json["pp30"]["tambahan"][0]["id"]
    outsider = world.minter.headers(pen, instansi_id="other")
    for headers, status in ((world.h(atasan), 403), (world.admin(), 403),
                            (world.h(world.id("x")), 404), (outsider, 404)):
        assert client.patch(f"{url}/{tid}", json={"jumlah": 2}, headers=headers).status_code == status
        assert client.delete(f"{url}/{tid}", headers=headers).status_code == status
    assert client.get(url, headers=world.h(atasan)).status_code == 200
    assert client.get(url, headers=outsider).status_code == 404
    # another penilaian's entry is not found through this one
    assert client.patch(f"{url}/{foreign}", json={"jumlah": 2},
                        headers=world.h(peg)).status_code == 404
    assert client.delete(f"{url}/{foreign}", headers=world.h(peg)).status_code == 404
    assert client.get(f"{url}/{foreign}", headers=world.h(peg)).status_code == 404
    assert client.patch(f"{url}/{tid}", json={"jumlah": 2, "lain": 1},
                        headers=world.h(peg)).status_code == 422
    assert client.get(f"{url}/{tid}", headers=world.h(peg)).json["jumlah"] == 1


def test_entries_are_locked_once_the_penilaian_is_ditetapkan(world, client):
    peg, pen, _atasan, pid = _pp30(world, client, perilaku=PERILAKU)
    url = f"/penilaian/{pid}/pp30/tugas-tambahan"
    tid = client.post(url, json={"uraian": "Panitia", "jumlah": 1},
                      headers=world.h(peg)).json["pp30"]["tambahan"][0]["id"]
    kid = client.post(f"/penilaian/{pid}/pp30/kreativitas", json={"uraian": "x", "jumlah": 1},
                      headers=world.h(peg)).json["pp30"]["tambahan"][1]["id"]
    assert client.post(f"/penilaian/{pid}/tetapkan", headers=world.h(pen)).status_code == 200
    for r in (client.patch(f"{url}/{tid}", json={"jumlah": 3}, headers=world.h(pen)),
              client.delete(f"{url}/{tid}", headers=world.h(peg)),
              client.post(url, json={"uraian": "y", "jumlah": 1}, headers=world.h(peg)),
              client.delete(f"/penilaian/{pid}/pp30/kreativitas/{kid}", headers=world.h(pen))):
        assert r.status_code == 409, r.json
        assert r.content_type == "application/problem+json"
        assert r.json["type"].endswith("/penilaian-terkunci")
        assert r.json["detail"].startswith("Penilaian sudah ditetapkan;")
        assert r.json["status_penilaian"] == "DITETAPKAN"
    assert len(client.get(url, headers=world.h(peg)).json) == 1


def test_a_permenpan_penilaian_has_no_pp30_entries(world, client):
    world.periode()
    peg, pen = world.pegawai(), world.pegawai()
    world.skp(peg, pen)
    pid = world.penilaian(client, peg)[0]["id"]
    assert client.get(f"/penilaian/{pid}/pp30/kreativitas", headers=world.h(peg)).json == []
    assert client.delete(f"/penilaian/{pid}/pp30/kreativitas/nope",
                         headers=world.h(peg)).status_code == 404


def _catatan_setup(world, client):
    world.periode()
    peg, pen, lain = world.pegawai(), world.pegawai(), world.pegawai()
    world.skp(peg, pen)
    world.skp(lain, pen)
    return peg, pen, world.penilaian(client, peg)[0]["id"], world.penilaian(client, lain)[0]["id"]


def test_the_penilai_corrects_and_removes_a_catatan_perilaku(world, client):
    peg, pen, pid, other = _catatan_setup(world, client)
    url = f"/penilaian/{pid}/catatan-perilaku"
    [c] = client.post(url, json={"tanggal": "2099-03-04", "uraian": "Terlambat apel"},
                      headers=world.h(pen)).json["catatan_perilaku"]
    [foreign] = client.post(f"/penilaian/{other}/catatan-perilaku", json={
        "tanggal": "2099-03-04", "uraian": "x"}, headers=world.h(pen)).json["catatan_perilaku"]
    assert client.get(f"{url}/{c['id']}", headers=world.h(peg)).json["uraian"] == "Terlambat apel"
    bad = client.patch(f"{url}/{c['id']}", json={"tanggal": "2098-12-31"}, headers=world.h(pen))
    assert bad.status_code == 422 and "tanggal" in bad.json["errors"]
    assert client.patch(f"{url}/{c['id']}", json={"uraian": "x"},
                        headers=world.h(peg)).status_code == 403
    assert client.patch(f"{url}/{foreign['id']}", json={"uraian": "x"},
                        headers=world.h(pen)).status_code == 404
    assert client.get(f"{url}/{foreign['id']}", headers=world.h(pen)).status_code == 404
    r = client.patch(f"{url}/{c['id']}", json={"tanggal": "2099-03-05", "alasan": "Salah tanggal"},
                     headers=world.h(pen))
    assert r.status_code == 200, r.json
    assert [(x["tanggal"], x["uraian"]) for x in r.json["catatan_perilaku"]] == [
        ("2099-03-05", "Terlambat apel")]
    assert client.delete(f"{url}/{c['id']}", headers=world.h(peg)).status_code == 403
    r = client.delete(f"{url}/{c['id']}", query_string={"alasan": "Keliru orang"},
                      headers=world.h(pen))
    assert r.status_code == 204 and r.data == b""
    assert _penilaian(world, client, pid, pen)["catatan_perilaku"] == []
    assert client.delete(f"{url}/{c['id']}", headers=world.h(pen)).status_code == 404
    rows = [x for x in _riwayat(world, client, pid, pen) if x["aksi"].startswith("CATATAN")]
    assert [(x["aksi"], x["alasan"]) for x in rows] == [
        ("CATATAN_PERILAKU_DITAMBAH", None), ("CATATAN_PERILAKU_DIUBAH", "Salah tanggal"),
        ("CATATAN_PERILAKU_DIHAPUS", "Keliru orang")]
    assert (rows[1]["sebelum"]["tanggal"], rows[1]["sesudah"]["tanggal"]) == (
        "2099-03-04", "2099-03-05")
    assert rows[2]["sebelum"]["uraian"] == "Terlambat apel" and rows[2]["sesudah"] is None


def test_catatan_perilaku_are_locked_once_the_penilaian_is_ditetapkan(world, client):
    peg, pen, pid, _other = _catatan_setup(world, client)
    url = f"/penilaian/{pid}/catatan-perilaku"
    [c] = client.post(url, json={"tanggal": "2099-03-04", "uraian": "Terlambat apel"},
                      headers=world.h(pen)).json["catatan_perilaku"]
    client.put(f"/penilaian/{pid}/rating", json={"rating_hasil_kerja": "SESUAI_EKSPEKTASI",
               "rating_perilaku": "SESUAI_EKSPEKTASI"}, headers=world.h(pen))
    assert client.post(f"/penilaian/{pid}/tetapkan", headers=world.h(pen)).status_code == 200
    for r in (client.patch(f"{url}/{c['id']}", json={"uraian": "x"}, headers=world.h(pen)),
              client.delete(f"{url}/{c['id']}", headers=world.h(pen)),
              client.post(url, json={"tanggal": "2099-03-06", "uraian": "x"}, headers=world.h(pen))):
        assert r.status_code == 409 and r.json["type"].endswith("/penilaian-terkunci"), r.json
        assert r.json["detail"].endswith("catatan perilaku tidak dapat diubah lagi.")
    assert len(client.get(url, headers=world.h(peg)).json) == 1
