"""The PAK workflow over HTTP: who may see and do what, the 409s of the workflow, 422 per
field, numbering, and a signed PAK superseded (never changed) when its predikat changes."""
from __future__ import annotations

from decimal import Decimal as D

import pytest


@pytest.fixture
def pak(world):
    """A JF pegawai with a penilai and an atasan, and the AK row of his 2025 predikat."""
    unor = world.unor()
    p = world.pegawai(unor_id=unor)
    penilai, atasan = world.id("penilai"), world.id("atasan")
    world.predikat(p, "SANGAT_BAIK", penilai_id=penilai, atasan_id=atasan, unor_id=unor)
    [row] = world.rows(p)
    return {"pegawai": p, "penilai": penilai, "atasan": atasan, "id": row["id"], "unor": unor}


def ajukan(client, world, pak, headers=None, **data):
    body = {"tempat": "Kota Contoh", "tanggal_sk": "2026-01-15", **data}
    return client.post(f"/angka-kredit/{pak['id']}/ajukan", json=body,
                       headers=headers or world.h(pak["pegawai"]))


def test_the_owner_the_penilai_the_atasan_and_an_admin_see_it_others_get_404(client, world, pak):
    url = f"/angka-kredit/{pak['id']}"
    for who in (world.h(pak["pegawai"]), world.h(pak["penilai"]), world.h(pak["atasan"]),
                world.admin()):
        r = client.get(url, headers=who)
        assert r.status_code == 200, r.json
    assert r.json["angka_kredit"] == "18.75" and r.json["angka_kredit_tampil"] == "18.750"
    assert r.json["riwayat"][0]["aksi"] == "DIBUAT"
    for who in (world.h(world.id("rekan")),
                world.h(pak["pegawai"], instansi_id="lain"),
                world.h(world.id("admin"), "admin_instansi", instansi_id="lain")):
        assert client.get(url, headers=who).status_code == 404
        assert client.post(url + "/setujui", headers=who).status_code == 404
    assert client.get(url).status_code == 401


def test_the_list_shows_each_caller_what_he_may_see(client, world, pak):
    other = world.pegawai()
    world.predikat(other, "BAIK")
    mine = client.get("/angka-kredit", headers=world.h(pak["pegawai"])).json
    assert [r["id"] for r in mine] == [pak["id"]]
    as_penilai = client.get("/angka-kredit", headers=world.h(pak["penilai"])).json
    assert [r["id"] for r in as_penilai] == [pak["id"]]
    everyone = client.get("/angka-kredit", headers=world.admin()).json
    assert len(everyone) == 2
    assert client.get("/angka-kredit", headers=world.h(world.id("x"), "admin_instansi",
                                                       instansi_id="lain")).json == []


def test_the_whole_workflow_with_manual_numbering(client, world, pak):
    r = ajukan(client, world, pak)
    assert r.status_code == 422 and "nomor_sk" in r.json["errors"]
    r = ajukan(client, world, pak, nomor_sk="800/1/PAK/2026")
    assert r.status_code == 200 and r.json["status"] == "DIAJUKAN", r.json
    assert r.json["nomor_sk"] == "800/1/PAK/2026"
    assert client.post(f"/angka-kredit/{pak['id']}/setujui",
                       headers=world.h(pak["pegawai"])).status_code == 403
    r = client.post(f"/angka-kredit/{pak['id']}/setujui", headers=world.h(pak["penilai"]))
    assert r.status_code == 200 and r.json["status"] == "DISETUJUI"
    r = client.post(f"/angka-kredit/{pak['id']}/tandatangani", json={"metode": "TTE"},
                    headers=world.h(pak["penilai"]))
    assert r.status_code == 200 and r.json["status"] == "DITANDATANGANI"
    assert r.json["metode"] == "TTE" and r.json["penandatangan"]["id"] == pak["penilai"]
    aksi = [h["aksi"] for h in r.json["riwayat"]]
    assert aksi == ["DIBUAT", "AJUKAN", "SETUJUI", "TANDATANGANI"]
    [signed] = world.events("PakDitandatangani", pak["id"])
    assert signed.nomor_sk == "800/1/PAK/2026" and signed.metode_tanda_tangan == "TTE"
    assert [e.status for e in world.events(aggregate_id=pak["id"])] == [
        "DRAFT", "DIAJUKAN", "DISETUJUI", "DITANDATANGANI"]
    r = client.post(f"/angka-kredit/{pak['id']}/kembalikan", json={"alasan": "Salah tanggal"},
                    headers=world.admin())
    assert r.status_code == 409 and r.json["type"].endswith("status-tidak-sesuai")


