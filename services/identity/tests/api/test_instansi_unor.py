"""Instansi and unor: CRUD, roles, visibility across instansi, validation, conflicts."""


def test_instansi_crud_with_validated_pengaturan(api):
    created = api.ok("post", "/instansi", api.admin, 201, json={"nama": "Pemkab Blora", "kode": "BLORA-1"})
    assert created["pengaturan"] == {"model_skp": "PERMENPAN_6_2022", "skema_periode": "TAHUNAN",
                                     "jendela_keberatan_hari": 14, "penegakan_distribusi": "PERINGATAN",
                                     "alur_keberatan": "PERMENPAN_6_2022",
                                     "pemutus_keberatan_pegawai_id": None,
                                     "angka_kredit_periodik": False,
                                     "zona_waktu": "Asia/Jakarta"}
    r = api.client.post("/instansi", headers=api.admin, json={"nama": "X", "kode": "BLORA-1"})
    assert r.status_code == 409
    r = api.client.patch(f"/instansi/{created['id']}", headers=api.admin,
                         json={"pengaturan": {"skema_periode": "MINGGUAN"}})
    assert r.status_code == 422 and "pengaturan.skema_periode" in r.get_json()["errors"]
    r = api.client.post("/instansi", headers=api.admin, json={"nama": "Y", "pengaturan": {"jendela_keberatan_hari": 0}})
    assert r.status_code == 422 and "pengaturan.jendela_keberatan_hari" in r.get_json()["errors"]
    changed = api.ok("patch", f"/instansi/{created['id']}", api.admin,
                     json={"pengaturan": {"penegakan_distribusi": "BLOKIR", "skema_periode": "BULANAN"}})
    assert changed["pengaturan"]["penegakan_distribusi"] == "BLOKIR"
    assert changed["pengaturan"]["jendela_keberatan_hari"] == 14 and changed["revisi"] == 2
    r = api.client.get("/instansi?page=1&page_size=1", headers=api.admin)
    assert r.status_code == 200 and len(r.get_json()) == 1 and "X-Pagination" in r.headers


def test_instansi_is_admin_pusat_business(api, instansi, make_instansi):
    other = make_instansi()
    assert api.client.post("/instansi", headers=instansi.admin, json={"nama": "Z"}).status_code == 403
    assert api.client.patch(f"/instansi/{instansi.id}", headers=instansi.admin, json={"nama": "Z"}).status_code == 403
    assert api.client.get(f"/instansi/{instansi.id}", headers=instansi.headers(instansi.staf)).status_code == 200
    assert api.client.get(f"/instansi/{other.id}", headers=instansi.admin).status_code == 404
    listed = api.ok("get", "/instansi", instansi.admin)
    assert [i["id"] for i in listed] == [instansi.id]
    assert api.client.get("/instansi/tidak-ada", headers=api.admin).status_code == 404
    assert api.client.get("/instansi").status_code == 401


def test_unor_crud_struktur_and_filters(api, instansi):
    sub = instansi.unor("Subbagian Umum", instansi.bidang, kode="SUB-1", eselon="42", kota="Blora")
    got = api.ok("get", f"/unor/{sub}", instansi.headers(instansi.staf))
    assert got["unor_atasan_id"] == instansi.bidang and got["kota"] == "Blora" and got["mandiri"] is False
    tree = api.ok("get", f"/unor/{instansi.badan}/struktur", instansi.headers(instansi.staf))
    assert tree["pimpinan"]["id"] == instansi.kepala["id"]
    bidang = tree["anak"][0]
    assert bidang["id"] == instansi.bidang and bidang["anak"][0]["id"] == sub
    r = api.client.get(f"/unor?instansi_id={instansi.id}&unor_atasan_id={instansi.bidang}", headers=api.admin)
    assert [u["id"] for u in r.get_json()] == [sub]
    r = api.client.get(f"/unor?instansi_id={instansi.id}&page=1&page_size=2", headers=api.admin)
    assert len(r.get_json()) == 2 and '"total": 3' in r.headers["X-Pagination"]
    changed = api.ok("patch", f"/unor/{sub}", instansi.admin, json={"mandiri": True, "nama": "Subbag Umum"})
    assert changed["mandiri"] and changed["revisi"] == 2
    assert api.client.post("/unor", headers=instansi.admin,
                           json={"instansi_id": instansi.id, "nama": "Dup", "kode": "SUB-1"}).status_code == 409
    api.ok("delete", f"/unor/{sub}", instansi.admin, 204)
    assert api.client.get(f"/unor/{sub}", headers=instansi.admin).status_code == 404


