"""What the next services read from identity: tmt_golongan, pangkat, status kepegawaian and
tmt_status of a pegawai (API, import, events), and the keberatan / angka kredit pengaturan of an
instansi."""
from __future__ import annotations

import io

import sqlalchemy as sa

from kinerja_shared.events import EventEnvelope

from identity.adapters.tables import outbox

REVOKED = "Sesi telah dicabut; silakan masuk lagi."


def events(runtime, aggregate_id: str, event_type: str) -> list[EventEnvelope]:
    with runtime.engine.connect() as conn:
        bodies = conn.execute(sa.select(outbox.c.body).where(
            outbox.c.aggregate_id == aggregate_id, outbox.c.event_type == event_type)
            .order_by(outbox.c.id)).scalars().all()
    return [EventEnvelope.from_json(b) for b in bodies]


def login(api, nip: str) -> dict:
    r = api.client.post("/auth/login", json={"nip": nip, "password": api.password})
    assert r.status_code == 200, r.get_json()
    return {"Authorization": f"Bearer {r.get_json()['access_token']}"}


def refused(api, headers: dict) -> bool:
    r = api.client.get("/auth/me", headers=headers)
    if r.status_code == 401:
        assert r.get_json()["detail"] == REVOKED
        return True
    assert r.status_code == 200, r.get_json()
    return False


def upload(api, headers, instansi_id, content: bytes, dry_run=False):
    return api.client.post(
        f"/impor/pegawai?instansi_id={instansi_id}&dry_run={'true' if dry_run else 'false'}",
        headers=headers, data={"berkas": (io.BytesIO(content), "pegawai.csv")},
        content_type="multipart/form-data")


# -- pegawai --------------------------------------------------------------------------------

def test_create_patch_and_read_the_new_fields_with_pangkat(api, instansi, make_nip):
    created = api.ok("post", "/pegawai", instansi.admin, 201, json={
        "nip": make_nip(), "nama": "Rina Analis", "unor_id": instansi.bidang, "golongan": "III/a",
        "tmt_golongan": "2021-04-01", "kategori_jabatan": "FUNGSIONAL", "jenjang": "AHLI_PERTAMA"})
    assert (created["tmt_golongan"], created["pangkat"]) == ("2021-04-01", "Penata Muda")
    assert (created["status_kepegawaian"], created["tmt_status"], created["aktif"]) == \
        ("AKTIF", None, True)
    url = f"/pegawai/{created['id']}"
    changed = api.ok("patch", url, instansi.admin, json={
        "golongan": "III/b", "tmt_golongan": "2025-04-01", "status_kepegawaian": "TUGAS_BELAJAR",
        "tmt_status": "2025-09-01"})
    assert (changed["golongan"], changed["pangkat"], changed["tmt_golongan"]) == \
        ("III/b", "Penata Muda Tingkat I", "2025-04-01")
    assert (changed["status_kepegawaian"], changed["tmt_status"], changed["aktif"]) == \
        ("TUGAS_BELAJAR", "2025-09-01", True)
    got = api.ok("get", url, instansi.headers(instansi.staf))
    assert {k: got[k] for k in ("pangkat", "tmt_golongan", "status_kepegawaian", "tmt_status")} == \
        {"pangkat": "Penata Muda Tingkat I", "tmt_golongan": "2025-04-01",
         "status_kepegawaian": "TUGAS_BELAJAR", "tmt_status": "2025-09-01"}
    # a new golongan (status) without its TMT clears the old TMT instead of keeping it
    changed = api.ok("patch", url, instansi.admin, json={"golongan": "III/c"})
    assert (changed["pangkat"], changed["tmt_golongan"]) == ("Penata", None)
    changed = api.ok("patch", url, instansi.admin, json={"status_kepegawaian": "AKTIF"})
    assert (changed["status_kepegawaian"], changed["tmt_status"]) == ("AKTIF", None)
    changed = api.ok("patch", url, instansi.admin, json={"golongan": None})
    assert changed["pangkat"] is None
    assert api.ok("get", "/auth/me", instansi.headers(instansi.staf))["pangkat"] is None


