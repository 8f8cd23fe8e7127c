"""Integrasi over HTTP: one pegawai, once; from CSV and Excel with a dry run; counted first in
the akumulasi of its jenjang."""
from __future__ import annotations

import io
from datetime import date
from decimal import Decimal as D

import pytest
from openpyxl import Workbook


def integrasi(client, world, pegawai_id, ak_lama="250.5", tanggal="2023-01-01", headers=None):
    return client.post("/angka-kredit/integrasi", json={
        "pegawai_id": pegawai_id, "ak_lama": ak_lama, "tanggal": tanggal},
        headers=headers or world.admin())


@pytest.mark.parametrize("jenjang,golongan,dasar", [
    ("AHLI_PERTAMA", "III/a", "100"), ("AHLI_MUDA", "III/c", "200"),
    ("AHLI_MADYA", "IV/a", "400"), ("AHLI_UTAMA", "IV/d", "850")])
def test_integrasi_of_each_nilai_dasar(client, world, jenjang, golongan, dasar):
    p = world.pegawai(jenjang=jenjang, golongan=golongan)
    r = integrasi(client, world, p, ak_lama=str(D(dasar) + D("12.5")))
    assert r.status_code == 201, r.json
    assert r.headers["Location"].endswith(f"/angka-kredit/{r.json['id']}")
    assert (r.json["sumber"], r.json["nilai_dasar"], r.json["angka_kredit"]) == (
        "INTEGRASI", dasar, "12.5")
    assert r.json["ak_baru"] == "12.5" and r.json["riwayat"][0]["aksi"] == "DIBUAT"
    [event] = world.events(aggregate_id=r.json["id"])
    assert event.sumber == "INTEGRASI" and event.integrasi.nilai_dasar == D(dasar)
    assert event.revisi == 1 and event.penetapan[0].unsur == "AK_INTEGRASI"


def test_integrasi_is_once_per_pegawai_and_counts_first_in_the_jenjang(client, world):
    p = world.pegawai()
    world.predikat(p, "SANGAT_BAIK", tahun=2024)
    r = integrasi(client, world, p, ak_lama="140")
    assert r.status_code == 201
    assert integrasi(client, world, p).status_code == 409
    rows = world.rows(p)
    konversi = next(x for x in rows if x["sumber"] == "KONVERSI")
    assert (konversi["ak_lama"], konversi["ak_baru"]) == (40, D("58.75"))
    assert konversi["cukup_pangkat"] and not konversi["cukup_jenjang"]
    detail = client.get(f"/angka-kredit/{konversi['id']}", headers=world.admin()).json
    assert [a["sumber"] for a in detail["akumulasi"]] == ["INTEGRASI", "KONVERSI"]
    assert detail["penetapan"][0] == {"unsur": "AK_INTEGRASI", "uraian": "AK Integrasi",
                                      "lama": "40", "baru": "0", "jumlah": "40"}


def test_integrasi_refuses_per_field(client, world):
    p = world.pegawai(jenjang="AHLI_MUDA", golongan="III/c")
    r = integrasi(client, world, p, ak_lama="150")
    assert r.status_code == 422 and "ak_lama" in r.json["errors"]
    r = integrasi(client, world, p, ak_lama="abc", tanggal="2099-01-01")
    assert r.status_code == 422 and "ak_lama" in r.json["errors"]
    r = integrasi(client, world, p, tanggal="2099-01-01")
    assert r.status_code == 422 and "tanggal" in r.json["errors"]
    r = client.post("/angka-kredit/integrasi", json={}, headers=world.admin())
    assert r.status_code == 422
    assert {"pegawai_id", "ak_lama", "tanggal"} <= set(r.json["errors"])
    terampil = world.pegawai(jenjang="TERAMPIL", golongan="II/c")
    r = integrasi(client, world, terampil, ak_lama="50")
    assert r.status_code == 422 and "belum diatur" in r.json["errors"]["pegawai_id"][0]
    client.put("/pengaturan", json={"nilai_dasar": {"TERAMPIL": "40"}}, headers=world.admin())
    assert integrasi(client, world, terampil, ak_lama="50").json["angka_kredit"] == "10"


