"""Web UI benchmark: server time of the ten main pages with a DKI-size instansi loaded, next to
the API calls each page makes, measured alone in the same run.

    python bench/web_bench.py [--pegawai 65000] [--unor 1000] [--skp 60] [--requests 60]

The suite runs embedded (every service and the web UI in one process, the in-memory bus) on
PostgreSQL: one database per service on the server the tests use
(``kinerja_shared.testing.servers``), created and dropped here. The instansi is loaded through
the product's own paths: the unor tree and ``--pegawai`` pegawai with identity's import
(``POST /impor/unor``, ``POST /impor/pegawai``, files of at most 50,000 rows), whose events
fill skp's and penilaian's read models over the bus; monthly periods generated; ``--skp``
pegawai of one bidang get an SKP made, submitted and approved by their Kepala through the API,
so penilaian holds their penilaian of every period.

Each page is requested ``--requests`` times in process (werkzeug's test client on the suite's
WSGI app: server time, no socket) by a logged-in user with the browser's cookies. The web UI's
API client records the calls the page makes; the same calls are then replayed alone, as the
same user with the same transport, right after each page request (paired: both see the same
load). Printed: page p50/p95, calls alone p50/p95 and what the page adds (goal: at most 30 %).
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import os
import platform
import random
import re
import socket
import sys
import threading
import time
from pathlib import Path

import requests
import sqlalchemy as sa
from werkzeug.serving import make_server
from werkzeug.test import Client

from kinerja_shared.testing import servers

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("identity_bench", HERE / "identity_bench.py")
ib = importlib.util.module_from_spec(spec)
sys.modules["identity_bench"] = ib
spec.loader.exec_module(ib)  # nip_ke, nama_acak, pct, ms

ADMIN_NIP, ADMIN_PASSWORD = "199001012020011001", "bench-admin-123"
PASSWORD = "bench-pegawai-123"
SERVICES = ("identity", "skp", "penilaian", "keberatan", "angka_kredit", "integration",
            "reporting")
CHEAP = {"KINERJA_IDENTITY_ARGON2_TIME_COST": "1", "KINERJA_IDENTITY_ARGON2_MEMORY_COST": "8",
         "KINERJA_IDENTITY_ARGON2_PARALLELISM": "1",
         "KINERJA_IDENTITY_LOGIN_MAX_FAILURES_IP": "100000"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def csv_bytes(header: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode()


class Api:
    def __init__(self, base: str):
        self.base, self.s = base, requests.Session()

    def __call__(self, method: str, path: str, token: str | None = None, ok=(200, 201, 204),
                 **kw):
        h = {"Authorization": f"Bearer {token}"} if token else {}
        r = self.s.request(method, self.base + path, headers=h, timeout=600, **kw)
        if r.status_code not in ok:
            raise RuntimeError(f"{method} {path}: {r.status_code} {r.text[:600]}")
        return r.json() if r.content and "json" in r.headers.get("Content-Type", "") else None

    def token(self, nip: str, password: str = PASSWORD) -> str:
        return self("POST", "/api/identity/auth/login",
                    json={"nip": nip, "password": password})["access_token"]


def load_instansi(api: Api, admin: str, n_pegawai: int, n_unor: int, rng) -> dict:
    iid = api("POST", "/api/identity/instansi", admin,
              json={"nama": "Pemerintah Provinsi Bench", "kode": "BENCH"})["id"]
    # unor tree: root, dinas/biro, bidang, seksi (depth 4)
    parents = ib.tree(n_unor)
    rows = []
    for j, p in enumerate(parents):
        rows.append([f"U{j:05d}", f"Unit {j:05d}", "struktural", "", "" if p is None else
                     f"U{p:05d}", "", "tidak", "Jakarta"])
    api("POST", "/api/identity/impor/unor", admin, params={"instansi_id": iid},
        files={"berkas": ("unor.csv", csv_bytes(["kode", "nama", "jenis", "eselon",
                                                 "kode_atasan", "kode_induk", "mandiri",
                                                 "kota"], rows), "text/csv")})
    # one head per unor, the rest staff spread over the units
    people = [(j, True) for j in range(n_unor)]
    people += [(rng.randrange(1, n_unor), False) for _ in range(n_pegawai - n_unor)]
    header = ["nip", "nama", "kode_unor", "jenis_jabatan", "jabatan", "kategori_jabatan",
              "golongan"]
    out = {"iid": iid, "nips": {}}
    for start in range(0, len(people), 40_000):
        chunk = []
        for k, (j, head) in enumerate(people[start:start + 40_000], start):
            nip = ib.nip_ke(k)
            out["nips"].setdefault(j, []).append((nip, head))
            chunk.append([nip, ib.nama_acak(rng), f"U{j:05d}", "PIMPINAN" if head else "PEGAWAI",
                          "Kepala Unit" if head else "Analis",
                          "ADMINISTRATOR" if head else "PELAKSANA", rng.choice(ib.GOLONGAN)])
        t0 = time.perf_counter()
        api("POST", "/api/identity/impor/pegawai", admin, params={"instansi_id": iid},
            files={"berkas": ("pegawai.csv", csv_bytes(header, chunk), "text/csv")})
        print(f"  imported {len(chunk):,} pegawai in {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
    return out


def wait_read_models(suite, n: int) -> None:
    """Until skp and penilaian know every pegawai (their identity read models)."""
    t0 = time.perf_counter()
    for name in ("skp", "penilaian"):
        rt = suite.runtimes[name]
        table = next(t for t in rt.definition.metadata.tables.values() if t.name == "pegawai_ref")
        while True:
            with rt.engine.connect() as conn:
                have = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
            if have >= n:
                break
            if time.perf_counter() - t0 > 1800:
                raise RuntimeError(f"{name} read model stuck at {have:,} of {n:,}")
            time.sleep(1)
    print(f"  read models filled in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


def set_password(api: Api, admin: str, iid: str, nip: str) -> dict:
    p = api("GET", "/api/identity/pegawai", admin, params={"instansi_id": iid, "nip": nip})[0]
    api("POST", f"/api/identity/pegawai/{p['id']}/password", admin,
        json={"password_baru": PASSWORD})
    return p


def make_skps(api: Api, admin: str, iid: str, kepala_nip: str, staff: list[str], tahun: int
              ) -> tuple[str, str]:
    """SKPs of ``staff``, approved by their Kepala; answers one staff NIP and its SKP id."""
    tk = api.token(kepala_nip)
    first = None
    for nip in staff:
        t = api.token(nip)
        skp = api("POST", "/api/skp/skp", t, json={"periode_awal": f"{tahun}-01-01",
                                                   "periode_akhir": f"{tahun}-12-31"})
        sid = skp["id"]
        api("POST", f"/api/skp/skp/{sid}/rhk", t, json={"jenis": "UTAMA",
                                                        "uraian": "Layanan administrasi"})
        rid = api("GET", f"/api/skp/skp/{sid}", t)["rhk"][0]["id"]
        for aspek, target in (("KUANTITAS", "12"), ("KUALITAS", "95")):
            api("POST", f"/api/skp/skp/{sid}/rhk/{rid}/indikator", t, json={
                "uraian": f"Indikator {aspek.lower()}", "aspek": aspek, "target": target,
                "satuan": "dokumen"})
        api("POST", f"/api/skp/skp/{sid}/ajukan", t)
        api("POST", f"/api/skp/skp/{sid}/setujui", tk)
        first = first or (nip, sid)
    return first


class Browser:
    """The web UI in process with a browser's cookies."""

    def __init__(self, app):
        self.c = Client(app)

    def masuk(self, nip: str, password: str = PASSWORD) -> None:
        page = self.c.get("/masuk").text
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page).group(1)
        r = self.c.post("/masuk", data={"nip": nip, "password": password, "csrf_token": token})
        assert r.status_code == 302, r.text[:500]


