"""Revoked sessions: a password change or reset, a deactivation, a deletion, fewer rights, or
"log out everywhere" make every token issued before refused at once (401), while a login right
after works; each publishes SesiDicabut."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import jwt
import pytest
import sqlalchemy as sa

from kinerja_shared.events import EventEnvelope

from identity.adapters.tables import outbox, riwayat
from identity.service_layer import akun, sesi

REVOKED = "Sesi telah dicabut; silakan masuk lagi."


def login(api, nip: str, password: str) -> dict:
    r = api.client.post("/auth/login", json={"nip": nip, "password": password})
    assert r.status_code == 200, r.get_json()
    return {"Authorization": f"Bearer {r.get_json()['access_token']}"}


def refused(api, headers: dict, url: str = "/auth/me") -> bool:
    r = api.client.get(url, headers=headers)
    if r.status_code != 401:
        assert r.status_code == 200, r.get_json()
        return False
    assert r.headers["Content-Type"] == "application/problem+json"
    assert r.get_json()["detail"] == REVOKED and r.get_json()["type"].endswith("/session-revoked")
    return True


def sesi_dicabut_events(runtime, pegawai_id: str) -> list[dict]:
    with runtime.engine.connect() as conn:
        bodies = conn.execute(sa.select(outbox.c.body).where(
            outbox.c.aggregate_id == pegawai_id, outbox.c.event_type == "SesiDicabut")
            .order_by(outbox.c.id)).scalars().all()
    return [EventEnvelope.from_json(b) for b in bodies]


def iat(headers: dict) -> int:
    token = headers["Authorization"].split()[1]
    return jwt.decode(token, options={"verify_signature": False})["iat"]


def test_changing_the_password_revokes_every_older_token_and_a_new_login_works(
        api, instansi, runtime):
    nip = instansi.staf["nip"]
    phone, laptop = login(api, nip, api.password), login(api, nip, api.password)
    api.ok("post", "/auth/password", phone, 200,
           json={"password_lama": api.password, "password_baru": "sandi-baru-789"})
    assert refused(api, phone) and refused(api, laptop)
    assert refused(api, laptop, f"/pegawai/{instansi.staf['id']}")  # every endpoint, not only /me
    fresh = login(api, nip, "sandi-baru-789")  # right after: the same second, most of the time
    assert not refused(api, fresh)
    [event] = sesi_dicabut_events(runtime, instansi.staf["id"])
    payload = event.payload
    assert (payload["pegawai_id"], payload["instansi_id"], payload["alasan"]) == (
        instansi.staf["id"], instansi.id, "PASSWORD_DIGANTI")
    cutoff = datetime.fromisoformat(payload["dicabut_sebelum"].replace("Z", "+00:00"))
    assert cutoff.microsecond == 0 and iat(phone) < cutoff.timestamp() <= iat(fresh)
    assert iat(fresh) <= datetime.now(timezone.utc).timestamp()  # never dated ahead
    assert event.instansi_id == instansi.id and event.aggregate_id == instansi.staf["id"]


class Clock:
    """identity's clock, second by second: ``at(0.7)`` is 0.7 s into the test's second."""

    def __init__(self, monkeypatch) -> None:
        self.second = datetime.now(timezone.utc).replace(microsecond=0)
        self.now = self.second
        self.waited: list[float] = []
        monkeypatch.setattr(akun, "now", lambda: self.now)
        monkeypatch.setattr(sesi, "now", lambda: self.now)
        monkeypatch.setattr(akun, "tunggu", self.wait)

    def at(self, seconds: float) -> None:
        self.now = self.second + timedelta(seconds=seconds)

    def wait(self, seconds: float) -> None:
        self.waited.append(round(seconds, 6))
        self.now += timedelta(seconds=seconds)

    def iat(self, seconds: int) -> int:
        return int(self.second.timestamp()) + seconds


def test_the_same_second_a_token_from_before_is_refused_and_a_login_after_works(
        api, instansi, monkeypatch):
    """Tokens carry whole seconds: revoked at .7 of a second, a token of .2 and a login at .9
    of that second share their clock second; the first is refused, the second waits for the
    next second (0.1 s) and works."""
    clock = Clock(monkeypatch)
    nip = instansi.kabid["nip"]
    clock.at(0.2)
    before = login(api, nip, api.password)
    clock.at(0.7)
    api.ok("post", f"/pegawai/{instansi.kabid['id']}/password", instansi.admin, 200,
           json={"password_baru": "sandi-reset-321"})
    clock.at(0.9)
    after = login(api, nip, "sandi-reset-321")
    assert (iat(before), iat(after)) == (clock.iat(0), clock.iat(1))
    assert clock.waited == [0.1]
    assert refused(api, before) and not refused(api, after)


def test_a_second_revocation_in_the_same_second_catches_the_login_between(
        api, instansi, monkeypatch):
    """Revoked at .1, a login at .3 (it waits for the next second), revoked again at 1.2:
    the login's token is refused too, and a later login works without waiting."""
    clock = Clock(monkeypatch)
    orang = instansi.pegawai("Dua Kali", instansi.bidang)
    clock.at(0.1)
    first = login(api, orang["nip"], api.password)
    api.ok("post", "/auth/keluar-semua", first, 200)
    clock.at(0.3)
    between = login(api, orang["nip"], api.password)
    assert clock.now == clock.second + timedelta(seconds=1)  # waited until the cutoff
    clock.at(1.2)
    api.ok("post", f"/pegawai/{orang['id']}/keluar-semua", instansi.admin, 200)
    clock.at(2.0)
    later = login(api, orang["nip"], api.password)
    assert (iat(first), iat(between), iat(later)) == (clock.iat(0), clock.iat(1), clock.iat(2))
    assert clock.waited == [0.7]  # only the login inside a revoked second waited
    assert refused(api, first) and refused(api, between) and not refused(api, later)


