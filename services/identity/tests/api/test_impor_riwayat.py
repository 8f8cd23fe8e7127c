"""Bulk import (CSV and Excel, dry run, per-row errors, thousands of rows) and riwayat."""
import io

import sqlalchemy as sa
from openpyxl import Workbook

from identity.adapters.tables import outbox, pegawai, unor


def upload(api, path, headers, instansi_id, content: bytes, name="data.csv", dry_run=False):
    return api.client.post(f"{path}?instansi_id={instansi_id}&dry_run={'true' if dry_run else 'false'}",
                           headers=headers, data={"berkas": (io.BytesIO(content), name)},
                           content_type="multipart/form-data")


UNOR_CSV = (
    "kode;nama;jenis;eselon;kode_atasan;kode_induk;mandiri;kota\n"
    "SUB;Subbagian Umum;Pengawas;42;SEK;BDN;tidak;Blora\n"  # parent later in the file
    "BDN;Badan Kepegawaian;JPT Pratama;22;;;tidak;Blora\n"
    "SEK;Sekretariat;Administrator;31;BDN;BDN;tidak;Blora\n"
    "UPT;UPT Diklat;Administrator;31;BDN;UPT;ya;Cepu\n"
).encode()


def test_unor_import_dry_run_then_for_real(api, instansi, runtime):
    dry = upload(api, "/impor/unor", instansi.admin, instansi.id, UNOR_CSV, dry_run=True)
    assert dry.status_code == 200, dry.get_json()
    assert dry.get_json() == {"dry_run": True, "jumlah_baris": 4, "tambah": 4, "ubah": 0, "galat": []}
    with runtime.engine.connect() as c:
        assert c.execute(sa.select(unor.c.id).where(unor.c.instansi_id == instansi.id,
                                                    unor.c.kode == "BDN")).first() is None
    done = upload(api, "/impor/unor", instansi.admin, instansi.id, UNOR_CSV).get_json()
    assert done["tambah"] == 4
    listed = {u["kode"]: u for u in api.ok("get", f"/unor?instansi_id={instansi.id}&page_size=50", instansi.admin)}
    assert listed["SUB"]["unor_atasan_id"] == listed["SEK"]["id"]
    assert listed["UPT"]["mandiri"] is True and listed["UPT"]["kota"] == "Cepu"
    again = upload(api, "/impor/unor", instansi.admin, instansi.id, UNOR_CSV).get_json()
    assert (again["tambah"], again["ubah"]) == (0, 4)
    assert api.ok("get", f"/unor/{listed['SUB']['id']}", instansi.admin)["revisi"] == 2


def test_unor_import_reports_row_errors_and_saves_nothing(api, instansi):
    bad = (b"kode,nama,kode_atasan,mandiri\n"
           b"A,Satu,,tidak\n"
           b"B,,A,tidak\n"          # nama missing
           b"C,Tiga,ZZZ,tidak\n"    # unknown parent
           b"A,Ganda,,mungkin\n"    # duplicate kode, bad mandiri
           b"D,Empat,E,\nE,Lima,D,\n")  # cycle
    dry = upload(api, "/impor/unor", instansi.admin, instansi.id, bad, dry_run=True).get_json()
    errors = {g["baris"]: g["errors"] for g in dry["galat"]}
    assert "nama" in errors[3] and "kode_atasan" in errors[4] and "mandiri" in errors[5]
    assert "kode_atasan" in errors[6] or "kode_atasan" in errors[7]
    r = upload(api, "/impor/unor", instansi.admin, instansi.id, bad)
    assert r.status_code == 422 and r.get_json()["galat"]
    assert api.ok("get", f"/unor?instansi_id={instansi.id}&kode=A", instansi.admin) == []


def test_import_is_admin_only_and_scoped_to_own_instansi(api, instansi, make_instansi):
    other = make_instansi()
    assert upload(api, "/impor/unor", instansi.headers(instansi.staf), instansi.id, UNOR_CSV).status_code == 403
    r = upload(api, "/impor/unor", other.admin, instansi.id, UNOR_CSV)
    assert r.status_code == 422 and "instansi_id" in r.get_json()["errors"]
    r = api.client.post(f"/impor/pegawai?instansi_id={instansi.id}", headers=instansi.admin)
    assert r.status_code == 422 and "berkas" in r.get_json()["errors"]
    r = upload(api, "/impor/pegawai", instansi.admin, instansi.id, b"\x00\x01garbage", name="x.xlsx")
    assert r.status_code == 422 and "berkas" in r.get_json()["errors"]


