"""`kinerja identity keys ...`: signing-key rotation from the command line, run in-process
through the real `kinerja` entry point against this module's migrated PostgreSQL database."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone

import jwt
import pytest

from kinerja_shared.runtime.cli import main

from identity.adapters.tables import signing_key
from identity.service_layer import kunci
from identity.wiring import components


@pytest.fixture(autouse=True)
def cli_env(runtime, monkeypatch):
    """The CLI builds its own runtime from the environment, like a CronJob would; its
    logging set-up is undone afterwards (it points the root logger at this test's stderr)."""
    monkeypatch.setenv("KINERJA_IDENTITY_DATABASE_URL", runtime.settings.database_url)
    components(runtime).keys.ensure_key()  # as identity's first start does
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for h in root.handlers[:]:
        if h not in handlers:
            root.removeHandler(h)
    root.setLevel(level)


def keys_of(runtime) -> dict[str, dict]:
    """Fresh state, as the web app will see it (its key cache dropped)."""
    with runtime.uow() as uow:
        return {k["kid"]: k for k in kunci.daftar(uow, None, components(runtime)).items}


def signer(runtime) -> str:
    return next(kid for kid, k in keys_of(runtime).items() if k["penandatangan"])


def kid_of(token_headers: dict) -> str:
    return jwt.get_unverified_header(token_headers["Authorization"].split()[1])["kid"]


def test_list_shows_every_key_and_the_one_that_signs(runtime, capsys):
    current = signer(runtime)
    main(["identity", "keys", "rotate"])
    pending = next(kid for kid, k in keys_of(runtime).items() if k["menunggu"])
    capsys.readouterr()
    main(["identity", "keys", "list"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:5] == ["kid", "status", "dibuat", "menandatangani", "sejak"]
    assert any(line.split()[:2] == [current, "penandatangan"] for line in lines[1:])
    row = next(line.split() for line in lines[1:] if line.startswith(pending))
    assert row[1] == "menunggu"
    assert datetime.fromisoformat(row[3]) - datetime.fromisoformat(row[2]) == timedelta(
        seconds=components(runtime).settings.key_publish_delay)

    main(["identity", "keys", "list", "--json"])
    listed = json.loads(capsys.readouterr().out)
    assert [k["kid"] for k in listed if k["penandatangan"]] == [current]
    assert [k["kid"] for k in listed if k["menunggu"]] == [pending]
    assert all({"kid", "created_at", "signs_from", "retired_at", "aktif", "menunggu"} <= set(k)
               for k in listed)
    assert "private_pem" not in json.dumps(listed)
    main(["identity", "keys", "retire", "--", pending])  # a pending key may be retired
    assert not keys_of(runtime)[pending]["aktif"]


def test_rotate_and_retire_from_the_command_line_as_the_endpoints_do(api, instansi, runtime,
                                                                     capsys, caplog):
    old_headers = instansi.headers(instansi.staf)
    old_kid = kid_of(old_headers)
    assert signer(runtime) == old_kid

    # a scheduled rotation: the new key is published, the old one keeps signing for now
    with caplog.at_level(logging.INFO, logger="kinerja.identity"):
        assert main(["identity", "keys", "rotate"]) is None
    out = capsys.readouterr().out
    keys = keys_of(runtime)
    pending = next(kid for kid, k in keys.items() if k["menunggu"])
    assert signer(runtime) == old_kid and pending in out
    assert keys[pending]["signs_from"].isoformat(timespec="seconds") in out
    assert any(pending in r.getMessage() and "CLI" in r.getMessage() for r in caplog.records)
    assert pending in {k["kid"] for k in api.client.get("/.well-known/jwks.json").get_json()["keys"]}
    fresh = api.client.post("/auth/login", json={"nip": instansi.kabid["nip"], "password": api.password})
    assert kid_of({"Authorization": f"Bearer {fresh.get_json()['access_token']}"}) == old_kid

    # an emergency rotation: the new key signs at once
    with caplog.at_level(logging.INFO, logger="kinerja.identity"):
        assert main(["identity", "keys", "rotate", "--now"]) is None
    out = capsys.readouterr().out
    keys = keys_of(runtime)
    new_kid = signer(runtime)
    assert new_kid not in (old_kid, pending) and new_kid in out and "darurat" in out
    assert keys[new_kid]["signs_from"] == keys[new_kid]["created_at"]
    assert keys[old_kid]["aktif"] and not keys[old_kid]["penandatangan"]
    assert any(new_kid in r.getMessage() and "CLI" in r.getMessage() and r.levelname == "WARNING"
               for r in caplog.records)

    # both keys are published; old tokens still verify; new logins are signed by the new key
    published = {k["kid"] for k in api.client.get("/.well-known/jwks.json").get_json()["keys"]}
    assert {old_kid, new_kid} <= published
    api.ok("get", "/auth/me", old_headers)
    fresh = api.client.post("/auth/login", json={"nip": instansi.kabid["nip"], "password": api.password})
    fresh_headers = {"Authorization": f"Bearer {fresh.get_json()['access_token']}"}
    assert kid_of(fresh_headers) == new_kid

    # the key that signs cannot be retired: refused with the endpoint's message, nothing changed
    with pytest.raises(SystemExit) as refused:
        main(["identity", "keys", "retire", "--", new_kid])
    assert refused.value.code == (f"kunci {new_kid} tidak dipensiunkan: "
                                  f"{kunci.SEDANG_MENANDATANGANI}")
    assert keys_of(runtime)[new_kid]["aktif"]

    with caplog.at_level(logging.INFO, logger="kinerja.identity"):
        main(["identity", "keys", "retire", "--", old_kid])
    assert f"kunci {old_kid} dipensiunkan" in capsys.readouterr().out
    assert any(f"retired: {old_kid}" in r.getMessage() for r in caplog.records)
    assert not keys_of(runtime)[old_kid]["aktif"]
    assert api.client.get("/auth/me", headers=old_headers).status_code == 401
    api.ok("get", "/auth/me", fresh_headers)
    published = {k["kid"] for k in api.client.get("/.well-known/jwks.json").get_json()["keys"]}
    assert old_kid not in published and new_kid in published

    for kid in (old_kid, "tidak-ada", "-tidak-ada"):  # already retired, unknown (a kid may
        # begin with "-": base64url)
        with pytest.raises(SystemExit) as unknown:
            main(["identity", "keys", "retire", "--", kid])
        assert unknown.value.code == f"kunci {kid} tidak ditemukan atau sudah dipensiunkan"


def test_the_endpoint_logs_who_rotated(api, runtime, caplog):
    with caplog.at_level(logging.INFO, logger="kinerja.identity"):
        new = api.ok("post", "/auth/kunci", api.admin, 201)
    me = api.ok("get", "/auth/me", api.admin)
    assert any(new["kid"] in r.getMessage() and me["id"] in r.getMessage() for r in caplog.records)


def test_prune_retires_the_old_keys_only_after_their_last_tokens_expired(runtime, capsys):
    main(["identity", "keys", "rotate", "--now"])
    main(["identity", "keys", "rotate", "--now"])
    capsys.readouterr()
    current = signer(runtime)
    older = [kid for kid, k in keys_of(runtime).items() if k["aktif"] and kid != current]
    assert len(older) >= 2

    main(["identity", "keys", "prune"])  # the current key is brand new: tokens of the old live on
    assert capsys.readouterr().out.strip() == "tidak ada kunci yang perlu dipensiunkan"
    assert all(keys_of(runtime)[kid]["aktif"] for kid in older)

    # move every key back in time (their order kept): the current key took over longer ago
    # than a token lives plus 120 s
    ttl = components(runtime).settings.token_ttl
    back = timedelta(seconds=ttl + 120)
    with runtime.engine.begin() as c:
        c.execute(signing_key.update().values(created_at=signing_key.c.created_at - back,
                                              signs_from=signing_key.c.signs_from - back))
    assert signer(runtime) == current
    main(["identity", "keys", "prune", "--grace", "600"])  # not yet with a longer grace
    assert "tidak ada" in capsys.readouterr().out
    main(["identity", "keys", "prune", "--grace", "60"])
    out = capsys.readouterr().out
    assert all(f"kunci {kid} dipensiunkan" in out for kid in older)
    after = keys_of(runtime)
    assert after[current]["aktif"] and after[current]["penandatangan"]
    assert not any(after[kid]["aktif"] for kid in older)
    main(["identity", "keys", "prune", "--grace", "60"])
    assert "tidak ada" in capsys.readouterr().out

    # a scheduled rotation leaves a pending key: prune never retires it
    main(["identity", "keys", "rotate"])
    pending = next(kid for kid, k in keys_of(runtime).items() if k["menunggu"])
    main(["identity", "keys", "prune", "--grace", "0"])
    assert keys_of(runtime)[pending]["aktif"] and signer(runtime) == current


def test_usang_picks_nothing_before_the_current_key_has_outlived_a_token():
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    keys = [
        {"kid": "c", "created_at": t0, "aktif": True, "penandatangan": True},
        {"kid": "b", "created_at": t0 - timedelta(days=7), "aktif": True, "penandatangan": False},
        {"kid": "a", "created_at": t0 - timedelta(days=14), "aktif": False, "penandatangan": False},
    ]
    keys = [{**k, "signs_from": k["created_at"]} for k in keys]
    at = t0 + timedelta(seconds=3600 + 300)
    assert kunci.usang(keys, token_ttl=3600, jeda=300, sekarang=at) == ["b"]
    assert kunci.usang(keys, token_ttl=3600, jeda=300, sekarang=at - timedelta(seconds=1)) == []
    assert kunci.usang([{**k, "penandatangan": False} for k in keys], token_ttl=3600, jeda=300,
                       sekarang=at + timedelta(days=30)) == []


def test_the_service_without_commands_and_a_missing_command_are_refused(capsys):
    with pytest.raises(SystemExit) as e:
        main(["identity"])
    assert e.value.code == 2 and "PERINTAH" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["identity", "keys", "rotate", "--tidak-ada"])
    assert e.value.code == 2
