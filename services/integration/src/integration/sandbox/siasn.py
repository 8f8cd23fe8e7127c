"""SIASN sandbox: a Flask app speaking SIASN's interface as its clients see it (NATIONAL.md).

    app = create_app(SiasnCredentials(...), path="siasn.db")

- ``POST /oauth2/token``: the API gateway token (HTTP Basic ``consumer_key:consumer_secret``,
  ``grant_type=client_credentials``), ``gateway_token_ttl`` seconds (3,600 by default);
- ``POST /auth/realms/public-siasn/protocol/openid-connect/token``: the SSO token
  (``grant_type=password``, ``client_id``, ``username``, ``password``), ``sso_token_ttl``
  (43,200);
- every call under ``/apisiasn/1.0`` and ``/referensi_siasn/1`` needs
  ``Authorization: Bearer <gateway>`` and ``Auth: bearer <sso>`` (401 otherwise);
- reads: ``pns/data-utama/{nip}``, ``pns/instansi/{instansiId}?limit=&offset=`` (a paged
  list of the instansi's PNS: BKN publishes no reference, this path is the sandbox's
  assumption), ``referensi/ref-unor?limit=&offset=&instansiId=``, the histories
  ``pns/rw-skp22/{nip}``, ``pns/rw-kinerjaperiodik/{nip}``, ``pns/rw-angkakredit/{nip}``;
- saves: ``skp22/save``, ``kinerjaperiodik/save``, ``angkakredit/save``: with ``id`` an update
  of that record, without one a **new** record (as SIASN does: a client that re-sends after a
  lost answer makes a duplicate); answer ``{"success": true, "mapData": {...}, "message"}``.

Control (not SIASN's): ``/_sandbox/faults``, ``/_sandbox/expire-tokens``, ``/_sandbox/seed``,
``/_sandbox/riwayat``, ``/_sandbox/stats``, ``/_sandbox/pegawai/{nip}``, ``/_sandbox/unor/{id}``
(change or remove a record, as BKN would).
"""
from __future__ import annotations

import base64
import dataclasses
import random
import time
import uuid

from flask import Flask, jsonify, request

from . import siasn_save
from .common import bearer, control_blueprint, guarded, json_app
from .faults import Controller
from .seed import pegawai as buat_pegawai, unor_tree
from .store import Store, dumps, loads

SCHEMA = """
CREATE TABLE IF NOT EXISTS pegawai (nip TEXT PRIMARY KEY, id TEXT UNIQUE NOT NULL,
    instansi_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ix_pegawai_instansi ON pegawai (instansi_id, nip);
CREATE TABLE IF NOT EXISTS unor (id TEXT PRIMARY KEY, instansi_id TEXT NOT NULL,
    urutan INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ix_unor_instansi ON unor (instansi_id, urutan);
CREATE TABLE IF NOT EXISTS riwayat (id TEXT PRIMARY KEY, jenis TEXT NOT NULL,
    pns_id TEXT NOT NULL, body TEXT NOT NULL, versi INTEGER NOT NULL,
    dibuat_at REAL NOT NULL, diubah_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS ix_riwayat_pns ON riwayat (jenis, pns_id);
"""
SSO_PATH = "/auth/realms/public-siasn/protocol/openid-connect/token"
API = "/apisiasn/1.0"
REF = "/referensi_siasn/1"
MAX_LIMIT = 1000


@dataclasses.dataclass(frozen=True)
class SiasnCredentials:
    consumer_key: str
    consumer_secret: str = dataclasses.field(repr=False)
    client_id: str = "kinerja"
    username: str = "operator"
    password: str = dataclasses.field(default="", repr=False)


class Siasn:
    def __init__(self, credentials: SiasnCredentials, path: str) -> None:
        self.credentials = credentials
        self.store = Store(path, SCHEMA)
        self.controller = Controller()


