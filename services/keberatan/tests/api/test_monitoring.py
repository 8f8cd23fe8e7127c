"""Monitoring for admins (BKN e-Kinerja §2.7: by name, year, period, status; here also NIP,
unor and what has waited too long), counts per status, and the to-do lists of the pejabat
penilai and the decider."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kinerja_shared import clock

DI_ATAS = "DI_ATAS_EKSPEKTASI"
DITETAPKAN = datetime(2099, 3, 3, 9, 0, tzinfo=timezone.utc)


def _dunia(world, client):
    """Four keberatan: Atim's (DIAJUKAN, day 1), Budi's (DIJELASKAN, day 2, unor B), Citra's
    (DISETUJUI, day 3, year 2098), Dedi's (TERLAMBAT)."""
    world.instansi()
    penilai, atasan = world.pegawai(), world.pegawai()
    out = {}
    for i, (nama, nip, unor, tahun) in enumerate((
            ("Atim Mufariah", "199001012020012001", "unor-a", 2099),
            ("Budi Santoso", "198505052010011002", "unor-b", 2099),
            ("Citra Dewi", "199202022019032003", "unor-a", 2098),
            ("Dedi Kurnia", "199303032021011004", "unor-a", 2099))):
        peg = world.pegawai(nama=nama, nip=nip)
        pid = world.predikat(peg, penilai, atasan, nama=nama, nip=nip, unor_id=unor,
                             tahun=tahun, periode_id=f"per-{tahun}")
        at = DITETAPKAN + timedelta(days=i + 1) if nama != "Dedi Kurnia" else \
            DITETAPKAN + timedelta(days=30)
        with clock.frozen(at):
            r = client.post("/keberatan", headers=world.h(peg), json={
                "penilaian_id": pid, "alasan": "x", "rating_perilaku_diminta": DI_ATAS})
            assert r.status_code == 201, r.json
            out[nama.split()[0]] = kid = r.json["id"]
            if nama in ("Budi Santoso", "Citra Dewi"):
                client.post(f"/keberatan/{kid}/penjelasan", headers=world.h(penilai),
                            json={"penjelasan": "y"})
            if nama == "Citra Dewi":
                client.post(f"/keberatan/{kid}/keputusan", headers=world.h(atasan), json={
                    "keputusan": "DISETUJUI", "uraian": "ok", "rating_perilaku": DI_ATAS})
    return out, penilai, atasan


def _ids(client, headers, **query):
    r = client.get("/keberatan", headers=headers, query_string=query)
    assert r.status_code == 200, r.json
    return [x["id"] for x in r.json]


def test_admins_filter_the_monitoring_list(world, client):
    k, penilai, atasan = _dunia(world, client)
    admin = world.admin()
    semua = _ids(client, admin)
    assert semua == [k["Dedi"], k["Citra"], k["Budi"], k["Atim"]]  # newest first
    assert _ids(client, admin, nama="atim") == [k["Atim"]]
    assert _ids(client, admin, nip="1985") == [k["Budi"]]
    assert _ids(client, admin, tahun=2098) == [k["Citra"]]
    assert _ids(client, admin, periode_id="per-2099") == [k["Dedi"], k["Budi"], k["Atim"]]
    assert _ids(client, admin, unor_id="unor-b") == [k["Budi"]]
    assert _ids(client, admin, status="TERLAMBAT") == [k["Dedi"]]
    assert _ids(client, admin, status=["DIAJUKAN", "DIJELASKAN"]) == [k["Budi"], k["Atim"]]
    with clock.frozen(DITETAPKAN + timedelta(days=12)):
        # open and filed more than 10 days ago: Atim (day 1); Budi filed on day 2 -> 10 days
        assert _ids(client, admin, menunggu_lebih_dari_hari=10) == [k["Atim"]]
        item = client.get("/keberatan", headers=admin, query_string={"nama": "atim"}).json[0]
        assert item["lama_hari"] == 11 and item["periode"]["nama"] == "Tahunan"
    r = client.get("/keberatan", headers=admin, query_string={"page_size": 2})
    assert len(r.json) == 2 and '"total": 4' in r.headers["X-Pagination"]


def test_counts_per_status(world, client):
    _dunia(world, client)
    r = client.get("/keberatan/rekap", headers=world.admin())
    assert r.status_code == 200, r.json
    assert {s: n for s, n in r.json["jumlah"].items() if n} == {
        "DIAJUKAN": 1, "DIJELASKAN": 1, "DISETUJUI": 1, "TERLAMBAT": 1}
    assert (r.json["total"], r.json["terbuka"]) == (4, 2)
    r = client.get("/keberatan/rekap", headers=world.admin(), query_string={"tahun": 2098})
    assert r.json["total"] == 1


def test_to_do_lists_of_the_pejabat_penilai_and_the_decider(world, client):
    k, penilai, atasan = _dunia(world, client)
    tugas = client.get("/keberatan/tugas", headers=world.h(penilai)).json
    assert [(x["id"], x["menunggu"]) for x in tugas] == [(k["Atim"], "PEJABAT_PENILAI")]
    tugas = client.get("/keberatan/tugas", headers=world.h(atasan)).json
    assert [(x["id"], x["menunggu"]) for x in tugas] == [(k["Budi"], "PEMUTUS")]
    assert client.get("/keberatan/tugas", headers=world.h(atasan),
                      query_string={"sebagai": "PEJABAT_PENILAI"}).json == []
    assert _ids(client, world.h(atasan), sebagai="PEMUTUS") == [
        k["Dedi"], k["Citra"], k["Budi"], k["Atim"]]


def test_a_pegawai_lists_only_his_own(world, client):
    k, penilai, atasan = _dunia(world, client)
    pegawai = client.get(f"/keberatan/{k['Atim']}", headers=world.admin()).json["pegawai_id"]
    assert _ids(client, world.h(pegawai)) == [k["Atim"]]
    assert _ids(client, world.h(pegawai), sebagai="ADMIN") == []
    r = client.get("/keberatan/rekap", headers=world.h(pegawai))
    assert r.json["total"] == 1