def test_pegawai_import_from_excel_with_thousands_of_rows(api, instansi, runtime, make_nip):
    upload(api, "/impor/unor", instansi.admin, instansi.id, UNOR_CSV)
    wb = Workbook()
    ws = wb.active
    ws.append(["NIP", "Nama", "Kode Unor", "Jenis Jabatan", "Jabatan", "Golongan", "TMT Jabatan"])
    nips = [make_nip() for _ in range(2000)]
    for i, nip in enumerate(nips):
        ws.append([nip, f"Pegawai Impor {i}", "SEK" if i % 2 else "SUB", "PEGAWAI", "Analis", "III/a", "2022-01-01"])
    buf = io.BytesIO()
    wb.save(buf)
    with runtime.engine.connect() as c:
        before = c.execute(sa.select(sa.func.count()).select_from(outbox)).scalar_one()
    r = upload(api, "/impor/pegawai", instansi.admin, instansi.id, buf.getvalue(), name="pegawai.xlsx")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["tambah"] == 2000 and r.get_json()["galat"] == []
    with runtime.engine.connect() as c:
        after = c.execute(sa.select(sa.func.count()).select_from(outbox)).scalar_one()
        assert after - before == 2000
        row = c.execute(sa.select(pegawai).where(pegawai.c.nip == nips[0])).mappings().one()
    assert row["instansi_id"] == instansi.id and row["golongan"] == "III/a" and row["password_hash"] is None
    # update by NIP, one bad row stops everything
    csv_update = f"nip,nama,kode_unor,golongan\n{nips[0]},Nama Baru,SEK,III/b\n{nips[1]},X,SEK,V/a\n".encode()
    r = upload(api, "/impor/pegawai", instansi.admin, instansi.id, csv_update)
    assert r.status_code == 422 and r.get_json()["galat"][0]["baris"] == 3
    assert "golongan" in r.get_json()["galat"][0]["errors"]
    csv_update = f"nip,nama,kode_unor,golongan\n{nips[0]},Nama Baru,SEK,III/b\n".encode()
    r = upload(api, "/impor/pegawai", instansi.admin, instansi.id, csv_update).get_json()
    assert (r["tambah"], r["ubah"]) == (0, 1)
    got = api.ok("get", f"/pegawai?nip={nips[0]}", instansi.admin)[0]
    assert got["nama"] == "Nama Baru" and got["revisi"] == 2 and got["jabatan"] == "Analis"


def test_pegawai_import_row_errors(api, instansi, make_instansi, make_nip):
    other = make_instansi()
    n = make_nip()
    content = (f"nip,nama,unor_id\n123,Pendek,{instansi.bidang}\n{n},Satu,{instansi.bidang}\n"
               f"{n},Dua,{instansi.bidang}\n{other.staf['nip']},Curian,{instansi.bidang}\n"
               f"{make_nip()},Salah Unor,{other.bidang}\n").encode()
    r = upload(api, "/impor/pegawai", instansi.admin, instansi.id, content, dry_run=True).get_json()
    errors = {g["baris"]: g["errors"] for g in r["galat"]}
    assert set(errors) == {2, 4, 5, 6}
    assert "nip" in errors[2] and "nip" in errors[4] and "nip" in errors[5] and "kode_unor" in errors[6]


def test_riwayat_records_who_changed_what(api, instansi, make_instansi):
    other = make_instansi()
    api.ok("patch", f"/pegawai/{instansi.staf['id']}", instansi.admin, json={"jabatan": "Analis SDM"})
    items = api.ok("get", f"/riwayat?entitas=pegawai&entitas_id={instansi.staf['id']}", instansi.admin)
    assert [i["aksi"] for i in items] == ["UBAH", "BUAT"]
    assert items[0]["oleh_pegawai_id"] == instansi.admin_row["id"]
    assert items[0]["sebelum"]["jabatan"] is None and items[0]["sesudah"]["jabatan"] == "Analis SDM"
    assert "password_hash" not in items[1]["sesudah"]
    assert api.client.get("/riwayat", headers=instansi.headers(instansi.staf)).status_code == 403
    assert api.ok("get", f"/riwayat?entitas_id={instansi.staf['id']}", other.admin) == []
    r = api.client.get("/riwayat?entitas=rahasia", headers=instansi.admin)
    assert r.status_code == 422 and "entitas" in r.get_json()["errors"]
