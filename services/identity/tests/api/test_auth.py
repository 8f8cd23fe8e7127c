"""Login, tokens, own account, JWKS and key rotation."""
from datetime import datetime, timedelta, timezone

from kinerja_shared.auth.keys import SigningKey, sign_token
from kinerja_shared.auth.principal import Principal


def test_login_returns_a_bearer_token_and_the_pegawai(api, instansi):
    r = api.client.post("/auth/login", json={"nip": instansi.staf["nip"], "password": api.password})
    assert r.status_code == 200
    body = r.get_json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    assert body["pegawai"] == {"id": instansi.staf["id"], "nip": instansi.staf["nip"],
                               "nama": "Staf Bidang", "roles": ["pegawai"]}
    me = api.ok("get", "/auth/me", {"Authorization": f"Bearer {body['access_token']}"})
    assert me["id"] == instansi.staf["id"] and me["instansi_id"] == instansi.id
    assert "password" not in me and "password_hash" not in me


def test_token_carries_the_required_claims(api, instansi, runtime):
    import jwt

    token = api.client.post("/auth/login", json={"nip": instansi.admin_row["nip"],
                                                 "password": api.password}).get_json()["access_token"]
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert header["alg"] == "RS256" and header["kid"]
    assert claims["sub"] == instansi.admin_row["id"]
    assert claims["nip"] == instansi.admin_row["nip"] and claims["nama"] == "Admin Instansi"
    assert claims["instansi_id"] == instansi.id
    assert claims["roles"] == ["admin_instansi", "pegawai"]
    assert claims["iss"] == runtime.settings.jwt_issuer and claims["aud"] == runtime.settings.jwt_audience
    assert claims["exp"] - claims["iat"] == 3600


