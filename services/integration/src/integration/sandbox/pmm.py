"""PMM sandbox: the teachers' platform as integration talks to it. NATIONAL.md: no public API
exists, so this interface is our design:

- ``POST /oauth/token``: client credentials (HTTP Basic), a bearer token (``token_ttl``);
- ``GET /api/v1/kinerja?nip=&periode=&cursor=&limit=``: a teacher's SKP and scores per
  semester, ``{nip, periode ("2025-S1"), tipe_skp ("guru"|"kepala_sekolah"), rhk: [{uraian,
  target}], rating_hasil_kerja, rating_perilaku, predikat (PMM's words: "Sesuai Ekspektasi",
  "Baik"), penilai_nip, sekolah: {npsn, nama, daerah}, diubah_at}``, paged with an opaque
  ``cursor`` (the change order: ``next_cursor`` of the last page is where the next pull starts);
- ``POST /api/v1/pengguna`` ``{nip, nama, peran}`` registers a user (201; 409 when known),
  ``GET`` / ``DELETE /api/v1/pengguna/{nip}``.

Control: ``/_sandbox/faults`` (as SIASN's), ``PUT /_sandbox/kinerja`` (a record, as PMM would
hold it), ``GET /_sandbox/pengguna``.
"""
from __future__ import annotations

import base64
import dataclasses
import time

from flask import Flask, jsonify, request

from .common import bearer, control_blueprint, guarded, json_app
from .faults import Controller
from .store import Store, dumps, loads

SCHEMA = """
CREATE TABLE IF NOT EXISTS kinerja (urutan INTEGER PRIMARY KEY AUTOINCREMENT,
    nip TEXT NOT NULL, periode TEXT NOT NULL, data TEXT NOT NULL, UNIQUE (nip, periode));
CREATE TABLE IF NOT EXISTS pengguna (nip TEXT PRIMARY KEY, data TEXT NOT NULL);
"""


@dataclasses.dataclass(frozen=True)
class PmmCredentials:
    client_id: str
    client_secret: str = dataclasses.field(repr=False)


def create_app(credentials: PmmCredentials, *, path: str = ":memory:") -> Flask:
    app = json_app("kinerja.sandbox.pmm")
    store, ctl = Store(path, SCHEMA), Controller()
    app.extensions["sandbox"] = dataclasses.make_dataclass(
        "Pmm", ["store", "controller"])(store, ctl)
    app.register_blueprint(control_blueprint(ctl, "pmm"))

    @app.post("/oauth/token")
    def token():
        def work():
            auth = request.authorization
            if auth is None or (auth.username, auth.password) != (credentials.client_id,
                                                                  credentials.client_secret):
                return jsonify(error="invalid_client"), 401
            ttl = ctl.faults.gateway_token_ttl
            return jsonify(access_token=ctl.issue("pmm", ttl), token_type="Bearer",
                           expires_in=ttl)
        return guarded(ctl, "token", None, work)

    @app.before_request
    def auth():
        if request.path.startswith("/api/") and \
                not ctl.valid(bearer(request.headers.get("Authorization")), "pmm"):
            return jsonify(message="Unauthorized"), 401
        return None

    def client() -> str:
        return bearer(request.headers.get("Authorization")) or "-"

    @app.get("/api/v1/kinerja")
    def kinerja():
        def work():
            try:
                after = int(base64.urlsafe_b64decode(request.args.get("cursor") or "MA==")) \
                    if request.args.get("cursor") else 0
                limit = min(500, max(1, int(request.args.get("limit", 100))))
            except ValueError:
                return jsonify(message="cursor atau limit tidak valid"), 400
            where, params = ["urutan > ?"], [after]
            for name in ("nip", "periode"):
                if request.args.get(name):
                    where.append(f"{name} = ?")
                    params.append(request.args[name])
            rows = store.query(f"SELECT urutan, data FROM kinerja WHERE {' AND '.join(where)} "
                               "ORDER BY urutan LIMIT ?", (*params, limit))
            last = rows[-1]["urutan"] if rows else after
            return jsonify(data=[loads(r["data"]) for r in rows],
                           next_cursor=base64.urlsafe_b64encode(str(last).encode()).decode(),
                           has_more=len(rows) == limit)
        return guarded(ctl, "read", client(), work)

    @app.post("/api/v1/pengguna")
    def daftar_pengguna():
        body = request.get_json(silent=True) or {}

        def work():
            if not body.get("nip") or body.get("peran") not in ("guru", "kepala_sekolah"):
                return jsonify(message="nip dan peran (guru/kepala_sekolah) wajib diisi"), 400
            if store.one("SELECT 1 FROM pengguna WHERE nip = ?", (body["nip"],)):
                return jsonify(message="Pengguna sudah terdaftar"), 409
            data = {"id": f"pmm-{body['nip']}", "nip": body["nip"], "nama": body.get("nama"),
                    "peran": body["peran"], "terdaftar_at": time.time()}
            with store.tx() as db:
                db.execute("INSERT INTO pengguna VALUES (?, ?)", (body["nip"], dumps(data)))
            return jsonify(data), 201
        return guarded(ctl, "save", client(), work)

    @app.route("/api/v1/pengguna/<nip>", methods=["GET", "DELETE"])
    def pengguna(nip):
        def work():
            row = store.one("SELECT data FROM pengguna WHERE nip = ?", (nip,))
            if row is None:
                return jsonify(message="Pengguna tidak ditemukan"), 404
            if request.method == "DELETE":
                with store.tx() as db:
                    db.execute("DELETE FROM pengguna WHERE nip = ?", (nip,))
                return "", 204
            return jsonify(loads(row["data"]))
        return guarded(ctl, "save" if request.method == "DELETE" else "read", client(), work)

    @app.put("/_sandbox/kinerja")
    def put_kinerja():
        data = request.get_json(silent=True) or {}
        if not data.get("nip") or not data.get("periode"):
            return jsonify(message="nip dan periode wajib"), 400
        data = {**data, "diubah_at": time.time()}
        with store.tx() as db:  # a change moves the record to the end of the change order
            db.execute("DELETE FROM kinerja WHERE nip = ? AND periode = ?",
                       (data["nip"], data["periode"]))
            db.execute("INSERT INTO kinerja (nip, periode, data) VALUES (?, ?, ?)",
                       (data["nip"], data["periode"], dumps(data)))
        return jsonify(data)

    @app.get("/_sandbox/pengguna")
    def semua_pengguna():
        return jsonify([loads(r["data"]) for r in store.query("SELECT data FROM pengguna")])

    return app