def test_an_admin_password_reset_revokes_the_pegawais_tokens_not_the_admins(
        api, instansi, runtime):
    staf = login(api, instansi.kepala["nip"], api.password)
    api.ok("post", f"/pegawai/{instansi.kepala['id']}/password", instansi.admin, 200,
           json={"password_baru": "sandi-reset-456"})
    assert refused(api, staf)
    assert not refused(api, instansi.admin)
    assert not refused(api, login(api, instansi.kepala["nip"], "sandi-reset-456"))
    assert [e.payload["alasan"] for e in sesi_dicabut_events(runtime, instansi.kepala["id"])] == [
        "PASSWORD_DIATUR_ULANG"]


def test_deactivating_revokes_and_reactivating_lets_the_pegawai_log_in_again(
        api, instansi, runtime):
    kabid = login(api, instansi.kabid["nip"], api.password)
    api.ok("patch", f"/pegawai/{instansi.kabid['id']}", instansi.admin, json={"nama": "Kabid Baru"})
    assert not refused(api, kabid)  # an ordinary change keeps the sessions
    api.ok("patch", f"/pegawai/{instansi.kabid['id']}", instansi.admin, json={"aktif": False})
    assert refused(api, kabid)
    r = api.client.post("/auth/login", json={"nip": instansi.kabid["nip"], "password": api.password})
    assert r.status_code == 401
    api.ok("patch", f"/pegawai/{instansi.kabid['id']}", instansi.admin, json={"aktif": True})
    assert not refused(api, login(api, instansi.kabid["nip"], api.password))
    assert [e.payload["alasan"] for e in sesi_dicabut_events(runtime, instansi.kabid["id"])] == [
        "PEGAWAI_DINONAKTIFKAN"]


def test_a_password_set_or_a_role_taken_away_by_patch_revokes(api, instansi, runtime):
    admin2 = instansi.pegawai("Admin Kedua", instansi.badan, roles=["admin_instansi"])
    token = login(api, admin2["nip"], api.password)
    api.ok("get", "/riwayat", token)  # an admin's endpoint
    api.ok("patch", f"/pegawai/{admin2['id']}", instansi.admin, json={"roles": ["pegawai"]})
    assert refused(api, token, "/riwayat")  # the old token still says admin_instansi
    token = login(api, admin2["nip"], api.password)
    assert api.client.get("/riwayat", headers=token).status_code == 403
    api.ok("patch", f"/pegawai/{admin2['id']}", instansi.admin, json={"password": "lewat-patch-1"})
    assert refused(api, token)
    assert [e.payload["alasan"] for e in sesi_dicabut_events(runtime, admin2["id"])] == [
        "HAK_AKSES_BERUBAH", "PASSWORD_DIATUR_ULANG"]