def test_a_manual_number_is_unique_per_instansi_and_year(client, world, pak):
    other = world.pegawai()
    world.predikat(other, "BAIK")
    [row] = world.rows(other)
    assert ajukan(client, world, pak, nomor_sk="12/PAK").status_code == 200
    r = ajukan(client, world, {"id": row["id"], "pegawai": other}, nomor_sk="12/PAK")
    assert r.status_code == 409
    r = ajukan(client, world, {"id": row["id"], "pegawai": other}, nomor_sk="12/PAK",
               tanggal_sk="2027-01-02")
    assert r.status_code == 200


def test_workflow_steps_out_of_order_are_409_and_bad_input_is_422_per_field(client, world, pak):
    url = f"/angka-kredit/{pak['id']}"
    admin = world.admin()
    assert client.post(url + "/setujui", headers=admin).status_code == 409
    assert client.post(url + "/tandatangani", json={"metode": "TTE"},
                       headers=admin).status_code == 409
    assert client.post(url + "/kembalikan", json={"alasan": "Belum diajukan"},
                       headers=admin).status_code == 409
    r = client.post(url + "/tandatangani", json={"metode": "STEMPEL"}, headers=admin)
    assert r.status_code == 422 and "metode" in r.json["errors"]
    r = client.post(url + "/ajukan", json={"tanggal_sk": "kemarin", "nomor_sk": "x" * 51},
                    headers=admin)
    assert r.status_code == 422
    assert {"tanggal_sk", "tempat", "nomor_sk"} <= set(r.json["errors"])
    assert client.post(url + "/kembalikan", json={}, headers=admin).status_code == 422
    assert client.post(url + "/kembalikan", json={"alasan": "Tidak boleh"},
                       headers=world.h(pak["penilai"])).status_code == 403


def test_an_admin_returns_an_approved_pak_to_draft_and_it_keeps_its_automatic_number(
        client, world, pak):
    admin = world.admin()
    r = client.put("/pengaturan", json={"penomoran": "OTOMATIS",
                                         "format_nomor": "{urut:3}/PAK/{kode_instansi}/{tahun}"},
                   headers=admin)
    assert r.status_code == 200 and r.json["contoh_nomor"].startswith("001/PAK/PEMKOT/")
    assert ajukan(client, world, pak, nomor_sk="99").status_code == 422
    assert ajukan(client, world, pak).json["nomor_sk"] is None
    r = client.post(f"/angka-kredit/{pak['id']}/setujui", headers=admin)
    assert r.json["nomor_sk"] == "001/PAK/PEMKOT/2026"
    r = client.post(f"/angka-kredit/{pak['id']}/kembalikan", json={"alasan": "Ganti tempat"},
                    headers=admin)
    assert r.json["status"] == "DRAFT" and r.json["alasan_kembali"] == "Ganti tempat"
    assert ajukan(client, world, pak, tanggal_sk="2027-01-01").status_code == 422
    ajukan(client, world, pak, tempat="Kota Lain")
    r = client.post(f"/angka-kredit/{pak['id']}/setujui", headers=admin)
    assert r.json["nomor_sk"] == "001/PAK/PEMKOT/2026" and r.json["tempat"] == "Kota Lain"


