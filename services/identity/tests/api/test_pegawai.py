"""Pegawai: CRUD, NIP/golongan/enums validation, search, roles and visibility."""


def body(unor_id, nip, **kw):
    return {"nip": nip, "nama": "Atim Mufarrihah", "unor_id": unor_id, **kw}


def test_create_read_update_delete_a_pegawai(api, instansi):
    created = api.ok("post", "/pegawai", instansi.admin, 201, json=body(
        instansi.bidang, "199106192020122005", golongan="III/a", kategori_jabatan="FUNGSIONAL",
        jenjang="AHLI_PERTAMA", jabatan="Pranata Komputer Ahli Pertama", tmt_jabatan="2021-01-01",
        email="atim@example.go.id", gelar_belakang="S.Kom."))
    assert created["instansi_id"] == instansi.id and created["roles"] == ["pegawai"]
    assert created["jenis_jabatan"] == "PEGAWAI" and "password" not in created
    got = api.ok("get", f"/pegawai/{created['id']}", instansi.headers(instansi.staf))
    assert got["golongan"] == "III/a" and got["tmt_jabatan"] == "2021-01-01"
    changed = api.ok("patch", f"/pegawai/{created['id']}", instansi.admin, json={"golongan": "III/b"})
    assert changed["golongan"] == "III/b" and changed["revisi"] == 2
    api.ok("delete", f"/pegawai/{created['id']}", instansi.admin, 204)
    assert api.client.get(f"/pegawai/{created['id']}", headers=instansi.admin).status_code == 404


def test_a_duplicate_nip_is_a_conflict(api, instansi, make_instansi):
    other = make_instansi()
    r = api.client.post("/pegawai", headers=other.admin, json=body(other.badan, instansi.staf["nip"]))
    assert r.status_code == 409
    r = api.client.patch(f"/pegawai/{instansi.kabid['id']}", headers=instansi.admin,
                         json={"nip": instansi.staf["nip"]})
    assert r.status_code == 409


def test_nip_golongan_and_enums_are_validated_per_field(api, instansi):
    cases = [
        ({"nip": "12345"}, "nip"),
        ({"nip": "199102302020122005"}, "nip"),
        ({"golongan": "III/e"}, "golongan"),
        ({"jenis_jabatan": "KEPALA"}, "jenis_jabatan"),
        ({"kategori_jabatan": "STRUKTURAL"}, "kategori_jabatan"),
        ({"jenjang": "AHLI"}, "jenjang"),
        ({"email": "bukan-email"}, "email"),
        ({"roles": ["superuser"]}, "roles.0"),
        ({"tmt_jabatan": "2021-13-01"}, "tmt_jabatan"),
        ({"unor_id": "tidak-ada"}, "unor_id"),
        ({"kategori_jabatan": "PELAKSANA", "jenjang": "AHLI_MUDA"}, "jenjang"),
    ]
    for change, field in cases:
        r = api.client.post("/pegawai", headers=instansi.admin,
                            json={**body(instansi.bidang, "199001012020011002"), **change})
        assert r.status_code == 422, (change, r.get_json())
        assert field in r.get_json()["errors"], (change, r.get_json())
    ok = api.client.post("/pegawai", headers=instansi.admin,
                         json=body(instansi.bidang, "199001012020211003", nama="PPPK"))
    assert ok.status_code == 201  # odd TMT month code


def test_search_by_nip_nama_unor_with_paging(api, instansi):
    r = api.client.get("/pegawai?nama=ke", headers=instansi.admin)
    assert r.status_code == 422 and "nama" in r.get_json()["errors"]
    found = api.ok("get", "/pegawai?nama=kepala", instansi.admin)
    assert {p["id"] for p in found} == {instansi.kepala["id"], instansi.kabid["id"]}
    found = api.ok("get", f"/pegawai?nip={instansi.staf['nip']}", instansi.headers(instansi.staf))
    assert [p["id"] for p in found] == [instansi.staf["id"]]
    found = api.ok("get", f"/pegawai?unor_id={instansi.bidang}", instansi.admin)
    assert {p["id"] for p in found} == {instansi.kabid["id"], instansi.staf["id"]}
    r = api.client.get("/pegawai?page=2&page_size=3", headers=instansi.admin)
    assert r.status_code == 200 and len(r.get_json()) == 1
    assert '"total": 4' in r.headers["X-Pagination"]


