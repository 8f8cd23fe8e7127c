"""Pipelines read the feeds with a service account: client credentials, scopes, one instansi,
every change once in commit order across pages, exports, signed webhooks."""
from __future__ import annotations

import base64
import csv
import io
import json
import threading
from datetime import datetime, timezone

from flask import Flask, request
from kinerja_shared import clock

from integration.domain.tanda_tangan import periksa
from integration.sandbox.server import serve_in_thread
from integration.service_layer import webhook as webhook_svc
from integrasi_uji import predikat_final


def _klien(world, who="admin", scopes=("feed:predikat", "export")):
    r = world.api.post(who, "/klien", json={"nama": "Pipeline SIASN", "scopes": list(scopes)})
    assert r.status_code == 201, r.get_json()
    assert world.api.get(who, r.headers["Location"].split("/integration")[-1]).status_code == 200
    return r.get_json()


def _token(world, klien, **form):
    basic = base64.b64encode(f"{klien['client_id']}:{klien['client_secret']}".encode()).decode()
    r = world.api.client.post("/oauth/token", data={"grant_type": "client_credentials", **form},
                              headers={"Authorization": f"Basic {basic}"})
    return r


def _bearer(world, klien, **form):
    r = _token(world, klien, **form)
    assert r.status_code == 200, r.get_json()
    return {"Authorization": f"Bearer {r.get_json()['access_token']}"}


def _read_all(world, headers, jenis="predikat", limit=7):
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        r = world.api.client.get(f"/feed/{jenis}", query_string=params, headers=headers)
        assert r.status_code == 200, r.get_json()
        body = r.get_json()
        assert 'rel="next"' in r.headers["Link"]
        seen += body["data"]
        cursor, pages = body["cursor"], pages + 1
        if not body["ada_lagi"]:
            return seen, cursor, pages


def test_a_pipeline_reads_every_change_once_in_order_and_only_its_instansi(world):
    people = world.sandbox.pegawai()[:25]
    for p in people:
        world.kirim(predikat_final(p), f"pen-{p['nipBaru']}")
    for p in world.sandbox.pegawai()[25:30]:  # another instansi's predikat
        world.kirim(predikat_final(p), f"pen-{p['nipBaru']}", "i-2")
    world.kirim(predikat_final(people[0], predikat="SANGAT_BAIK", revisi=2),
                f"pen-{people[0]['nipBaru']}")
    klien = _klien(world)
    assert "client_secret" in klien and klien["instansi_id"] == "i-1"
    headers = _bearer(world, klien)
    seen, cursor, pages = _read_all(world, headers)
    assert pages == 4 and len(seen) == 26
    seqs = [c["seq"] for c in seen]
    assert seqs == sorted(seqs) and len(set(seqs)) == 26
    assert {c["instansi_id"] for c in seen} == {"i-1"}
    assert seen[-1]["data"]["revisi"] == 2 and seen[-1]["data"]["predikat"] == "SANGAT_BAIK"
    # nothing new: the cursor stays; a new change appears once on the next read
    again = world.api.client.get(f"/feed/predikat?cursor={cursor}", headers=headers).get_json()
    assert again == {"data": [], "cursor": cursor, "ada_lagi": False}
    world.kirim(predikat_final(people[1], revisi=2, predikat="KURANG"),
                f"pen-{people[1]['nipBaru']}")
    more = world.api.client.get(f"/feed/predikat?cursor={cursor}", headers=headers).get_json()
    assert [c["data"]["nip"] for c in more["data"]] == [people[1]["nipBaru"]]
    # the other instansi's account sees its own five only
    other = _bearer(world, _klien(world, "admin2"))
    assert len(_read_all(world, other)[0]) == 5


def test_tokens_scopes_and_revocation(world):
    klien = _klien(world, scopes=("feed:predikat",))
    assert _token(world, {**klien, "client_secret": "salah"}).status_code == 401
    assert _token(world, klien, scope="export").status_code == 422
    r = world.api.client.post("/oauth/token", data={"grant_type": "password"})
    assert r.status_code == 422 and "grant_type" in r.get_json()["errors"]
    headers = _bearer(world, klien)
    assert world.api.client.get("/feed/sinkron", headers=headers).status_code == 403
    assert world.api.client.get("/feed/predikat?cursor=%%%", headers=headers).status_code == 422
    assert world.api.client.get("/feed/lain", headers=headers).status_code == 404
    assert world.api.client.get("/feed/predikat").status_code == 401
    assert world.api.client.get("/feed/predikat", headers={
        "Authorization": "Bearer tidak-ada"}).status_code == 401
    assert world.api.get("admin2", f"/klien/{klien['id']}").status_code == 404
    assert world.api.delete("admin", f"/klien/{klien['id']}").status_code == 204
    assert world.api.client.get("/feed/predikat", headers=headers).status_code == 401
    assert _token(world, klien).status_code == 401
    assert world.api.get("admin", "/klien").get_json() == []