def test_search_by_status_kepegawaian(api, instansi):
    api.ok("patch", f"/pegawai/{instansi.staf['id']}", instansi.admin,
           json={"status_kepegawaian": "CUTI", "tmt_status": "2025-07-01"})
    found = api.ok("get", "/pegawai?status_kepegawaian=CUTI", instansi.admin)
    assert [p["id"] for p in found] == [instansi.staf["id"]]
    found = api.ok("get", "/pegawai?status_kepegawaian=AKTIF&page_size=50", instansi.admin)
    assert instansi.staf["id"] not in {p["id"] for p in found} and len(found) == 3
    r = api.client.get("/pegawai?status_kepegawaian=CUTI_BESAR", headers=instansi.admin)
    assert r.status_code == 422 and "status_kepegawaian" in r.get_json()["errors"]


def test_bad_values_are_422_per_field(api, instansi, make_nip):
    base = {"nama": "Uji Salah", "unor_id": instansi.bidang, "golongan": "III/a"}
    cases = [
        ({"status_kepegawaian": "CUTI_BESAR"}, "status_kepegawaian"),
        ({"status_kepegawaian": None}, "status_kepegawaian"),
        ({"tmt_golongan": "2021-13-01"}, "tmt_golongan"),
        ({"tmt_golongan": 20210401}, "tmt_golongan"),
        ({"tmt_status": "kemarin"}, "tmt_status"),
        ({"golongan": None, "tmt_golongan": "2021-04-01"}, "tmt_golongan"),
        ({"status_kepegawaian": "PENSIUN", "aktif": True}, "aktif"),
        ({"pangkat": "Penata"}, "pangkat"),  # read only: it follows the golongan
    ]
    for change, field in cases:
        r = api.client.post("/pegawai", headers=instansi.admin,
                            json={**base, "nip": make_nip(), **change})
        assert r.status_code == 422, (change, r.get_json())
        assert field in r.get_json()["errors"], (change, r.get_json())
        r = api.client.patch(f"/pegawai/{instansi.staf['id']}", headers=instansi.admin,
                             json={"golongan": "III/a", **change})
        assert r.status_code == 422, (change, r.get_json())
        assert field in r.get_json()["errors"], (change, r.get_json())
    assert api.ok("get", f"/pegawai/{instansi.staf['id']}", instansi.admin)["revisi"] == 1
    api.ok("patch", f"/pegawai/{instansi.staf['id']}", instansi.admin,
           json={"status_kepegawaian": "MENINGGAL"})
    r = api.client.patch(f"/pegawai/{instansi.staf['id']}", headers=instansi.admin,
                         json={"aktif": True})  # still MENINGGAL
    assert r.status_code == 422 and "aktif" in r.get_json()["errors"]


def test_pensiun_deactivates_revokes_and_aktif_again_lets_the_pegawai_log_in(
        api, instansi, runtime):
    token = login(api, instansi.staf["nip"])
    changed = api.ok("patch", f"/pegawai/{instansi.staf['id']}", instansi.admin,
                     json={"status_kepegawaian": "PENSIUN", "tmt_status": "2026-01-01"})
    assert changed["aktif"] is False
    assert refused(api, token)
    r = api.client.post("/auth/login", json={"nip": instansi.staf["nip"], "password": api.password})
    assert r.status_code == 401
    [revoked] = events(runtime, instansi.staf["id"], "SesiDicabut")
    assert revoked.payload["alasan"] == "PEGAWAI_DINONAKTIFKAN"
    # a pensiun pegawai no longer takes part in the relasi, as any inactive one
    bawahan = api.ok("get", f"/pegawai/{instansi.kabid['id']}/relasi", instansi.admin)["bawahan"]
    assert instansi.staf["id"] not in {b["id"] for b in bawahan}
    back = api.ok("patch", f"/pegawai/{instansi.staf['id']}", instansi.admin,
                  json={"status_kepegawaian": "AKTIF"})  # recorded by mistake
    assert back["aktif"] is True
    assert not refused(api, login(api, instansi.staf["nip"]))