def test_a_signed_pak_is_superseded_never_changed_when_its_predikat_changes(client, world, pak):
    ajukan(client, world, pak, nomor_sk="7/PAK/2026")
    client.post(f"/angka-kredit/{pak['id']}/setujui", headers=world.h(pak["penilai"]))
    client.post(f"/angka-kredit/{pak['id']}/tandatangani", json={"metode": "TTD_BASAH"},
                headers=world.admin())
    [before] = world.rows(pak["pegawai"])
    penilaian_id = before["penilaian_id"]
    world.predikat(pak["pegawai"], "BAIK", revisi=2, penilaian_id=penilaian_id,
                   penilai_id=pak["penilai"])
    old, new = world.rows(pak["pegawai"], semua=True)
    assert (old["id"], old["status"], old["aktif"], old["angka_kredit"], old["nomor_sk"]) == (
        pak["id"], "DITANDATANGANI", False, before["angka_kredit"], "7/PAK/2026")
    assert old["digantikan_oleh_id"] == new["id"] and new["mengoreksi_id"] == old["id"]
    assert (new["status"], new["aktif"], new["predikat"], new["angka_kredit"]) == (
        "DRAFT", True, "BAIK", D("12.5"))
    assert new["nomor_sk"] is None
    events = world.events(aggregate_id=old["id"])
    assert (events[-1].aktif, events[-1].digantikan_oleh_id) == (False, new["id"])
    [correcting] = world.events(aggregate_id=new["id"])
    assert correcting.mengoreksi_id == old["id"] and correcting.predikat_revisi == 2
    r = client.get(f"/angka-kredit/{old['id']}", headers=world.admin())
    assert r.json["riwayat"][-1]["aksi"] == "DIGANTIKAN"
    r = client.get("/angka-kredit", query_string={"aktif": "false"}, headers=world.admin())
    assert [x["id"] for x in r.json] == [old["id"]]
    assert client.post(f"/angka-kredit/{old['id']}/ajukan", json={
        "tempat": "X", "tanggal_sk": "2026-02-01", "nomor_sk": "8"},
        headers=world.admin()).status_code == 409


def test_an_approved_pak_whose_figures_change_goes_back_to_draft(client, world, pak):
    ajukan(client, world, pak, nomor_sk="9/PAK/2026")
    client.post(f"/angka-kredit/{pak['id']}/setujui", headers=world.h(pak["penilai"]))
    [before] = world.rows(pak["pegawai"])
    world.predikat(pak["pegawai"], "KURANG", revisi=2, penilaian_id=before["penilaian_id"])
    [after] = world.rows(pak["pegawai"])
    assert (after["id"], after["status"], after["nomor_sk"], after["angka_kredit"]) == (
        pak["id"], "DRAFT", "9/PAK/2026", D("6.25"))
    r = client.get(f"/angka-kredit/{pak['id']}", headers=world.admin())
    last = r.json["riwayat"][-1]
    assert last["aksi"] == "DIHITUNG_ULANG" and last["sebelum"]["angka_kredit"] == "18.750000"
    assert "revisi 2" in last["alasan"]


def test_search_by_year_nip_name_jabatan_status_and_sumber(client, world, pak, tanpa_float):
    admin = world.admin()
    p2 = world.pegawai(nip="198502022010012002", nama="Siti Rahmawati", jenjang="AHLI_MUDA",
                       golongan="III/c")
    world.predikat(p2, "BAIK", tahun=2024)
    def cari(**q):
        r = client.get("/angka-kredit", query_string=q, headers=admin)
        assert r.status_code == 200, r.json
        tanpa_float(r.get_data(as_text=True))
        return {x["pegawai_id"] for x in r.json}
    assert cari(tahun=2024) == {p2}
    assert cari(nip="198502022010012002") == {p2}
    assert cari(nama="rahma") == {p2}
    assert cari(jabatan="AHLI_MUDA") == {p2}
    assert cari(status="DRAFT") == {p2, pak["pegawai"]}
    assert cari(sumber="INTEGRASI") == set()
    r = client.get("/angka-kredit", query_string={"nama": "ab", "status": "X", "tahun": "dua"},
                   headers=admin)
    assert r.status_code == 422 and {"nama", "status", "tahun"} <= set(r.json["errors"])


def test_the_default_automatic_format_prints_the_unors_kode(client, world, pak):
    admin = world.admin()
    client.put("/pengaturan", json={"penomoran": "OTOMATIS"}, headers=admin)
    ajukan(client, world, pak)
    r = client.post(f"/angka-kredit/{pak['id']}/setujui", headers=admin)
    assert r.json["nomor_sk"] == "1/PAK/BKD/2026"