def create_app(credentials: SiasnCredentials, *, path: str = ":memory:") -> Flask:
    app = json_app("kinerja.sandbox.siasn")
    sandbox = Siasn(credentials, path)
    app.extensions["sandbox"] = sandbox
    ctl, store = sandbox.controller, sandbox.store
    app.register_blueprint(control_blueprint(ctl, "siasn"))
    from .siasn_control import register as register_control

    register_control(app, sandbox)

    @app.post("/oauth2/token")
    def gateway_token():
        def work():
            basic = _basic(request.headers.get("Authorization"))
            if basic != (credentials.consumer_key, credentials.consumer_secret):
                return jsonify(error="invalid_client",
                               error_description="Client Authentication failed."), 401
            if request.form.get("grant_type") != "client_credentials":
                return jsonify(error="unsupported_grant_type"), 400
            ttl = ctl.faults.gateway_token_ttl
            return jsonify(access_token=ctl.issue("gateway", ttl), scope="default",
                           token_type="Bearer", expires_in=ttl)
        return guarded(ctl, "token", None, work)

    @app.post(SSO_PATH)
    def sso_token():
        def work():
            f = request.form
            if f.get("grant_type") != "password" or f.get("client_id") != credentials.client_id:
                return jsonify(error="invalid_client"), 401
            if (f.get("username"), f.get("password")) != (credentials.username,
                                                          credentials.password):
                return jsonify(error="invalid_grant",
                               error_description="Invalid user credentials"), 401
            ttl = ctl.faults.sso_token_ttl
            return jsonify(access_token=ctl.issue("sso", ttl), expires_in=ttl,
                           refresh_expires_in=ttl, token_type="Bearer", scope="profile email")
        return guarded(ctl, "token", None, work)

    @app.before_request
    def two_tokens():
        if not request.path.startswith((API, REF)):
            return None
        if not ctl.valid(bearer(request.headers.get("Authorization")), "gateway"):
            ctl.count("unauthorized_gateway")
            return jsonify(fault={"code": 900901, "message": "Invalid Credentials",
                                  "description": "Invalid Credentials. Make sure you have "
                                                 "provided the correct security credentials"}), 401
        if not ctl.valid(bearer(request.headers.get("Auth")), "sso"):
            ctl.count("unauthorized_sso")
            return jsonify(code=0, message="Token SSO tidak valid atau sudah kedaluwarsa"), 401
        return None

    def client() -> str:
        return bearer(request.headers.get("Authorization")) or "-"

    @app.get(f"{API}/pns/data-utama/<nip>")
    def data_utama(nip):
        def work():
            row = store.one("SELECT data FROM pegawai WHERE nip = ?", (nip,))
            if row is None:
                return jsonify(code=0, data=None, message="Data tidak ditemukan"), 404
            return jsonify(code=1, data=loads(row["data"]))
        return guarded(ctl, "read", client(), work)

    @app.get(f"{API}/pns/instansi/<instansi_id>")
    def pns_instansi(instansi_id):
        def work():
            limit, offset = _paging()
            rows = store.query("SELECT data FROM pegawai WHERE instansi_id = ? ORDER BY nip "
                               "LIMIT ? OFFSET ?", (instansi_id, limit, offset))
            total = store.one("SELECT count(*) AS n FROM pegawai WHERE instansi_id = ?",
                              (instansi_id,))["n"]
            return jsonify(code=1, data=[loads(r["data"]) for r in rows], total=total)
        return guarded(ctl, "read", client(), work)

    @app.get(f"{REF}/referensi/ref-unor")
    def ref_unor():
        def work():
            limit, offset = _paging()
            instansi_id = request.args.get("instansiId")
            where, params = ("WHERE instansi_id = ?", [instansi_id]) if instansi_id else ("", [])
            rows = store.query(f"SELECT data FROM unor {where} ORDER BY instansi_id, urutan "
                               "LIMIT ? OFFSET ?", (*params, limit, offset))
            total = store.one(f"SELECT count(*) AS n FROM unor {where}", params)["n"]
            return jsonify(code=1, data=[loads(r["data"]) for r in rows], total=total)
        return guarded(ctl, "read", client(), work)

    for jenis in siasn_save.SPECS:
        _route_save(app, sandbox, jenis, client)
        _route_history(app, sandbox, jenis, client)
    return app