def test_cuti_and_tugas_belajar_keep_the_login_and_the_sessions(api, instansi, runtime):
    token = login(api, instansi.kabid["nip"])
    for status in ("CUTI", "TUGAS_BELAJAR"):
        changed = api.ok("patch", f"/pegawai/{instansi.kabid['id']}", instansi.admin,
                         json={"status_kepegawaian": status, "tmt_status": "2026-02-01"})
        assert changed["aktif"] is True
        assert not refused(api, token)
    login(api, instansi.kabid["nip"])
    assert events(runtime, instansi.kabid["id"], "SesiDicabut") == []


def test_a_new_pegawai_with_an_ending_status_is_inactive(api, instansi, make_nip):
    created = api.ok("post", "/pegawai", instansi.admin, 201, json={
        "nip": make_nip(), "nama": "Sudah Pindah", "unor_id": instansi.bidang,
        "status_kepegawaian": "PINDAH", "tmt_status": "2025-12-01", "password": api.password})
    assert created["aktif"] is False
    r = api.client.post("/auth/login", json={"nip": created["nip"], "password": api.password})
    assert r.status_code == 401


def test_pegawai_events_carry_the_new_fields(api, instansi, runtime):
    url = f"/pegawai/{instansi.staf['id']}"
    api.ok("patch", url, instansi.admin, json={"golongan": "II/c", "tmt_golongan": "2022-10-01"})
    api.ok("patch", url, instansi.admin, json={"status_kepegawaian": "BERHENTI",
                                               "tmt_status": "2026-03-01"})
    first, golongan, berhenti = events(runtime, instansi.staf["id"], "PegawaiDiperbarui")
    assert {k: first.payload[k] for k in ("tmt_golongan", "pangkat", "status_kepegawaian",
                                          "tmt_status")} == \
        {"tmt_golongan": None, "pangkat": None, "status_kepegawaian": "AKTIF", "tmt_status": None}
    assert (golongan.payload["pangkat"], golongan.payload["tmt_golongan"]) == \
        ("Pengatur", "2022-10-01")
    assert berhenti.payload["status_kepegawaian"] == "BERHENTI"
    assert berhenti.payload["tmt_status"] == "2026-03-01" and berhenti.payload["aktif"] is False
    assert berhenti.payload["pangkat"] == "Pengatur" and berhenti.payload["revisi"] == 3
    typed = berhenti.typed_payload()
    assert typed.status_kepegawaian == "BERHENTI" and typed.tmt_golongan.isoformat() == "2022-10-01"


# -- import ---------------------------------------------------------------------------------

def test_import_with_the_new_columns(api, instansi, runtime, make_nip):
    baru, pensiun = make_nip(), instansi.staf
    token = login(api, pensiun["nip"])
    content = (
        "nip;nama;unor_id;golongan;tmt_golongan;status_kepegawaian;tmt_status\n"
        f"{baru};Pegawai Baru;{instansi.bidang};III/d;2023-10-01;TUGAS_BELAJAR;2025-08-01\n"
        f"{pensiun['nip']};{pensiun['nama']};{instansi.bidang};;;PENSIUN;2026-01-01\n"
    ).encode()
    dry = upload(api, instansi.admin, instansi.id, content, dry_run=True)
    assert dry.status_code == 200 and dry.get_json()["galat"] == [], dry.get_json()
    assert not refused(api, token)  # a dry run changes nothing
    done = upload(api, instansi.admin, instansi.id, content)
    assert done.status_code == 200, done.get_json()
    assert (done.get_json()["tambah"], done.get_json()["ubah"]) == (1, 1)
    added = api.ok("get", f"/pegawai?nip={baru}", instansi.admin)[0]
    assert {k: added[k] for k in ("pangkat", "tmt_golongan", "status_kepegawaian", "tmt_status",
                                  "aktif")} == \
        {"pangkat": "Penata Tingkat I", "tmt_golongan": "2023-10-01",
         "status_kepegawaian": "TUGAS_BELAJAR", "tmt_status": "2025-08-01", "aktif": True}
    gone = api.ok("get", f"/pegawai/{pensiun['id']}", instansi.admin)
    assert (gone["status_kepegawaian"], gone["tmt_status"], gone["aktif"]) == \
        ("PENSIUN", "2026-01-01", False)
    assert refused(api, token)
    [revoked] = events(runtime, pensiun["id"], "SesiDicabut")
    assert revoked.payload["alasan"] == "PEGAWAI_DINONAKTIFKAN"
    [event] = events(runtime, added["id"], "PegawaiDiperbarui")
    assert (event.payload["pangkat"], event.payload["status_kepegawaian"]) == \
        ("Penata Tingkat I", "TUGAS_BELAJAR")
    # the same file again: nothing changes status, nothing more is revoked
    assert upload(api, instansi.admin, instansi.id, content).status_code == 200
    assert len(events(runtime, pensiun["id"], "SesiDicabut")) == 1