def test_a_cycle_in_the_unor_tree_is_refused(api, instansi):
    r = api.client.patch(f"/unor/{instansi.badan}", headers=instansi.admin,
                         json={"unor_atasan_id": instansi.bidang})
    assert r.status_code == 422 and "unor_atasan_id" in r.get_json()["errors"]
    r = api.client.patch(f"/unor/{instansi.badan}", headers=instansi.admin,
                         json={"unor_atasan_id": instansi.badan})
    assert r.status_code == 422


def test_deleting_a_referenced_unor_is_a_conflict(api, instansi):
    assert api.client.delete(f"/unor/{instansi.badan}", headers=instansi.admin).status_code == 409  # child
    assert api.client.delete(f"/unor/{instansi.bidang}", headers=instansi.admin).status_code == 409  # pegawai
    kosong = instansi.unor("Kosong", instansi.badan)
    api.ok("post", "/plt-plh", instansi.admin, 201, json={
        "pegawai_id": instansi.kabid["id"], "unor_id": kosong, "jenis": "PLT", "mulai": "2025-01-01"})
    r = api.client.delete(f"/unor/{kosong}", headers=instansi.admin)
    assert r.status_code == 409 and "PLT/PLH" in r.get_json()["detail"]


def test_unor_roles_and_visibility_across_instansi(api, instansi, make_instansi):
    other = make_instansi()
    staf = instansi.headers(instansi.staf)
    assert api.client.post("/unor", headers=staf, json={"instansi_id": instansi.id, "nama": "X"}).status_code == 403
    assert api.client.patch(f"/unor/{instansi.bidang}", headers=staf, json={"nama": "X"}).status_code == 403
    assert api.client.delete(f"/unor/{instansi.bidang}", headers=staf).status_code == 403
    for method in ("get", "patch", "delete"):
        kw = {"json": {"nama": "X"}} if method == "patch" else {}
        assert getattr(api.client, method)(f"/unor/{instansi.bidang}", headers=other.admin, **kw).status_code == 404
    assert api.client.get(f"/unor/{instansi.badan}/struktur", headers=other.admin).status_code == 404
    r = api.client.post("/unor", headers=other.admin, json={"instansi_id": instansi.id, "nama": "X"})
    assert r.status_code == 422 and "instansi_id" in r.get_json()["errors"]
    r = api.client.post("/unor", headers=other.admin, json={"instansi_id": other.id, "nama": "X",
                                                            "unor_atasan_id": instansi.badan})
    assert r.status_code == 422 and "unor_atasan_id" in r.get_json()["errors"]
    listed = api.ok("get", f"/unor?instansi_id={instansi.id}", other.admin)
    assert listed == []


def test_unor_validation_errors_name_the_field(api, instansi):
    r = api.client.post("/unor", headers=instansi.admin, json={"instansi_id": instansi.id})
    assert r.status_code == 422 and "nama" in r.get_json()["errors"]
    r = api.client.post("/unor", headers=instansi.admin, json={"instansi_id": instansi.id, "nama": "A", "mandiri": "ya"})
    assert r.status_code == 422 and "mandiri" in r.get_json()["errors"]
    r = api.client.post("/unor", headers=instansi.admin, json={"instansi_id": instansi.id, "nama": "A", "asal": 1})
    assert r.status_code == 422 and "asal" in r.get_json()["errors"]


def test_penilaian_settings_are_accepted_and_validated(api):
    inst = api.ok("post", "/instansi", api.admin, 201, json={"nama": "Pemprov Uji Pengaturan"})
    r = api.client.patch(f"/instansi/{inst['id']}", headers=api.admin, json={"pengaturan": {
        "pp30_penilaian_360": True, "tampilkan_nama_penilai_perilaku": True,
        "predikat_tahunan_dari_periode_final": False, "pp30_kepemimpinan_hanya_pimpinan": False,
        "pp30_band": {"SANGAT_BAIK": 112, "BAIK": 91.5, "BUTUH_PERBAIKAN": 70, "KURANG": 50},
        "zona_waktu": "Asia/Makassar"}})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["pengaturan"]["zona_waktu"] == "Asia/Makassar"
    p = r.get_json()["pengaturan"]
    assert p["pp30_penilaian_360"] is True and p["pp30_band"]["BAIK"] == 91.5
    bad = api.client.patch(f"/instansi/{inst['id']}", headers=api.admin, json={"pengaturan": {
        "pp30_band": {"ISTIMEWA": 120, "BAIK": 300}, "pp30_penilaian_360": "ya",
        "zona_waktu": "WIB"}})
    assert bad.status_code == 422
    assert set(bad.get_json()["errors"]) >= {"pengaturan.pp30_penilaian_360",
                                             "pengaturan.zona_waktu",
                                             "pengaturan.pp30_band.ISTIMEWA.key",
                                             "pengaturan.pp30_band.BAIK.value"}
