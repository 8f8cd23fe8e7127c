"""Login sessions for a browser: POST /auth/refresh rotates the refresh token (a reused one ends
the session), POST /auth/keluar ends one session (its access tokens refused, the pegawai's
other sessions kept), and "log out everywhere" or a password change end every session."""
from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import jwt
import sqlalchemy as sa

from kinerja_shared import clock
from kinerja_shared.events import EventEnvelope

from identity.adapters.tables import outbox, sesi_refresh



def t0() -> datetime:
    """Now (tokens are verified against the real clock, so a frozen one stays close to it)."""
    return datetime.now(timezone.utc).replace(microsecond=0)
BERAKHIR = "Sesi tidak berlaku atau telah berakhir; silakan masuk lagi."


def masuk(api, nip: str, password: str) -> dict:
    r = api.client.post("/auth/login", json={"nip": nip, "password": password})
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def bearer(answer: dict) -> dict:
    return {"Authorization": f"Bearer {answer['access_token']}"}


def refresh(api, token: str):
    return api.client.post("/auth/refresh", json={"refresh_token": token})


def sid(answer: dict) -> str:
    return jwt.decode(answer["access_token"], options={"verify_signature": False})["sid"]


def test_login_opens_a_session_whose_refresh_token_rotates(api, instansi):
    with clock.frozen(t0()) as c:
        first = masuk(api, instansi.staf["nip"], api.password)
        assert first["refresh_token"] and first["refresh_expires_in"] == 43200
        c.advance(seconds=30)
        r = refresh(api, first["refresh_token"])
        assert r.status_code == 200, r.get_json()
        second = r.get_json()
        assert second["refresh_token"] != first["refresh_token"]
        assert sid(second) == sid(first)  # the same session
        assert second["refresh_expires_in"] == 43200 - 30  # the session's end does not move
        assert second["pegawai"]["id"] == instansi.staf["id"]
        assert api.client.get("/auth/me", headers=bearer(second)).status_code == 200


def test_a_reused_refresh_token_ends_the_whole_session(api, instansi, runtime, monkeypatch):
    comp = runtime.components
    monkeypatch.setattr(comp, "settings", dataclasses.replace(comp.settings, refresh_grace=0))
    first = masuk(api, instansi.staf["nip"], api.password)
    second = refresh(api, first["refresh_token"]).get_json()
    assert api.client.get("/auth/me", headers=bearer(second)).status_code == 200
    r = refresh(api, first["refresh_token"])  # past the grace: someone copied the first token
    assert r.status_code == 401 and r.get_json()["detail"] == BERAKHIR
    # the thief's use ended the session: the legitimate newer token is refused too
    assert refresh(api, second["refresh_token"]).status_code == 401
    assert api.client.get("/auth/me", headers=bearer(second)).status_code == 401
    with runtime.engine.connect() as conn:
        rows = conn.execute(sa.select(sesi_refresh.c.dicabut_at)
                            .where(sesi_refresh.c.sesi_id == sid(first))).scalars().all()
        bodies = conn.execute(sa.select(outbox.c.body).where(
            outbox.c.aggregate_id == instansi.staf["id"],
            outbox.c.event_type == "SesiDicabut")).scalars().all()
    assert len(rows) == 2 and all(rows)
    [event] = [EventEnvelope.from_json(b).payload for b in bodies]
    assert event["sesi_id"] == sid(first) and event["alasan"] == "REFRESH_DIPAKAI_ULANG"


def test_two_requests_refreshing_at_once_both_get_a_pair_within_the_grace(api, instansi):
    with clock.frozen(t0()) as c:
        first = masuk(api, instansi.staf["nip"], api.password)
        a = refresh(api, first["refresh_token"])
        c.advance(seconds=3)
        b = refresh(api, first["refresh_token"])
        assert a.status_code == b.status_code == 200
        assert refresh(api, a.get_json()["refresh_token"]).status_code == 200


def test_keluar_ends_one_session_and_keeps_the_others(api, instansi):
    laptop = masuk(api, instansi.staf["nip"], api.password)
    phone = masuk(api, instansi.staf["nip"], api.password)
    r = api.client.post("/auth/keluar", json={"refresh_token": laptop["refresh_token"]})
    assert r.status_code == 200 and r.get_json()["sesi_id"] == sid(laptop)
    assert api.client.get("/auth/me", headers=bearer(laptop)).status_code == 401
    assert refresh(api, laptop["refresh_token"]).status_code == 401  # a replayed cookie
    assert api.client.get("/auth/me", headers=bearer(phone)).status_code == 200
    assert refresh(api, phone["refresh_token"]).status_code == 200
    again = api.client.post("/auth/keluar", json={"refresh_token": laptop["refresh_token"]})
    assert again.status_code == 200 and again.get_json() == r.get_json()


def test_keluar_semua_and_a_password_change_end_every_refresh_token(api, instansi):
    a = masuk(api, instansi.staf["nip"], api.password)
    api.ok("post", "/auth/keluar-semua", bearer(a))
    assert refresh(api, a["refresh_token"]).status_code == 401
    b = masuk(api, instansi.staf["nip"], api.password)
    api.ok("post", "/auth/password", bearer(b),
           json={"password_lama": api.password, "password_baru": "sandi-baru-456"})
    assert refresh(api, b["refresh_token"]).status_code == 401
    assert refresh(api, masuk(api, instansi.staf["nip"], "sandi-baru-456")["refresh_token"]
                   ).status_code == 200


def test_a_session_ends_after_a_working_day_and_odd_tokens_are_401(api, instansi):
    with clock.frozen(t0()) as c:
        a = masuk(api, instansi.staf["nip"], api.password)
        c.advance(timedelta(hours=12, seconds=1))
        assert refresh(api, a["refresh_token"]).status_code == 401
    for odd in ["", "tanpa-titik", "x" * 199, a["refresh_token"] + "x",
                a["refresh_token"].split(".")[0] + ".salah"]:
        r = refresh(api, odd)
        assert r.status_code in (401, 422), (odd, r.status_code)
        assert r.headers["Content-Type"] == "application/problem+json"