def test_import_row_errors_of_the_new_columns(api, instansi, make_nip):
    content = (
        "nip,nama,unor_id,golongan,tmt_golongan,status_kepegawaian,tmt_status\n"
        f"{make_nip()},Satu,{instansi.bidang},III/a,2021-04-01,CUTI_BESAR,\n"
        f"{make_nip()},Dua,{instansi.bidang},III/a,01-04-2021,,\n"
        f"{make_nip()},Tiga,{instansi.bidang},III/a,,AKTIF,besok\n"
        f"{make_nip()},Empat,{instansi.bidang},,2021-04-01,,\n"
        f"{make_nip()},Lima,{instansi.bidang},III/a,2021-04-01,PENSIUN,2026-01-01\n"
    ).encode()
    r = upload(api, instansi.admin, instansi.id, content, dry_run=True).get_json()
    errors = {g["baris"]: g["errors"] for g in r["galat"]}
    assert set(errors) == {2, 3, 4, 5}, errors
    assert "status_kepegawaian" in errors[2] and "tmt_golongan" in errors[3]
    assert "tmt_status" in errors[4] and "tmt_golongan" in errors[5]
    r = upload(api, instansi.admin, instansi.id, content)
    assert r.status_code == 422 and len(r.get_json()["galat"]) == 4


# -- instansi pengaturan --------------------------------------------------------------------

def test_the_new_pengaturan_default_validate_and_travel_in_the_event(api, instansi, runtime):
    got = api.ok("get", f"/instansi/{instansi.id}", api.admin)["pengaturan"]
    assert (got["alur_keberatan"], got["pemutus_keberatan_pegawai_id"],
            got["angka_kredit_periodik"]) == ("PERMENPAN_6_2022", None, False)
    changed = api.ok("patch", f"/instansi/{instansi.id}", api.admin, json={"pengaturan": {
        "alur_keberatan": "DKI", "pemutus_keberatan_pegawai_id": instansi.kepala["id"],
        "angka_kredit_periodik": True}})["pengaturan"]
    assert (changed["alur_keberatan"], changed["pemutus_keberatan_pegawai_id"],
            changed["angka_kredit_periodik"]) == ("DKI", instansi.kepala["id"], True)
    assert changed["skema_periode"] == "TAHUNAN"  # merged
    assert api.ok("get", f"/instansi/{instansi.id}", instansi.headers(instansi.staf))[
        "pengaturan"]["pemutus_keberatan_pegawai_id"] == instansi.kepala["id"]
    # a PATCH of another key keeps them
    changed = api.ok("patch", f"/instansi/{instansi.id}", api.admin,
                     json={"pengaturan": {"jendela_keberatan_hari": 21}})["pengaturan"]
    assert changed["alur_keberatan"] == "DKI" and changed["angka_kredit_periodik"] is True
    first, dki, later = events(runtime, instansi.id, "InstansiDiperbarui")
    assert first.payload["pengaturan"]["alur_keberatan"] == "PERMENPAN_6_2022"
    assert first.payload["pengaturan"]["pemutus_keberatan_pegawai_id"] is None
    assert first.payload["pengaturan"]["angka_kredit_periodik"] is False
    assert dki.payload["pengaturan"]["alur_keberatan"] == "DKI"
    assert dki.payload["pengaturan"]["pemutus_keberatan_pegawai_id"] == instansi.kepala["id"]
    assert later.payload["pengaturan"]["angka_kredit_periodik"] is True
    cleared = api.ok("patch", f"/instansi/{instansi.id}", api.admin,
                     json={"pengaturan": {"pemutus_keberatan_pegawai_id": None}})["pengaturan"]
    assert cleared["pemutus_keberatan_pegawai_id"] is None