def test_a_wrong_password_and_an_unknown_nip_get_the_same_answer(api, instansi):
    wrong = api.client.post("/auth/login", json={"nip": instansi.kabid["nip"], "password": "salah-sekali"})
    unknown = api.client.post("/auth/login", json={"nip": "199912312020121999", "password": "salah-sekali"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json()["detail"] == unknown.get_json()["detail"] == "NIP atau kata sandi salah."


def test_login_validates_its_body(api):
    r = api.client.post("/auth/login", json={"nip": "123"})
    assert r.status_code == 422
    assert "password" in r.get_json()["errors"]


def test_repeated_failures_for_one_nip_are_throttled_with_retry_after(api, instansi):
    nip = instansi.kepala["nip"]
    for _ in range(5):
        assert api.client.post("/auth/login", json={"nip": nip, "password": "salah"}).status_code == 401
    r = api.client.post("/auth/login", json={"nip": nip, "password": api.password})
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 0
    assert r.headers["Content-Type"] == "application/problem+json"
    # an admin resets the password, which also lifts the lock
    api.ok("post", f"/pegawai/{instansi.kepala['id']}/password", instansi.admin, 200,
           json={"password_baru": "sandi-baru-456"})
    assert api.client.post("/auth/login", json={"nip": nip, "password": "sandi-baru-456"}).status_code == 200


def test_repeated_failures_from_one_client_address_are_throttled(api, app, instansi, runtime):
    limit = 3
    from identity.wiring import components
    import dataclasses

    comp = components(runtime)
    original = comp.settings
    comp.settings = dataclasses.replace(original, login_max_failures_ip=limit)
    try:
        env = {"REMOTE_ADDR": "10.9.8.7"}
        for i in range(limit):
            r = api.client.post("/auth/login", json={"nip": f"19991231202012{i}999", "password": "x"},
                                environ_base=env)
            assert r.status_code == 401
        r = api.client.post("/auth/login", json={"nip": instansi.staf["nip"], "password": api.password},
                            environ_base=env)
        assert r.status_code == 429 and "Retry-After" in r.headers
        other = api.client.post("/auth/login", json={"nip": instansi.staf["nip"], "password": api.password},
                                environ_base={"REMOTE_ADDR": "10.9.8.8"})
        assert other.status_code == 200
    finally:
        comp.settings = original


def test_requests_without_or_with_a_bad_token_are_401(api, instansi):
    assert api.client.get("/auth/me").status_code == 401
    r = api.client.get("/auth/me", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 401 and "invalid_token" in r.headers["WWW-Authenticate"]
    assert api.client.get("/pegawai", headers={"Authorization": "Basic abc"}).status_code == 401


def test_expired_forged_and_unknown_key_tokens_are_refused(api, instansi, runtime):
    from identity.wiring import components

    key = components(runtime).keys.current()
    claims = Principal(instansi.admin_row["id"], nip=instansi.admin_row["nip"],
                       instansi_id=instansi.id, roles=frozenset({"admin_instansi"})).to_claims()
    s = runtime.settings
    past = datetime.now(timezone.utc) - timedelta(hours=3)
    expired = sign_token(claims, key, issuer=s.jwt_issuer, audience=s.jwt_audience, expires_in=60, now=past)
    stranger = SigningKey.generate(kid=key.kid)  # same kid, other key: a forgery
    forged = sign_token(claims, stranger, issuer=s.jwt_issuer, audience=s.jwt_audience, expires_in=600)
    unknown = sign_token(claims, SigningKey.generate(), issuer=s.jwt_issuer, audience=s.jwt_audience,
                         expires_in=600)
    wrong_aud = sign_token(claims, key, issuer=s.jwt_issuer, audience="lain", expires_in=600)
    good = sign_token(claims, key, issuer=s.jwt_issuer, audience=s.jwt_audience, expires_in=600)
    for token in (expired, forged, unknown, wrong_aud):
        assert api.client.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert api.client.get("/auth/me", headers={"Authorization": f"Bearer {good}"}).status_code == 200


def test_change_own_password(api, instansi):
    h = instansi.headers(instansi.staf)
    r = api.client.post("/auth/password", headers=h, json={"password_lama": "salah", "password_baru": "baru-sekali-1"})
    assert r.status_code == 422 and "password_lama" in r.get_json()["errors"]
    r = api.client.post("/auth/password", headers=h, json={"password_lama": api.password, "password_baru": "pendek"})
    assert r.status_code == 422 and "password_baru" in r.get_json()["errors"]
    api.ok("post", "/auth/password", h, 200, json={"password_lama": api.password, "password_baru": "baru-sekali-1"})
    assert api.client.post("/auth/login", json={"nip": instansi.staf["nip"], "password": "baru-sekali-1"}).status_code == 200
    assert api.client.post("/auth/password", json={"password_lama": "a", "password_baru": "b"}).status_code == 401


def test_password_reset_is_for_admins_of_the_same_instansi(api, instansi, make_instansi):
    other = make_instansi()
    url = f"/pegawai/{instansi.staf['id']}/password"
    body = {"password_baru": "sandi-reset-1"}
    assert api.client.post(url, json=body, headers=instansi.headers(instansi.kabid)).status_code == 403
    assert api.client.post(url, json=body, headers=other.admin).status_code == 404
    answered = api.ok("post", url, instansi.admin, 200, json=body)  # the pegawai it changed
    assert answered["id"] == instansi.staf["id"] and "password" not in answered


def test_jwks_lists_public_keys_only(api):
    r = api.client.get("/.well-known/jwks.json")
    assert r.status_code == 200
    keys = r.get_json()["keys"]
    assert keys and all(k["kty"] == "RSA" and k["alg"] == "RS256" and "d" not in k for k in keys)


def test_key_rotation_keeps_old_tokens_valid_until_the_old_key_is_retired(api, instansi):
    """An emergency rotation (the new key signs at once); the publish delay of a scheduled
    one: tests/integration/test_key_publish_delay.py."""
    old_token = instansi.headers(instansi.staf)
    old_kid = api.ok("get", "/auth/kunci", api.admin)[0]["kid"]
    assert api.client.post("/auth/kunci", headers=instansi.admin).status_code == 403
    new = api.ok("post", "/auth/kunci?segera=true", api.admin, 201)
    assert new["penandatangan"] and new["kid"] != old_kid
    kids = {k["kid"] for k in api.client.get("/.well-known/jwks.json").get_json()["keys"]}
    assert {old_kid, new["kid"]} <= kids
    api.ok("get", "/auth/me", old_token)
    assert api.client.delete(f"/auth/kunci/{new['kid']}", headers=api.admin).status_code == 409
    api.client.application  # noqa: B018
    fresh = api.client.post("/auth/login", json={"nip": api.admin_nip, "password": api.admin_password}).get_json()
    fresh_h = {"Authorization": f"Bearer {fresh['access_token']}"}
    api.ok("delete", f"/auth/kunci/{old_kid}", fresh_h, 204)
    assert api.client.get("/auth/me", headers=old_token).status_code == 401
    api.ok("get", "/auth/me", fresh_h)
    assert api.client.delete(f"/auth/kunci/{old_kid}", headers=fresh_h).status_code == 404
