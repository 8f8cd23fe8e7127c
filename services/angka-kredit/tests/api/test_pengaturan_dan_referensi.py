"""Pengaturan, templates and the reference tables over HTTP; no float anywhere on the path."""
from __future__ import annotations

import base64
import decimal
from decimal import Decimal as D


def test_reference_tables_by_regulation_version(client, world):
    r = client.get("/referensi/koefisien", headers=world.h(world.id("p")))
    assert r.status_code == 200
    [aturan] = r.json
    assert aturan["kode"] == "PERMENPAN_RB_1_2023"
    assert {k["jenjang"]: k["koefisien"] for k in aturan["koefisien"]}["AHLI_MADYA"] == "37.5"
    assert {p["predikat"]: p["persentase"] for p in aturan["persentase"]}["SANGAT_BAIK"] == "1.5"
    r = client.get("/referensi/kebutuhan", query_string={"tanggal": "2024-06-30"},
                   headers=world.h(world.id("p")))
    [kebutuhan] = r.json
    pangkat = {(x["kategori"], x["golongan"]): x for x in kebutuhan["pangkat"]}
    assert pangkat[("KEAHLIAN", "IV/d")]["nilai"] == "200"
    assert pangkat[("KETERAMPILAN", "II/b")]["tidak_tetap"] is True
    assert pangkat[("KEAHLIAN", "III/a")]["tidak_tetap"] is False
    assert {x["jenjang"]: x["nilai"] for x in kebutuhan["nilai_dasar"]}["AHLI_UTAMA"] == "850"
    assert client.get("/referensi/koefisien").status_code == 401


def test_pengaturan_overrides_only_the_unsettled_figures_and_recomputes_unsigned_rows(
        client, world):
    admin = world.admin()
    p = world.pegawai(jenjang="TERAMPIL", golongan="II/b")
    world.predikat(p, "SANGAT_BAIK")  # 7.5
    r = client.get("/pengaturan", headers=admin)
    assert r.json["penomoran"] == "MANUAL" and r.json["hari_acuan_bulan"] == 15
    assert r.json["format_nomor"] == "{urut}/PAK/{kode_unor}/{tahun}"
    r = client.put("/pengaturan", json={"kebutuhan_pangkat": {"II/b": "7.5"},
                                         "kebutuhan_jenjang": {"TERAMPIL": 70}}, headers=admin)
    assert r.status_code == 200, r.json
    assert r.json["kebutuhan_pangkat"] == {"II/b": "7.5"} and r.json["revisi"] == 1
    [row] = world.rows(p)
    assert (row["kebutuhan_pangkat"], row["cukup_pangkat"], row["kebutuhan_jenjang"]) == (
        D("7.5"), True, 70)
    kebutuhan = client.get("/referensi/kebutuhan", headers=world.h(p)).json[0]
    ii_b = next(x for x in kebutuhan["pangkat"] if x["golongan"] == "II/b"
                and x["kategori"] == "KETERAMPILAN")
    assert (ii_b["nilai"], ii_b["bawaan"], ii_b["diatur_instansi"]) == ("7.5", "20", True)
    r = client.put("/pengaturan", json={"penomoran": "ACAK", "hari_acuan_bulan": 0},
                   headers=admin)
    assert r.status_code == 422 and {"penomoran", "hari_acuan_bulan"} <= set(r.json["errors"])
    r = client.put("/pengaturan", json={"kebutuhan_pangkat": {"III/c": "1", "IV/a": "2"},
                                         "kebutuhan_jenjang": {"AHLI_MUDA": "1"},
                                         "format_nomor": "PAK/{tahun}"}, headers=admin)
    assert r.status_code == 422
    assert set(r.json["errors"]) == {"kebutuhan_jenjang.AHLI_MUDA", "kebutuhan_pangkat.IV/a",
                                     "format_nomor"}
    assert client.get("/pengaturan", headers=world.h(p)).status_code == 403
    r = client.get("/pengaturan", query_string={"instansi_id": world.instansi_id},
                   headers=world.h("x", "admin_pusat"))
    assert r.status_code == 200 and r.json["revisi"] == 1


def test_templates_of_both_methods_are_versioned_and_named_in_the_signed_pak(client, world):
    admin = world.admin()
    assert client.get("/template/TTE", headers=admin).json["versi"] == 0
    docx = b"PK\x03\x04" + b"x" * 100
    r = client.put("/template/TTE", json={
        "judul": "PENETAPAN ANGKA KREDIT", "kop": ["PEMERINTAH KOTA CONTOH"],
        "tembusan": ["Kepala BKN"], "catatan": "Ditandatangani secara elektronik",
        "berkas_nama": "pak.docx", "berkas_base64": base64.b64encode(docx).decode()},
        headers=admin)
    assert r.status_code == 200 and r.json["versi"] == 1 and r.json["berkas_sha256"]
    r = client.get("/template/TTE/berkas", headers=admin)
    assert r.status_code == 200 and r.data == docx
    assert client.get("/template/TTD_BASAH/berkas", headers=admin).status_code == 404
    assert client.get("/template/STEMPEL", headers=admin).status_code == 404
    r = client.put("/template/TTE", json={"berkas_base64": "bukan base64!"}, headers=admin)
    assert r.status_code == 422 and "berkas_base64" in r.json["errors"]
    p = world.pegawai()
    world.predikat(p)
    [row] = world.rows(p)
    for step, body in (("ajukan", {"tempat": "Kota", "tanggal_sk": "2026-01-05",
                                   "nomor_sk": "1"}), ("setujui", None),
                       ("tandatangani", {"metode": "TTE"})):
        assert client.post(f"/angka-kredit/{row['id']}/{step}", json=body,
                           headers=admin).status_code == 200
    [signed] = world.events("PakDitandatangani", row["id"])
    assert signed.template.versi == 1 and signed.template.kop == ["PEMERINTAH KOTA CONTOH"]


def test_no_float_anywhere_on_the_path(client, world, tanpa_float):
    """Decimal traps a float mixed into it (FloatOperation); every JSON body — answers and the
    events in the outbox — is parsed refusing any non-integer number."""
    ctx = decimal.getcontext()
    ctx.traps[decimal.FloatOperation] = True
    ctx.clear_flags()
    try:
        unor = world.unor()
        p = world.pegawai(tmt_jabatan=__import__("datetime").date(2025, 6, 1), unor_id=unor)
        world.predikat(p, "SANGAT_BAIK")
        [row] = world.rows(p)
        assert isinstance(row["angka_kredit"], D) and row["angka_kredit"] == D("10.9375")
        r = client.get(f"/angka-kredit/{row['id']}", headers=world.admin())
        body = tanpa_float(r.get_data(as_text=True))
        assert body["angka_kredit"] == "10.9375" and body["angka_kredit_tampil"] == "10.938"
        assert body["selisih_pangkat"] == "-39.0625"
        tanpa_float(client.get("/angka-kredit", headers=world.admin()).get_data(as_text=True))
        tanpa_float(client.get("/referensi/kebutuhan",
                               headers=world.admin()).get_data(as_text=True))
        assert world.events(aggregate_id=row["id"])  # parsed refusing floats too
        assert not ctx.flags[decimal.FloatOperation]
    finally:
        ctx.traps[decimal.FloatOperation] = False