def test_bad_pengaturan_are_422_per_field(api, instansi, make_instansi):
    other = make_instansi()
    field = "pengaturan.pemutus_keberatan_pegawai_id"
    nonaktif = instansi.pegawai("Sudah Pensiun", instansi.bidang, status_kepegawaian="PENSIUN")
    cases = [
        ({"alur_keberatan": "BANDING"}, "pengaturan.alur_keberatan"),
        ({"alur_keberatan": None}, "pengaturan.alur_keberatan"),
        ({"angka_kredit_periodik": "mungkin"}, "pengaturan.angka_kredit_periodik"),
        ({"angka_kredit_periodik": None}, "pengaturan.angka_kredit_periodik"),
        ({"pemutus_keberatan_pegawai_id": other.kepala["id"]}, field),  # another instansi's
        ({"pemutus_keberatan_pegawai_id": "tidak-ada"}, field),
        ({"pemutus_keberatan_pegawai_id": ""}, field),
        ({"pemutus_keberatan_pegawai_id": 17}, field),
        ({"pemutus_keberatan_pegawai_id": nonaktif["id"]}, field),
    ]
    for pengaturan, name in cases:
        r = api.client.patch(f"/instansi/{instansi.id}", headers=api.admin,
                             json={"pengaturan": pengaturan})
        assert r.status_code == 422, (pengaturan, r.get_json())
        assert name in r.get_json()["errors"], (pengaturan, r.get_json())
    assert api.ok("get", f"/instansi/{instansi.id}", api.admin)["revisi"] == 1
    # a new instansi has no pegawai yet
    r = api.client.post("/instansi", headers=api.admin, json={
        "nama": "Baru", "pengaturan": {"pemutus_keberatan_pegawai_id": instansi.kepala["id"]}})
    assert r.status_code == 422 and field in r.get_json()["errors"]
    created = api.ok("post", "/instansi", api.admin, 201, json={
        "nama": "Baru DKI", "pengaturan": {"alur_keberatan": "DKI", "angka_kredit_periodik": True}})
    assert created["pengaturan"]["alur_keberatan"] == "DKI"
    assert created["pengaturan"]["pemutus_keberatan_pegawai_id"] is None


def test_the_pemutus_cannot_be_deleted_while_named(api, instansi):
    api.ok("patch", f"/instansi/{instansi.id}", api.admin,
           json={"pengaturan": {"pemutus_keberatan_pegawai_id": instansi.kabid["id"]}})
    r = api.client.delete(f"/pegawai/{instansi.kabid['id']}", headers=instansi.admin)
    assert r.status_code == 409 and "pemutus keberatan" in r.get_json()["detail"]
    api.ok("patch", f"/instansi/{instansi.id}", api.admin,
           json={"pengaturan": {"pemutus_keberatan_pegawai_id": None}})
    api.ok("delete", f"/pegawai/{instansi.kabid['id']}", instansi.admin, 204)


def test_only_admin_pusat_changes_the_status_of_an_admin_pusat_account_by_import(
        api, instansi, make_nip):
    boss = api.ok("post", "/pegawai", api.admin, 201, json={
        "nip": make_nip(), "nama": "Admin Pusat Di Instansi", "unor_id": instansi.badan,
        "roles": ["admin_pusat"], "password": api.password})
    content = f"nip,nama,unor_id,status_kepegawaian\n{boss['nip']},X,{instansi.badan},PENSIUN\n"
    r = upload(api, instansi.admin, instansi.id, content.encode())
    assert r.status_code == 422
    assert "status_kepegawaian" in r.get_json()["galat"][0]["errors"]
    assert api.ok("get", f"/pegawai/{boss['id']}", api.admin)["aktif"] is True
    r = api.client.patch(f"/pegawai/{boss['id']}", headers=instansi.admin,
                         json={"status_kepegawaian": "PENSIUN"})
    assert r.status_code == 403  # as PATCH answers
    done = upload(api, api.admin, instansi.id, content.encode())
    assert done.status_code == 200, done.get_json()
    assert api.ok("get", f"/pegawai/{boss['id']}", api.admin)["aktif"] is False