def test_a_move_to_another_instansi_revokes_a_move_inside_it_does_not(
        api, instansi, make_instansi, runtime):
    other = make_instansi()
    token = login(api, instansi.staf["nip"], api.password)
    api.ok("patch", f"/pegawai/{instansi.staf['id']}", instansi.admin,
           json={"unor_id": instansi.badan})
    assert not refused(api, token)
    api.ok("patch", f"/pegawai/{instansi.staf['id']}", api.admin, json={"unor_id": other.badan})
    assert refused(api, token)  # it still says the old instansi_id
    [event] = sesi_dicabut_events(runtime, instansi.staf["id"])
    assert (event.payload["alasan"], event.payload["instansi_id"]) == ("HAK_AKSES_BERUBAH", other.id)


def test_deleting_a_pegawai_revokes_their_tokens(api, instansi, runtime):
    gone = instansi.pegawai("Akan Dihapus", instansi.bidang)
    token = login(api, gone["nip"], api.password)
    api.ok("delete", f"/pegawai/{gone['id']}", instansi.admin, 204)
    assert refused(api, token, "/unor")
    assert [e.payload["alasan"] for e in sesi_dicabut_events(runtime, gone["id"])] == [
        "PEGAWAI_DIHAPUS"]


def test_log_out_everywhere_revokes_my_tokens_and_the_next_login_works(api, instansi, runtime):
    nip = instansi.kepala["nip"]
    phone, laptop = login(api, nip, api.password), login(api, nip, api.password)
    api.ok("post", "/auth/keluar-semua", laptop, 200)
    assert refused(api, phone) and refused(api, laptop)
    assert api.client.post("/auth/keluar-semua", headers=laptop).status_code == 401
    assert api.client.post("/auth/keluar-semua").status_code == 401
    assert not refused(api, login(api, nip, api.password))
    assert not refused(api, instansi.headers(instansi.staf))  # nobody else
    [event] = sesi_dicabut_events(runtime, instansi.kepala["id"])
    assert event.payload["alasan"] == "KELUAR_SEMUA"


def test_an_admin_logs_out_a_pegawai_of_their_instansi_only(api, instansi, make_instansi, runtime):
    other = make_instansi()
    victim = login(api, instansi.staf["nip"], api.password)
    url = f"/pegawai/{instansi.staf['id']}/keluar-semua"
    r = api.client.post(url, headers=other.admin)
    assert r.status_code == 404 and r.headers["Content-Type"] == "application/problem+json"
    assert api.client.post(url, headers=instansi.headers(instansi.kabid)).status_code == 403
    assert api.client.post("/pegawai/tidak-ada/keluar-semua", headers=instansi.admin).status_code == 404
    assert not refused(api, victim)  # none of those did anything
    assert api.ok("post", url, instansi.admin, 200)["id"] == instansi.staf["id"]  # the pegawai
    assert refused(api, victim)
    assert not refused(api, instansi.admin)
    with runtime.engine.connect() as conn:
        row = conn.execute(sa.select(riwayat).where(
            riwayat.c.entitas_id == instansi.staf["id"], riwayat.c.aksi == "KELUAR_SEMUA")).mappings().one()
    assert row["oleh_pegawai_id"] == instansi.admin_row["id"] and row["instansi_id"] == instansi.id
    api.ok("post", url, api.admin, 200)  # admin_pusat: any instansi


def test_only_admin_pusat_logs_out_an_admin_pusat(api, instansi):
    pusat = instansi.pegawai("Admin Pusat Daerah", instansi.badan, roles=["admin_pusat"])
    token = login(api, pusat["nip"], api.password)
    r = api.client.post(f"/pegawai/{pusat['id']}/keluar-semua", headers=instansi.admin)
    assert r.status_code == 403 and "admin pusat" in r.get_json()["detail"]
    assert not refused(api, token)
    api.ok("post", f"/pegawai/{pusat['id']}/keluar-semua", api.admin, 200)
    assert refused(api, token)


@pytest.mark.parametrize("path", ["/auth/keluar-semua", "/pegawai/{pegawai_id}/keluar-semua"])
def test_the_endpoints_are_documented(client, path):
    spec = client.get("/openapi.json").get_json()
    op = spec["paths"][path]["post"]
    assert op["security"] and "200" in op["responses"] and "401" in op["responses"]
    assert "dicabut" in (op.get("description", "") + op.get("summary", ""))