def test_the_yearly_export_is_the_current_state_in_ndjson_and_csv(world):
    people = world.sandbox.pegawai()[:4]
    for p in people:
        world.kirim(predikat_final(p), f"pen-{p['nipBaru']}")
    world.kirim(predikat_final(people[0], predikat="SANGAT_BAIK", revisi=2),
                f"pen-{people[0]['nipBaru']}")
    headers = _bearer(world, _klien(world))
    r = world.api.client.get("/ekspor/predikat.ndjson?tahun=2025", headers=headers)
    assert r.status_code == 200 and r.mimetype == "application/x-ndjson"
    lines = [json.loads(x) for x in r.get_data(as_text=True).splitlines()]
    assert len(lines) == 4
    assert {x["data"]["nip"]: x["data"]["predikat"] for x in lines}[people[0]["nipBaru"]] == \
        "SANGAT_BAIK"
    r = world.api.client.get("/ekspor/predikat.csv?tahun=2025", headers=headers)
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))
    assert len(rows) == 4 and rows[-1]["predikat"] == "SANGAT_BAIK"
    assert rows[0]["pejabat_penilai.nip"] == "197001011990031001"
    assert world.api.client.get("/ekspor/predikat.csv?tahun=2024", headers=headers
                                ).get_data(as_text=True).count("\n") == 1
    assert world.api.client.get("/ekspor/predikat.xml?tahun=2025", headers=headers
                                ).status_code == 404
    assert world.api.client.get("/ekspor/predikat.csv", headers=headers).status_code == 422


class Penerima:
    """A pipeline's webhook receiver: verifies every signature over the raw body; answers 500
    to the first ``gagal`` deliveries."""

    def __init__(self, gagal: int = 0) -> None:
        self.rahasia: str | None = None
        self.diterima: list[dict] = []
        self.sah: list[bool] = []
        self.gagal = gagal
        app = Flask("penerima")

        @app.post("/hook")
        def hook():
            body = request.get_data()
            self.sah.append(periksa(self.rahasia, request.headers.get("X-Kinerja-Signature"),
                                    body))
            if self.gagal > 0:
                self.gagal -= 1
                return "sibuk", 500
            self.diterima.append({"id": request.headers["X-Kinerja-Event-Id"],
                                  **json.loads(body)})
            return "", 204

        self.server = serve_in_thread(app)


def test_webhook_deliveries_are_signed_retried_with_backoff_and_logged(world):
    receiver = Penerima(gagal=2)
    try:
        r = world.api.post("admin", "/webhook", json={"url": f"{receiver.server.url}/hook",
                                                      "jenis": ["PREDIKAT"]})
        assert r.status_code == 201, r.get_json()
        hook = r.get_json()
        receiver.rahasia = hook["rahasia"]
        assert "rahasia" not in world.api.get("admin", f"/webhook/{hook['id']}").get_json()
        assert world.api.get("admin2", f"/webhook/{hook['id']}").status_code == 404
        for p in world.sandbox.pegawai()[:3]:
            world.kirim(predikat_final(p), f"pen-{p['nipBaru']}")
        cfg = world.runtime.components.settings
        start = datetime.now(timezone.utc)
        with clock.frozen(start) as c:
            assert webhook_svc.kirim_jatuh_tempo(world.runtime, cfg) == 3
            assert len(receiver.diterima) == 1  # two answered 500
            assert webhook_svc.kirim_jatuh_tempo(world.runtime, cfg) == 0  # backing off
            c.advance(seconds=cfg.webhook_backoff * 1.3)
            assert webhook_svc.kirim_jatuh_tempo(world.runtime, cfg) == 2
        assert all(receiver.sah) and len(receiver.sah) == 5
        assert sorted(x["data"]["nip"] for x in receiver.diterima) == \
            sorted(p["nipBaru"] for p in world.sandbox.pegawai()[:3])
        log = world.api.get("admin", f"/webhook/{hook['id']}/pengiriman").get_json()
        assert sorted((d["status"], d["percobaan"]) for d in log) == \
            [("TERKIRIM", 1), ("TERKIRIM", 2), ("TERKIRIM", 2)]
        assert not periksa(hook["rahasia"], "t=1,v1=00", b"{}")
        assert world.api.post("admin", "/webhook", json={"url": "ftp://x", "jenis": ["PREDIKAT"]}
                              ).status_code == 422
        assert world.api.delete("admin", f"/webhook/{hook['id']}").status_code == 204
    finally:
        receiver.server.stop()


def test_feed_sequence_follows_commit_order_under_concurrent_writers(world):
    """Writers append while a reader pages: the reader ends with every change once, in
    order, never having skipped one committed late."""
    from integration.service_layer import feed

    errors = []

    def writer(n):
        try:
            for i in range(40):
                with world.runtime.uow() as uow:
                    feed.tambah(uow, "i-1", [("SINKRON", f"w{n}-{i}", 2025, {"i": i})])
                    uow.commit()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    headers = _bearer(world, _klien(world, scopes=("feed:sinkron",)))
    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    seen, cursor = [], None
    while any(t.is_alive() for t in threads) or cursor is None:
        body = world.api.client.get("/feed/sinkron", query_string={
            "limit": 13, **({"cursor": cursor} if cursor else {})}, headers=headers).get_json()
        seen += body["data"]
        cursor = body["cursor"]
    for t in threads:
        t.join()
    while True:
        body = world.api.client.get(f"/feed/sinkron?cursor={cursor}&limit=100",
                                    headers=headers).get_json()
        seen += body["data"]
        cursor = body["cursor"]
        if not body["data"]:
            break
    assert not errors
    assert [c["seq"] for c in seen] == list(range(1, 161))
    assert len({c["kunci"] for c in seen}) == 160
