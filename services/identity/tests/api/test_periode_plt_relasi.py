"""Periode rules, PLT/PLH, and relasi through the API."""
from datetime import date, timedelta


def test_generate_monthly_periods_and_their_resolved_dates(api, instansi):
    made = api.ok("post", "/periode/generate", instansi.admin, 201,
                  json={"instansi_id": instansi.id, "tahun": 2025, "skema": "BULANAN"})
    assert len(made) == 13 and sum(p["final"] for p in made) == 1
    desember = next(p for p in made if p["nama"] == "Desember 2025")
    assert desember["batas_pengisian"] == "01-05" and desember["tanggal_batas_pengisian"] == "2026-01-05"
    again = api.client.post("/periode/generate", headers=instansi.admin,
                            json={"instansi_id": instansi.id, "tahun": 2025, "skema": "TRIWULAN"})
    assert again.status_code == 409
    r = api.client.post("/periode/generate", headers=instansi.admin,
                        json={"instansi_id": instansi.id, "tahun": 2026, "skema": "MINGGUAN"})
    assert r.status_code == 422 and "skema" in r.get_json()["errors"]
    listed = api.client.get("/periode?tahun=2025&page_size=20", headers=instansi.headers(instansi.staf))
    assert len(listed.get_json()) == 13


def test_overlapping_periods_are_422_and_a_second_final_is_409(api, instansi):
    base = {"instansi_id": instansi.id, "tahun": 2024}
    api.ok("post", "/periode", instansi.admin, 201, json={**base, "nama": "Triwulan I", "awal": "01-01",
                                                          "akhir": "03-31", "batas_pengisian": "04-05"})
    r = api.client.post("/periode", headers=instansi.admin, json={
        **base, "nama": "Maret", "awal": "03-01", "akhir": "03-31", "batas_pengisian": "04-05"})
    assert r.status_code == 422 and "awal" in r.get_json()["errors"]
    final = api.ok("post", "/periode", instansi.admin, 201, json={
        **base, "nama": "Tahunan", "awal": "01-01", "akhir": "12-31", "batas_pengisian": "01-31", "final": True})
    assert final["tanggal_batas_pengisian"] == "2025-01-31"
    r = api.client.post("/periode", headers=instansi.admin, json={
        **base, "nama": "Final 2", "awal": "01-01", "akhir": "12-31", "batas_pengisian": "01-31", "final": True})
    assert r.status_code == 409
    r = api.client.post("/periode", headers=instansi.admin, json={
        **base, "nama": "Buruk", "awal": "02-30", "akhir": "03-31", "batas_pengisian": "04-05"})
    assert r.status_code == 422 and "awal" in r.get_json()["errors"]
    r = api.client.post("/periode", headers=instansi.admin, json={
        **base, "nama": "Terbalik", "awal": "06-01", "akhir": "05-01", "batas_pengisian": "06-05"})
    assert r.status_code == 422 and "akhir" in r.get_json()["errors"]
    r = api.client.post("/periode", headers=instansi.admin, json={**base, "nama": "X", "awal": "6-1",
                                                                 "akhir": "05-01", "batas_pengisian": "06-05"})
    assert r.status_code == 422 and "awal" in r.get_json()["errors"]
    changed = api.ok("patch", f"/periode/{final['id']}", instansi.admin, json={"nama": "Tahunan 2024"})
    assert changed["revisi"] == 2
    api.ok("delete", f"/periode/{final['id']}", instansi.admin, 204)


def test_periode_roles_and_visibility(api, instansi, make_instansi):
    other = make_instansi()
    p = api.ok("post", "/periode/generate", instansi.admin, 201,
               json={"instansi_id": instansi.id, "tahun": 2023, "skema": "TAHUNAN"})[0]
    staf = instansi.headers(instansi.staf)
    api.ok("get", f"/periode/{p['id']}", staf)
    assert api.client.patch(f"/periode/{p['id']}", headers=staf, json={"nama": "X"}).status_code == 403
    assert api.client.get(f"/periode/{p['id']}", headers=other.admin).status_code == 404
    assert api.client.delete(f"/periode/{p['id']}", headers=other.admin).status_code == 404
    r = api.client.post("/periode/generate", headers=other.admin,
                        json={"instansi_id": instansi.id, "tahun": 2022, "skema": "TAHUNAN"})
    assert r.status_code == 422 and "instansi_id" in r.get_json()["errors"]
    assert api.client.post("/periode/generate", json={}).status_code == 401