def test_pegawai_of_another_instansi_are_invisible(api, instansi, make_instansi):
    other = make_instansi()
    url = f"/pegawai/{instansi.staf['id']}"
    assert api.client.get(url, headers=other.admin).status_code == 404
    assert api.client.get(url, headers=other.headers(other.staf)).status_code == 404
    assert api.client.patch(url, headers=other.admin, json={"nama": "X"}).status_code == 404
    assert api.client.delete(url, headers=other.admin).status_code == 404
    assert api.ok("get", f"/pegawai?unor_id={instansi.bidang}", other.admin) == []
    r = api.client.post("/pegawai", headers=other.admin, json=body(instansi.bidang, "199001012020011004"))
    assert r.status_code == 422 and "unor_id" in r.get_json()["errors"]


def test_only_admins_write_and_only_admin_pusat_grants_admin_pusat(api, instansi):
    staf = instansi.headers(instansi.staf)
    assert api.client.post("/pegawai", headers=staf, json=body(instansi.bidang, "199001012020011005")).status_code == 403
    assert api.client.patch(f"/pegawai/{instansi.kabid['id']}", headers=staf, json={"nama": "X"}).status_code == 403
    assert api.client.delete(f"/pegawai/{instansi.kabid['id']}", headers=staf).status_code == 403
    r = api.client.patch(f"/pegawai/{instansi.kabid['id']}", headers=instansi.admin, json={"roles": ["admin_pusat"]})
    assert r.status_code == 403
    changed = api.ok("patch", f"/pegawai/{instansi.kabid['id']}", instansi.admin, json={"roles": ["admin_instansi"]})
    assert changed["roles"] == ["admin_instansi", "pegawai"]
    changed = api.ok("patch", f"/pegawai/{instansi.kabid['id']}", api.admin, json={"roles": ["admin_pusat"]})
    assert "admin_pusat" in changed["roles"]
    assert api.client.patch(f"/pegawai/{instansi.kabid['id']}", headers=instansi.admin,
                            json={"password": "ambil-alih-akun"}).status_code == 403


def test_deleting_a_pegawai_named_in_a_plt_is_a_conflict(api, instansi):
    api.ok("post", "/plt-plh", instansi.admin, 201, json={
        "pegawai_id": instansi.staf["id"], "unor_id": instansi.bidang, "jenis": "PLH", "mulai": "2025-01-01"})
    assert api.client.delete(f"/pegawai/{instansi.staf['id']}", headers=instansi.admin).status_code == 409


def test_jpt_non_asn_by_nik(api, instansi):
    created = api.ok("post", "/pegawai/non-asn", instansi.admin, 201, json={
        "nik": "3316012208700001", "nama": "Bragata", "unor_id": instansi.badan,
        "jenis_jabatan": "PIMPINAN", "jabatan": "BUPATI", "password": "sandi-bupati-1"})
    assert created["non_asn"] and created["nik"] == "3316012208700001" and created["nip"] is None
    assert created["kategori_jabatan"] == "JPT"
    r = api.client.post("/pegawai/non-asn", headers=instansi.admin, json={
        "nik": "3316012208700001", "nama": "Lagi", "unor_id": instansi.badan})
    assert r.status_code == 409
    r = api.client.post("/pegawai/non-asn", headers=instansi.admin, json={"nik": "123", "nama": "X", "unor_id": instansi.badan})
    assert r.status_code == 422 and "nik" in r.get_json()["errors"]
    login = api.client.post("/auth/login", json={"nip": "3316012208700001", "password": "sandi-bupati-1"})
    assert login.status_code == 200
    assert api.client.post("/pegawai/non-asn", headers=instansi.headers(instansi.staf), json={
        "nik": "3316012208700002", "nama": "X", "unor_id": instansi.badan}).status_code == 403