class Recorder:
    """Wraps the web UI's API client: keeps the calls of the current page."""

    def __init__(self, api):
        self.api, self.calls, self.on = api, [], False

    def call(self, p):
        if self.on:
            self.calls.append(p)
        return self.api.call(p)

    def __getattr__(self, name):
        return getattr(self.api, name)


def measure(app, recorder: Recorder, browser: Browser, path: str, n: int) -> dict:
    """Paired samples: each round requests the page, then replays its calls alone (the load of
    a shared machine drifts; pairs see the same load)."""
    for _ in range(3):  # warm up
        r = browser.c.get(path)
        assert r.status_code == 200, (path, r.status_code, r.text[:300])
    recorder.calls, recorder.on = [], True
    browser.c.get(path)
    recorder.on = False
    calls = list(recorder.calls)
    page, alone = [], []
    for _ in range(n):
        t0 = time.perf_counter()
        r = browser.c.get(path)
        page.append(time.perf_counter() - t0)
        assert r.status_code == 200
        t0 = time.perf_counter()
        for p in calls:
            recorder.api.call(p)
        alone.append(time.perf_counter() - t0)
    return {"page": page, "alone": alone,
            "calls": [f"{p.method} /api/{p.service}{p.path}" for p in calls]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pegawai", type=int, default=65_000)
    parser.add_argument("--unor", type=int, default=1_000)
    parser.add_argument("--skp", type=int, default=60, help="pegawai of one bidang with an SKP")
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    rng = random.Random(2026)
    load_before = os.getloadavg()
    server_url = servers.postgres_server_url()
    urls = {s: servers.create_database(server_url, f"kinerja_webbench_{s}") for s in SERVICES}
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    env.update(CHEAP, KINERJA_ADMIN_NIP=ADMIN_NIP, KINERJA_ADMIN_PASSWORD=ADMIN_PASSWORD,
               KINERJA_WEB_SECRET_KEY="bench", KINERJA_WEB_COOKIE_SECURE="0",
               KINERJA_DATA_DIR=str(HERE / "results"), KINERJA_LOG_FORMAT="text")
    env.update({f"KINERJA_{s.upper()}_DATABASE_URL": u for s, u in urls.items()})
    from kinerja_shared.runtime.embedded import build_suite

    port = free_port()
    saved = dict(os.environ)
    os.environ.update(env)
    suite = server = None
    try:
        suite = build_suite(host="127.0.0.1", port=port, environ=env)
        server = make_server("127.0.0.1", port, suite.app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        api = Api(f"http://127.0.0.1:{port}")
        admin = api.token(ADMIN_NIP, ADMIN_PASSWORD)
        t0 = time.perf_counter()
        inst = load_instansi(api, admin, args.pegawai, args.unor, rng)
        iid = inst["iid"]
        wait_read_models(suite, args.pegawai)
        tahun = time.gmtime().tm_year
        api("POST", "/api/identity/periode/generate", admin,
            json={"instansi_id": iid, "tahun": tahun, "skema": "BULANAN"})
        # the bidang with the most staff: its Kepala assesses them
        unit = max((j for j in inst["nips"] if j > 0), key=lambda j: len(inst["nips"][j]))
        kepala = next(nip for nip, head in inst["nips"][unit] if head)
        staff = [nip for nip, head in inst["nips"][unit] if not head][:args.skp]
        for nip in [kepala, *staff]:
            set_password(api, admin, iid, nip)
        admin_row = set_password(api, admin, iid, inst["nips"][0][0][0])
        api("PATCH", f"/api/identity/pegawai/{admin_row['id']}", admin,
            json={"roles": ["admin_instansi"]})
        time.sleep(2)  # identity's events reach skp (the head's password does not matter there)
        staf_nip, skp_id = make_skps(api, admin, iid, kepala, staff, tahun)
        time.sleep(3)  # SkpDisetujui reaches penilaian
        t = api.token(staf_nip)
        pen = api("GET", "/api/penilaian/penilaian", t, params={"tahun": tahun})
        print(f"  loaded in {time.perf_counter() - t0:.0f} s; {len(staff)} SKPs, "
              f"{len(pen)} penilaian of one pegawai", file=sys.stderr)

        web = suite.app.app
        recorder = Recorder(web.extensions["kinerja_api"])
        web.extensions["kinerja_api"] = recorder
        users = {"staf": Browser(suite.app), "kepala": Browser(suite.app),
                 "admin": Browser(suite.app)}
        users["staf"].masuk(staf_nip)
        users["kepala"].masuk(kepala)
        users["admin"].masuk(admin_row["nip"])
        nama = admin_row["nama"].split()[0]
        pages = [
            ("staf", "Beranda", "/"),
            ("staf", "SKP saya", "/skp"),
            ("staf", "SKP (RHK, indikator, perilaku)", f"/skp/{skp_id}"),
            ("staf", "Realisasi dan penilaian (13 periode)", "/penilaian"),
            ("staf", "Penilaian (realisasi form)", f"/penilaian/{pen[0]['id']}"),
            ("kepala", f"SKP bawahan ({len(staff)})", "/penilai/skp"),
            ("kepala", "Rating massal", "/penilai/rating-massal"),
            ("admin", f"Pegawai: search '{nama}' among {args.pegawai:,}",
             f"/admin/pegawai?q={nama}"),
            ("admin", f"Unit organisasi (tree of {args.unor:,})", "/admin/unor"),
            ("admin", "Progres per unit (10 units)", "/admin/progres"),
        ]
        rows = []
        for who, label, path in pages:
            m = measure(web, recorder, users[who], path, args.requests)
            p50, a50 = ib.pct(m["page"], 50), ib.pct(m["alone"], 50)
            p95, a95 = ib.pct(m["page"], 95), ib.pct(m["alone"], 95)
            rows.append(f"| {label} (`{path.split('?')[0]}`) | {ib.ms(m['page'])} | "
                        f"{len(m['calls'])} calls alone: {ib.ms(m['alone'])} | "
                        f"{(p50 - a50) / a50:+.0%} / {(p95 - a95) / a95:+.0%} |")
            print(f"  {label}: {m['calls']}", file=sys.stderr)
    finally:
        os.environ.clear()
        os.environ.update(saved)
        if server is not None:
            server.shutdown()
        if suite is not None:
            suite.stop()
        for u in urls.values():
            servers.drop_database(u)
    load_after = os.getloadavg()
    print(f"\nweb UI, embedded on PostgreSQL, instansi of {args.pegawai:,} pegawai in "
          f"{args.unor:,} unor; {args.requests} requests per page; {os.cpu_count()} CPUs, "
          f"{platform.python_implementation()} {platform.python_version()}; load average "
          f"before {load_before[0]:.2f} / {load_before[1]:.2f}, after {load_after[0]:.2f} / "
          f"{load_after[1]:.2f}\n")
    print("| page | server time p50 / p95 | the page's API calls alone p50 / p95 | "
          "page adds p50 / p95 |")
    print("|---|---|---|---|")
    for r in rows:
        print(r)


if __name__ == "__main__":
    main()