def test_an_active_plt_heads_a_vacant_unor_for_its_dates(api, instansi):
    kosong = instansi.unor("Bidang Kosong", instansi.badan)
    analis = instansi.pegawai("Analis", kosong)
    today = date.today()
    r = api.ok("get", f"/pegawai/{analis['id']}/relasi", instansi.headers(analis))
    assert r["pejabat_penilai"]["id"] == instansi.kepala["id"]  # vacancy passes up
    plt = api.ok("post", "/plt-plh", instansi.admin, 201, json={
        "pegawai_id": instansi.kabid["id"], "unor_id": kosong, "jenis": "PLT",
        "jabatan": "Plt. Kepala Bidang Kosong", "mulai": (today - timedelta(days=10)).isoformat(),
        "selesai": (today + timedelta(days=10)).isoformat()})
    r = api.ok("get", f"/pegawai/{analis['id']}/relasi", instansi.headers(analis))
    assert r["pejabat_penilai"]["id"] == instansi.kabid["id"]
    assert r["atasan_pejabat_penilai"]["id"] == instansi.kepala["id"]
    later = (today + timedelta(days=30)).isoformat()
    r = api.ok("get", f"/pegawai/{analis['id']}/relasi?tanggal={later}", instansi.headers(analis))
    assert r["pejabat_penilai"]["id"] == instansi.kepala["id"]
    api.ok("patch", f"/plt-plh/{plt['id']}", instansi.admin, json={"aktif": False})
    r = api.ok("get", f"/pegawai/{analis['id']}/relasi", instansi.admin)
    assert r["pejabat_penilai"]["id"] == instansi.kepala["id"]
    r = api.client.patch(f"/plt-plh/{plt['id']}", headers=instansi.admin, json={"selesai": "2000-01-01"})
    assert r.status_code == 422 and "selesai" in r.get_json()["errors"]
    listed = api.ok("get", f"/plt-plh?unor_id={kosong}", instansi.headers(instansi.staf))
    assert [p["id"] for p in listed] == [plt["id"]]
    api.ok("delete", f"/plt-plh/{plt['id']}", instansi.admin, 204)


def test_plt_plh_validation_roles_and_visibility(api, instansi, make_instansi):
    other = make_instansi()
    r = api.client.post("/plt-plh", headers=instansi.admin, json={
        "pegawai_id": instansi.staf["id"], "unor_id": instansi.bidang, "jenis": "PLX", "mulai": "2025-01-01"})
    assert r.status_code == 422 and "jenis" in r.get_json()["errors"]
    r = api.client.post("/plt-plh", headers=instansi.admin, json={
        "pegawai_id": other.staf["id"], "unor_id": instansi.bidang, "jenis": "PLT", "mulai": "2025-01-01"})
    assert r.status_code == 422 and "pegawai_id" in r.get_json()["errors"]
    plt = api.ok("post", "/plt-plh", instansi.admin, 201, json={
        "pegawai_id": instansi.staf["id"], "unor_id": instansi.bidang, "jenis": "PLH", "mulai": "2025-01-01"})
    assert api.client.get(f"/plt-plh/{plt['id']}", headers=other.admin).status_code == 404
    assert api.client.patch(f"/plt-plh/{plt['id']}", headers=other.admin, json={"aktif": False}).status_code == 404
    assert api.client.delete(f"/plt-plh/{plt['id']}", headers=instansi.headers(instansi.staf)).status_code == 403


def test_relasi_of_staff_and_pimpinan(api, instansi):
    r = api.ok("get", f"/pegawai/{instansi.staf['id']}/relasi", instansi.headers(instansi.staf))
    assert r["atasan_langsung"]["id"] == r["pejabat_penilai"]["id"] == instansi.kabid["id"]
    assert r["atasan_ii"]["id"] == r["atasan_pejabat_penilai"]["id"] == instansi.kepala["id"]
    assert r["atasan_iii"] is None and r["bawahan"] == []
    assert set(r["pejabat_penilai"]) >= {"id", "nip", "nama"}
    r = api.ok("get", f"/pegawai/{instansi.kepala['id']}/relasi", instansi.admin)
    assert {b["id"] for b in r["bawahan"]} == {instansi.admin_row["id"], instansi.kabid["id"]}
    # the atasan may read the relasi of his staff; a colleague may not
    api.ok("get", f"/pegawai/{instansi.staf['id']}/relasi", instansi.headers(instansi.kabid))
    assert api.client.get(f"/pegawai/{instansi.kabid['id']}/relasi",
                          headers=instansi.headers(instansi.staf)).status_code == 404
    r = api.client.get(f"/pegawai/{instansi.staf['id']}/relasi?tanggal=kemarin", headers=instansi.admin)
    assert r.status_code == 422 and "tanggal" in r.get_json()["errors"]


def test_manual_overrides_by_the_pegawai_himself(api, instansi, make_instansi):
    other = make_instansi()
    h = instansi.headers(instansi.staf)
    r = api.ok("put", f"/pegawai/{instansi.staf['id']}/relasi", h, json={
        "atasan_langsung_id": instansi.kepala["id"], "rekan_kerja_ids": [instansi.admin_row["id"]]})
    assert r["atasan_langsung"]["id"] == instansi.kepala["id"]
    assert [x["id"] for x in r["rekan_kerja"]] == [instansi.admin_row["id"]]
    assert r["manual"]["atasan_langsung_id"] == instansi.kepala["id"]
    r = api.client.put(f"/pegawai/{instansi.staf['id']}/relasi", headers=h,
                       json={"atasan_langsung_id": other.kepala["id"]})
    assert r.status_code == 422 and "atasan_langsung_id" in r.get_json()["errors"]
    r = api.client.put(f"/pegawai/{instansi.staf['id']}/relasi", headers=h,
                       json={"bawahan_ids": [instansi.staf["id"]]})
    assert r.status_code == 422 and "bawahan_ids" in r.get_json()["errors"]
    assert api.client.put(f"/pegawai/{instansi.kabid['id']}/relasi", headers=h, json={}).status_code == 404
    assert api.client.put(f"/pegawai/{instansi.staf['id']}/relasi", headers=other.admin, json={}).status_code == 404
    cleared = api.ok("put", f"/pegawai/{instansi.staf['id']}/relasi", instansi.admin, json={})
    assert cleared["atasan_langsung"]["id"] == instansi.kabid["id"]