def _route_save(app: Flask, sandbox: Siasn, jenis: str, client) -> None:
    spec = siasn_save.SPECS[jenis]

    def save():
        body = request.get_json(silent=True)

        def work():
            if not isinstance(body, dict):
                return jsonify(success=False, message="Body harus JSON"), 400
            message = siasn_save.check(jenis, body)
            if message is not None:
                return jsonify(success=False, message=message), 400
            pns_id = body[spec["pns"]]
            if sandbox.store.one("SELECT 1 FROM pegawai WHERE id = ?", (pns_id,)) is None:
                return jsonify(success=False, message="Data PNS tidak ditemukan"), 400
            record_id = body.get("id")
            now = time.time()
            with sandbox.store.tx() as db:
                if record_id:
                    cur = db.execute("UPDATE riwayat SET body = ?, versi = versi + 1, "
                                     "diubah_at = ? WHERE id = ? AND jenis = ? AND pns_id = ?",
                                     (dumps(siasn_save.stored(jenis, body)), now, record_id,
                                      jenis, pns_id))
                    if cur.rowcount != 1:
                        return jsonify(success=False, message="Data riwayat tidak ditemukan"), 400
                else:
                    record_id = str(uuid.uuid4())
                    db.execute("INSERT INTO riwayat VALUES (?, ?, ?, ?, 1, ?, ?)",
                               (record_id, jenis, pns_id,
                                dumps(siasn_save.stored(jenis, body)), now, now))
            sandbox.controller.count(f"save_{jenis}")
            return jsonify(success=True, mapData={spec["map"]: record_id},
                           message="Data berhasil disimpan")
        return guarded(sandbox.controller, "save", client(), work)

    app.add_url_rule(f"{API}/{jenis}/save", f"save_{jenis}", save, methods=["POST"])


def _route_history(app: Flask, sandbox: Siasn, jenis: str, client) -> None:
    def history(nip):
        def work():
            row = sandbox.store.one("SELECT id FROM pegawai WHERE nip = ?", (nip,))
            if row is None:
                return jsonify(code=0, data=[], message="Data tidak ditemukan"), 404
            rows = sandbox.store.query(
                "SELECT id, body FROM riwayat WHERE jenis = ? AND pns_id = ? ORDER BY dibuat_at",
                (jenis, row["id"]))
            return jsonify(code=1, data=[siasn_save.as_history(jenis, r["id"], loads(r["body"]))
                                         for r in rows])
        return guarded(sandbox.controller, "read", client(), work)

    app.add_url_rule(f"{API}/pns/rw-{jenis}/<nip>", f"rw_{jenis}", history)


def _paging() -> tuple[int, int]:
    try:
        limit = min(MAX_LIMIT, max(1, int(request.args.get("limit", 100))))
        offset = max(0, int(request.args.get("offset", 0)))
    except ValueError:
        limit, offset = 100, 0
    return limit, offset


def _basic(header: str | None) -> tuple[str, str] | None:
    if not header or not header.lower().startswith("basic "):
        return None
    try:
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return user, password


def seed(sandbox: Siasn, instansi_id: str, *, pegawai: int, unor: int,
         seed_value: int = 1) -> dict[str, int]:
    """Replace the instansi's pegawai and unor with made-up ones."""
    rng = random.Random(f"{seed_value}:{instansi_id}")  # another instansi, other ids
    units = unor_tree(instansi_id, max(1, unor), rng)
    taken = {r["nip"] for r in sandbox.store.query(
        "SELECT nip FROM pegawai WHERE instansi_id != ?", (instansi_id,))}  # NIPs are national
    people = buat_pegawai(instansi_id, units, pegawai, rng, taken)
    with sandbox.store.tx() as db:
        db.execute("DELETE FROM pegawai WHERE instansi_id = ?", (instansi_id,))
        db.execute("DELETE FROM unor WHERE instansi_id = ?", (instansi_id,))
        db.executemany("INSERT INTO unor VALUES (?, ?, ?, ?)",
                       [(u["Id"], instansi_id, i, dumps({k: v for k, v in u.items()
                                                         if not k.startswith("_")}))
                        for i, u in enumerate(units)])
        db.executemany("INSERT INTO pegawai VALUES (?, ?, ?, ?)",
                       [(p["nipBaru"], p["id"], instansi_id, dumps(p)) for p in people])
    return {"pegawai": len(people), "unor": len(units)}
