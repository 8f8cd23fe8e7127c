"""The SIASN sandbox's own control endpoints (not SIASN's): seed an instansi, change or remove
a pegawai or unit as BKN would, read every saved record, count duplicates."""
from __future__ import annotations

import time

from flask import Flask, jsonify, request

from .store import dumps, loads


def register(app: Flask, sandbox) -> None:
    store = sandbox.store

    @app.post("/_sandbox/seed")
    def seed_instansi():
        from .siasn import seed

        body = request.get_json(silent=True) or {}
        try:
            made = seed(sandbox, str(body["instansi_id"]), pegawai=int(body.get("pegawai", 100)),
                        unor=int(body.get("unor", 10)), seed_value=int(body.get("seed", 1)))
        except (KeyError, ValueError, TypeError) as exc:
            return jsonify(message=f"instansi_id, pegawai, unor, seed: {exc}"), 400
        return jsonify(made)

    @app.post("/_sandbox/reset")
    def reset():
        with store.tx() as db:
            for table in ("pegawai", "unor", "riwayat"):
                db.execute(f"DELETE FROM {table}")
        sandbox.controller.counts.clear()
        return jsonify(ok=True)

    @app.route("/_sandbox/pegawai/<nip>", methods=["PATCH", "DELETE", "PUT"])
    def pegawai(nip):
        row = store.one("SELECT data FROM pegawai WHERE nip = ?", (nip,))
        if request.method == "PUT":
            data = request.get_json(silent=True) or {}
            with store.tx() as db:
                db.execute("INSERT OR REPLACE INTO pegawai VALUES (?, ?, ?, ?)",
                           (nip, data["id"], data["instansiIndukId"], dumps(data)))
            return jsonify(data)
        if row is None:
            return jsonify(message="Not Found"), 404
        with store.tx() as db:
            if request.method == "DELETE":
                db.execute("DELETE FROM pegawai WHERE nip = ?", (nip,))
                return "", 204
            data = {**loads(row["data"]), **(request.get_json(silent=True) or {})}
            db.execute("UPDATE pegawai SET data = ? WHERE nip = ?", (dumps(data), nip))
        return jsonify(data)

    @app.route("/_sandbox/unor/<unor_id>", methods=["PATCH", "DELETE"])
    def unor(unor_id):
        row = store.one("SELECT data FROM unor WHERE id = ?", (unor_id,))
        if row is None:
            return jsonify(message="Not Found"), 404
        with store.tx() as db:
            if request.method == "DELETE":
                db.execute("DELETE FROM unor WHERE id = ?", (unor_id,))
                return "", 204
            data = {**loads(row["data"]), **(request.get_json(silent=True) or {})}
            db.execute("UPDATE unor SET data = ? WHERE id = ?", (dumps(data), unor_id))
        return jsonify(data)

    @app.get("/_sandbox/riwayat")
    def riwayat():
        """Every saved record of a kind (``jenis``: skp22, kinerjaperiodik, angkakredit), with
        its NIP, version and times; paged by ``limit`` (at most 10,000) and ``offset``."""
        jenis = request.args.get("jenis", "skp22")
        limit = min(10_000, int(request.args.get("limit", 1000)))
        offset = int(request.args.get("offset", 0))
        rows = store.query(
            "SELECT r.id, r.pns_id, p.nip, r.body, r.versi, r.dibuat_at, r.diubah_at "
            "FROM riwayat r LEFT JOIN pegawai p ON p.id = r.pns_id WHERE r.jenis = ? "
            "ORDER BY r.dibuat_at, r.id LIMIT ? OFFSET ?", (jenis, limit, offset))
        return jsonify([{"id": r["id"], "pns_id": r["pns_id"], "nip": r["nip"],
                         "body": loads(r["body"]), "versi": r["versi"],
                         "dibuat_at": r["dibuat_at"], "diubah_at": r["diubah_at"]}
                        for r in rows])

    @app.get("/_sandbox/stats")
    def stats():
        per_jenis = {r["jenis"]: r["n"] for r in store.query(
            "SELECT jenis, count(*) AS n FROM riwayat GROUP BY jenis")}
        return jsonify(riwayat=per_jenis, counts=dict(sandbox.controller.counts),
                       pegawai=store.one("SELECT count(*) AS n FROM pegawai")["n"],
                       unor=store.one("SELECT count(*) AS n FROM unor")["n"], time=time.time())