def test_only_an_admin_of_the_instansi_integrates(client, world):
    p = world.pegawai()
    assert integrasi(client, world, p, headers=world.h(p)).status_code == 403
    other = world.h(world.id("a"), "admin_instansi", instansi_id="lain")
    assert integrasi(client, world, p, headers=other).status_code == 404
    assert integrasi(client, world, "tidak-ada").status_code == 404


def test_an_unsigned_integrasi_can_be_cancelled_and_made_again(client, world):
    p = world.pegawai()
    first = integrasi(client, world, p).json
    r = client.post(f"/angka-kredit/{first['id']}/batalkan", json={"alasan": "Salah input"},
                    headers=world.admin())
    assert r.status_code == 200 and (r.json["status"], r.json["aktif"]) == ("DIBATALKAN", False)
    assert integrasi(client, world, p, ak_lama="120").json["angka_kredit"] == "20"
    world.predikat(p, "BAIK")
    konversi = next(x for x in world.rows(p) if x["sumber"] == "KONVERSI")
    r = client.post(f"/angka-kredit/{konversi['id']}/batalkan", json={"alasan": "Tidak"},
                    headers=world.admin())
    assert r.status_code == 409


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def impor(client, world, data, nama, dry_run=False):
    return client.post("/angka-kredit/integrasi/impor", query_string={"dry_run": dry_run},
                       data={"berkas": (io.BytesIO(data), nama)},
                       content_type="multipart/form-data", headers=world.admin())


def test_a_file_is_checked_in_a_dry_run_then_saved_whole(client, world):
    a = world.pegawai(nip="197001011995031001")
    b = world.pegawai(nip="198001012005012002", jenjang="AHLI_MUDA", golongan="III/d")
    csv = ("nip;ak_lama;tanggal\n197001011995031001;110,25;2023-01-01\n"
           "198001012005012002;260;2023-01-01\n").encode()
    r = impor(client, world, csv, "integrasi.csv", dry_run=True)
    assert r.status_code == 200 and r.json["galat"] == [] and r.json["tambah"] == 2
    assert [h["angka_kredit"] for h in r.json["hasil"]] == ["10.25", "60"]
    assert world.rows(a) == [] and world.rows(b) == []
    r = impor(client, world, csv, "integrasi.csv")
    assert r.status_code == 200, r.json
    assert world.rows(a)[0]["angka_kredit"] == D("10.25")
    assert world.rows(b)[0]["angka_kredit"] == 60


def test_a_file_with_a_bad_row_saves_nothing(client, world):
    a = world.pegawai(nip="197001011995031001")
    data = _xlsx([["NIP", "AK Lama", "Tanggal"],
                  ["197001011995031001", 150.5, date(2023, 1, 1)],
                  ["199912312020121001", 120, date(2023, 1, 1)],
                  ["197001011995031001", 130, date(2023, 1, 1)],
                  [None, "x", "kemarin"]])
    r = impor(client, world, data, "integrasi.xlsx")
    assert r.status_code == 422
    galat = {g["baris"]: g["errors"] for g in r.json["galat"]}
    assert set(galat) == {3, 4, 5}
    assert "tidak ditemukan" in galat[3]["nip"][0] and "baris lain" in galat[4]["nip"][0]
    assert {"nip", "ak_lama", "tanggal"} <= set(galat[5])
    assert world.rows(a) == []
    r = impor(client, world, data, "integrasi.xlsx", dry_run=True)
    assert r.status_code == 200 and r.json["hasil"][0]["angka_kredit"] == "50.5"
    r = impor(client, world, b"\x00\x01", "x.xlsx")
    assert r.status_code == 422 and "berkas" in r.json["errors"]
