"""Identity benchmark: login, pegawai search, relasi, bulk import, each next to a baseline.

    python bench/identity_bench.py [--pegawai 100000] [--unor 2000] [--impor 50000]
                                   [--login-seconds 15] [--requests 300] [--relasi-requests 300]

Creates (and drops) its own PostgreSQL database on the server the test suite uses
(``kinerja_shared.testing.servers``: KINERJA_TEST_DATABASE_URL or the local default), migrates
it with identity's migrations and seeds it with set-based ``COPY`` straight into identity's
tables (the import path is measured on its own): a few instansi (one holds half of everything),
each a depth-4 unor tree, one PIMPINAN per unor (a few vacant), active PLT and PLH, some manual
relasi overrides, a few inactive pegawai. Then, in one run:

1. login requests/s through the real HTTP stack: ``gunicorn`` (2 sync workers, like
   docker-compose) on 127.0.0.1, 4 client threads with ``requests.Session``, successful
   logins rotating over many accounts (no failure, so the throttle never answers 429); at the
   production argon2id cost (OWASP's recommendation t=2, m=19 MiB, p=1), the previous one (t=3,
   m=64 MiB, p=4) and the tests' minimum cost (t=1, m=8 KiB, p=1; the ceiling of the stack
   without argon2). Baseline: ``PasswordHasher.verify`` alone with
   the same parameters, 1 thread and 2 threads (2 cores);
2. ``GET /pegawai`` search p50/p95 through the Flask test client (in process, as an
   admin_instansi of the large instansi), next to the same two statements (count + page) in raw
   psycopg; ``GET /pegawai/{id}/relasi`` p50/p95 next to the raw SQL reads of the whole instansi
   plus the pure ``kinerja_shared.relasi.resolve`` on a prebuilt in-memory ``Struktur``;
3. ``POST /impor/pegawai`` rows/s for a CSV (dry run, then the real import) into a fresh
   instansi, next to the same rows inserted with ``COPY`` and with ``executemany`` into a copy of
   the ``pegawai`` table (same indexes).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import random
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import psycopg
import requests
from argon2 import PasswordHasher
from argon2.low_level import Type

from kinerja_shared import relasi as rules
from kinerja_shared.testing import servers
from kinerja_shared.testing.service import make_test_runtime

PASSWORD = "sandi-bench-123"
# production: OWASP's argon2id recommendation (identity's defaults since the web UI's issue)
PROD = {"KINERJA_IDENTITY_ARGON2_TIME_COST": "2", "KINERJA_IDENTITY_ARGON2_MEMORY_COST": "19456",
        "KINERJA_IDENTITY_ARGON2_PARALLELISM": "1"}
# the cost before (RFC 9106's second recommended option), measured next to it
PREVIOUS = {"KINERJA_IDENTITY_ARGON2_TIME_COST": "3",
            "KINERJA_IDENTITY_ARGON2_MEMORY_COST": "65536",
            "KINERJA_IDENTITY_ARGON2_PARALLELISM": "4"}
LOW = {"KINERJA_IDENTITY_ARGON2_TIME_COST": "1", "KINERJA_IDENTITY_ARGON2_MEMORY_COST": "8",
       "KINERJA_IDENTITY_ARGON2_PARALLELISM": "1"}

DEPAN = ["Agus", "Budi", "Siti", "Dewi", "Rina", "Hendra", "Joko", "Sri", "Eko", "Dian", "Nur",
         "Ahmad", "Muhammad", "Putri", "Wahyu", "Rizky", "Fitri", "Indah", "Yuli", "Bambang",
         "Slamet", "Teguh", "Hadi", "Rudi", "Andi", "Dedi", "Ratna", "Sari", "Yanti", "Arif",
         "Fajar", "Galih", "Ilham", "Kurnia", "Lukman", "Mega", "Novi", "Oki", "Tri", "Wulan"]
TENGAH = ["", "", "", "Adi", "Dwi", "Eka", "Nur", "Putra", "Ayu", "Budi", "Sri", "Rahmat"]
BELAKANG = ["Santoso", "Wijaya", "Saputra", "Hidayat", "Kusuma", "Pratama", "Nugroho", "Setiawan",
            "Rahayu", "Susanti", "Wibowo", "Gunawan", "Hartono", "Purnomo", "Siregar", "Nasution",
            "Harahap", "Simanjuntak", "Lubis", "Sihombing", "Tanjung", "Rangkuti", "Syahputra",
            "Maulana", "Permana", "Firmansyah", "Kurniawan", "Utomo", "Suryadi", "Handayani",
            "Lestari", "Wulandari", "Anggraini", "Puspita", "Ramadhan", "Hakim", "Fauzi",
            "Sembiring", "Ginting", "Manurung"]
GOLONGAN = ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"]


def nip_ke(i: int) -> str:
    """A valid, unique NIP for every i < 35 * 28 * 1000."""
    tahun, rest = 1965 + i % 35, i // 35
    q, seq = divmod(rest, 1000)
    bulan = 1 + (i * 7) % 12
    return f"{tahun}{bulan:02d}{1 + q % 28:02d}{tahun + 23}{bulan:02d}{1 + i % 2}{seq:03d}"


def nama_acak(rng: random.Random) -> str:
    parts = [rng.choice(DEPAN), rng.choice(TENGAH), rng.choice(BELAKANG)]
    return " ".join(p for p in parts if p)


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def ms(values: list[float]) -> str:
    return f"{pct(values, 50) * 1000:,.1f} / {pct(values, 95) * 1000:,.1f} ms"


def plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def copy_rows(conn, table: str, cols: list[str], rows) -> None:
    with conn.cursor() as cur:
        with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
            for r in rows:
                cp.write_row(r)


# -- seeding --------------------------------------------------------------------------------
PEGAWAI_COLS = ["id", "instansi_id", "nip", "nik", "nama", "gelar_depan", "gelar_belakang",
                "unor_id", "jenis_jabatan", "jabatan", "kategori_jabatan", "jenjang", "golongan",
                "tmt_jabatan", "email", "roles", "non_asn", "aktif", "password_hash",
                "password_changed_at", "revisi", "created_at", "updated_at"]


@dataclass
class Seed:
    besar: str = ""  # id of the large instansi
    admin_nip: str = ""  # an admin_instansi of it
    unor_of: dict[str, list[str]] = field(default_factory=dict)  # instansi -> unor ids
    root: dict[str, str] = field(default_factory=dict)
    kepala: list[str] = field(default_factory=list)  # heads in the large instansi
    kepala_root: str = ""
    staf: list[str] = field(default_factory=list)  # staff in the large instansi
    plt: list[str] = field(default_factory=list)
    nips: list[str] = field(default_factory=list)  # NIPs of active staff of the large instansi
    next_nip: int = 0


def tree(n: int) -> list[int | None]:
    """Parent index of each of n unor in a depth-4 tree (root, b, b*b, then the rest)."""
    b = max(2, round((n - 1) ** (1 / 3)))
    parents: list[int | None] = [None]
    level2 = list(range(1, min(n, 1 + b)))
    parents += [0] * len(level2)
    level3 = []
    for j in range(b * b):
        if len(parents) >= n:
            break
        level3.append(len(parents))
        parents.append(level2[j % len(level2)])
    k = 0
    while len(parents) < n:
        parents.append(level3[k % len(level3)])
        k += 1
    return parents


def seed(url: str, n_pegawai: int, n_unor: int, rng: random.Random) -> Seed:
    t = datetime.now(timezone.utc)
    today = date.today()
    out = Seed()
    shares = [0.5, 0.2, 0.15, 0.15]  # a ministry-sized instansi and three regional governments
    with psycopg.connect(plain(url)) as conn:
        inst_rows, unor_rows, peg_rows, plt_rows, manual_rows = [], [], [], [], []
        i_nip = 0
        for k, share in enumerate(shares):
            iid = str(uuid.uuid4())
            inst_rows.append((iid, f"Instansi Bench {k}", f"BENCH{k}", json.dumps({}), 1, t, t))
            nu = max(4, round(n_unor * share))
            np_ = round(n_pegawai * share)
            parents = tree(nu)
            uids = [str(uuid.uuid4()) for _ in range(nu)]
            out.unor_of[iid] = uids
            out.root[iid] = uids[0]
            for j, p in enumerate(parents):
                depth = 1 if p is None else (2 if parents[p] is None else (3 if parents[parents[p]] is None else 4))
                unor_rows.append((uids[j], iid, f"U{k}-{j:05d}", f"Unit {k}-{j} (eselon {depth})",
                                  "struktural", ["II.a", "III.a", "IV.a", "V.a"][depth - 1],
                                  uids[p] if p is not None else None, None, False, "Jakarta", 1, t, t))
            # heads: one per unor, 2% vacant
            vacant = set(rng.sample(range(1, nu), max(1, nu // 50)))
            members: dict[int, list[str]] = {j: [] for j in range(nu)}
            count = 0

            def add(j: int, pimpinan: bool, roles=("pegawai",), aktif=True) -> str:
                nonlocal i_nip, count
                pid = str(uuid.uuid4())
                nip = nip_ke(i_nip)
                i_nip += 1
                count += 1
                peg_rows.append((pid, iid, nip, None, nama_acak(rng), None, None, uids[j],
                                 "PIMPINAN" if pimpinan else "PEGAWAI",
                                 "Kepala Unit" if pimpinan else "Analis",
                                 "ADMINISTRATOR" if pimpinan else "PELAKSANA", None,
                                 rng.choice(GOLONGAN), date(2020, 1, 1), None,
                                 json.dumps(sorted(roles)), False, aktif, None, None, 1, t, t))
                if k == 0:
                    if pimpinan:
                        out.kepala.append(pid)
                        if j == 0:
                            out.kepala_root = pid
                    elif aktif and roles == ("pegawai",):
                        out.staf.append(pid)
                        out.nips.append(nip)
                members[j].append(pid)
                return pid

            for j in range(nu):
                if j not in vacant:
                    add(j, True)
            if k == 0:
                out.besar = iid
                add(0, False, roles=("admin_instansi", "pegawai"))
                out.admin_nip = peg_rows[-1][2]
            while count < np_:
                add(rng.randrange(nu), False, aktif=rng.random() > 0.02)
            # PLT for vacant unor and 3% of the others (a staff member of the unor above), some PLH
            acting = list(vacant) + rng.sample(sorted(set(range(1, nu)) - vacant), max(1, nu * 3 // 100))
            for j in acting:
                pool = [m for m in members[parents[j]]] or members[j]
                holder = rng.choice(pool)
                plt_rows.append((str(uuid.uuid4()), iid, holder, uids[j], "Plt. Kepala Unit", "PLT",
                                 today - timedelta(days=60), today + timedelta(days=120), True, 1, t, t))
                if k == 0:
                    out.plt.append(holder)
            for j in rng.sample(range(1, nu), max(1, nu // 100)):
                holder = rng.choice(members[j])
                plt_rows.append((str(uuid.uuid4()), iid, holder, uids[j], "Plh. Kepala Unit", "PLH",
                                 today - timedelta(days=3), today + timedelta(days=3), True, 1, t, t))
            # 0.2% of pegawai chose another atasan on the profile form
            inst_peg = [r[0] for r in peg_rows if r[1] == iid]
            for pid in rng.sample(inst_peg, max(1, np_ // 500)):
                manual_rows.append((pid, iid, rng.choice(inst_peg), None, None, "[]", "[]", 1, t))
        out.next_nip = i_nip
        copy_rows(conn, "instansi", ["id", "nama", "kode", "pengaturan", "revisi", "created_at",
                                     "updated_at"], inst_rows)
        copy_rows(conn, "unor", ["id", "instansi_id", "kode", "nama", "jenis", "eselon",
                                 "unor_atasan_id", "unor_induk_id", "mandiri", "kota", "revisi",
                                 "created_at", "updated_at"], unor_rows)
        copy_rows(conn, "pegawai", PEGAWAI_COLS, peg_rows)
        copy_rows(conn, "plt_plh", ["id", "instansi_id", "pegawai_id", "unor_id", "jabatan", "jenis",
                                    "mulai", "selesai", "aktif", "revisi", "created_at", "updated_at"],
                  plt_rows)
        copy_rows(conn, "relasi_manual", ["pegawai_id", "instansi_id", "atasan_langsung_id",
                                          "atasan_ii_id", "atasan_iii_id", "rekan_kerja_ids",
                                          "bawahan_ids", "revisi", "updated_at"], manual_rows)
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    return out


def set_passwords(url: str, nips: list[str], password_hash: str) -> None:
    with psycopg.connect(plain(url)) as conn:
        conn.execute("UPDATE pegawai SET password_hash = %s WHERE nip = ANY(%s)", (password_hash, nips))


# -- 1. login -------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def verify_rate(hasher: PasswordHasher, h: str, threads: int, seconds: float) -> float:
    counts = [0] * threads
    stop = time.perf_counter() + seconds

    def loop(k: int) -> None:
        while time.perf_counter() < stop:
            hasher.verify(h, PASSWORD)
            counts[k] += 1

    ts = [threading.Thread(target=loop, args=(k,)) for k in range(threads)]
    started = time.perf_counter()
    for th in ts:
        th.start()
    for th in ts:
        th.join()
    return sum(counts) / (time.perf_counter() - started)


def login_rate(url: str, cost: dict, nips: list[str], seconds: float, threads: int) -> dict:
    port = free_port()
    env = {**os.environ, **cost, "KINERJA_IDENTITY_DATABASE_URL": url, "KINERJA_LOG_FORMAT": "text"}
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    proc = subprocess.Popen([gunicorn, "--bind", f"127.0.0.1:{port}", "--workers", "2",
                             "--log-level", "warning", "--timeout", "120",
                             'kinerja_shared.runtime.wsgi:create_app("identity")'], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                if requests.get(f"{base}/.well-known/jwks.json", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.time() > deadline or proc.poll() is not None:
                raise RuntimeError("gunicorn did not start: " + (proc.stderr.read().decode()
                                                                 if proc.poll() is not None else ""))
            time.sleep(0.2)
        # warm both workers (first login of a worker builds its dummy hash etc.)
        with requests.Session() as s:
            for nip in nips[:4]:
                assert s.post(f"{base}/auth/login", json={"nip": nip, "password": PASSWORD}).ok
        statuses: dict[int, int] = {}
        latencies: list[float] = []
        lock = threading.Lock()
        stop = time.perf_counter() + seconds

        def client(k: int) -> None:
            with requests.Session() as s:
                j = k
                while time.perf_counter() < stop:
                    nip = nips[j % len(nips)]
                    j += threads
                    t0 = time.perf_counter()
                    r = s.post(f"{base}/auth/login", json={"nip": nip, "password": PASSWORD})
                    dt = time.perf_counter() - t0
                    with lock:
                        statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
                        latencies.append(dt)

        ts = [threading.Thread(target=client, args=(k,)) for k in range(threads)]
        started = time.perf_counter()
        for th in ts:
            th.start()
        for th in ts:
            th.join()
        elapsed = time.perf_counter() - started
        ok = statuses.get(200, 0)
        return {"rate": ok / elapsed, "statuses": statuses, "latencies": latencies}
    finally:
        proc.terminate()
        proc.wait(30)


# -- 2. search and relasi --------------------------------------------------------------------
SEARCH_SQL = """SELECT count(*) FROM (SELECT pegawai.* FROM pegawai WHERE pegawai.instansi_id = %(i)s
 AND {where}) AS anon_1"""
# the page the search asks for, in both measurements (the API's default page is 50 since the
# suite's paging; the figures in docs/BENCHMARKS.md were taken with pages of 10)
PAGE_SIZE = 10
PAGE_SQL = """SELECT pegawai.* FROM pegawai WHERE pegawai.instansi_id = %(i)s AND {where}
 ORDER BY pegawai.nama, pegawai.id LIMIT """ + str(PAGE_SIZE) + """ OFFSET 0"""
WHERE = {
    "nama": "(pegawai.nama ILIKE '%%' || %(v)s::VARCHAR || '%%' ESCAPE '/')",
    "nip": "((pegawai.nip LIKE %(v)s::VARCHAR || '%%' ESCAPE '/') OR "
           "(pegawai.nik LIKE %(v)s::VARCHAR || '%%' ESCAPE '/'))",
    "unor_id": "pegawai.unor_id = %(v)s::VARCHAR",
}


def time_calls(fn, args: list) -> list[float]:
    out = []
    for a in args:
        t0 = time.perf_counter()
        fn(a)
        out.append(time.perf_counter() - t0)
    return out


def bench_search(client, headers, url: str, sd: Seed, n: int, rng: random.Random) -> list[tuple]:
    unors = sd.unor_of[sd.besar]
    cases = [
        ("nama, common first name (`nama=budi`, ~2.5% match)", "nama", ["budi"] * n),
        ("nama, infix (`nama=wan`: Setiawan, Gunawan, Kurniawan)", "nama", ["wan"] * n),
        ("nama, rare surname infix (`nama=hombing`)", "nama", ["hombing"] * n),
        ("nama, varied 4-letter prefixes of real names", "nama",
         [rng.choice(DEPAN + BELAKANG)[:4].lower() for _ in range(n)]),
        ("nip, 8-digit prefix (birth date)", "nip", [rng.choice(sd.nips)[:8] for _ in range(n)]),
        ("nip, full 18 digits", "nip", [rng.choice(sd.nips) for _ in range(n)]),
        ("unor_id (~50 pegawai per unor)", "unor_id", [rng.choice(unors) for _ in range(n)]),
    ]
    results = []
    with psycopg.connect(plain(url), autocommit=True) as conn:
        for label, key, values in cases:
            for v in values[:5]:  # warm
                client.get("/pegawai", query_string={key: v, "page_size": PAGE_SIZE},
                           headers=headers)

            def http(v, key=key):
                r = client.get("/pegawai", query_string={key: v, "page_size": PAGE_SIZE},
                               headers=headers)
                assert r.status_code == 200, r.get_json()

            def raw(v, key=key):
                params = {"i": sd.besar, "v": v}
                conn.execute(SEARCH_SQL.format(where=WHERE[key]), params).fetchone()
                conn.execute(PAGE_SQL.format(where=WHERE[key]), params).fetchall()

            h = time_calls(http, values)
            r = time_calls(raw, values)
            total = client.get("/pegawai", query_string={key: values[0], "page_size": PAGE_SIZE},
                               headers=headers)
            results.append((label, h, r, json.loads(total.headers["X-Pagination"])["total"]))
    return results


def raw_struktur_reads(conn, instansi_id: str, pegawai_id: str):
    """The reads identity's relasi used to make per request: the pegawai, then the whole instansi."""
    conn.execute("SELECT * FROM pegawai WHERE id = %s", (pegawai_id,)).fetchone()
    unors = conn.execute("SELECT id, unor_atasan_id FROM unor WHERE instansi_id = %s",
                         (instansi_id,)).fetchall()
    orang = conn.execute("SELECT id, unor_id, jenis_jabatan, nip, nik, nama, jabatan FROM pegawai "
                         "WHERE instansi_id = %s AND aktif IS true", (instansi_id,)).fetchall()
    tugas = conn.execute("SELECT pegawai_id, unor_id, jenis, mulai, selesai, aktif FROM plt_plh "
                         "WHERE instansi_id = %s AND aktif IS true", (instansi_id,)).fetchall()
    manual = conn.execute("SELECT pegawai_id, atasan_langsung_id, atasan_ii_id, atasan_iii_id, "
                          "rekan_kerja_ids, bawahan_ids FROM relasi_manual WHERE instansi_id = %s",
                          (instansi_id,)).fetchall()
    conn.execute("SELECT * FROM relasi_manual WHERE pegawai_id = %s", (pegawai_id,)).fetchone()
    return unors, orang, tugas, manual


def build_struktur(unors, orang, tugas, manual) -> rules.Struktur:
    return rules.Struktur(
        unor={u[0]: rules.UnorNode(u[0], u[1]) for u in unors},
        orang={o[0]: rules.Orang(o[0], o[1], o[2] == "PIMPINAN") for o in orang},
        penugasan=[rules.Penugasan(*t) for t in tugas],
        manual={m[0]: rules.RelasiManual(m[1], m[2], m[3], tuple(m[4] or ()), tuple(m[5] or ()))
                for m in manual})


def bench_relasi(client, headers, engine, url: str, sd: Seed, n: int, rng: random.Random) -> dict:
    today = date.today()
    # mostly staff, some heads (their bawahan lists are the long ones), PLT holders, the top head
    who = ([rng.choice(sd.staf) for _ in range(n * 7 // 10)] + [rng.choice(sd.kepala) for _ in range(n * 2 // 10)]
           + [rng.choice(sd.plt) for _ in range(n // 10)])
    rng.shuffle(who)
    for pid in who[:3]:
        client.get(f"/pegawai/{pid}/relasi", headers=headers)

    def http(pid):
        r = client.get(f"/pegawai/{pid}/relasi", headers=headers)
        assert r.status_code == 200, r.get_json()

    h = time_calls(http, who)
    top = time_calls(http, [sd.kepala_root] * 20)
    with psycopg.connect(plain(url), autocommit=True) as conn:
        reads = time_calls(lambda pid: raw_struktur_reads(conn, sd.besar, pid), who[: max(20, n // 5)])
        data = raw_struktur_reads(conn, sd.besar, who[0])
    build = time_calls(lambda _: build_struktur(*data), range(10))
    loader = None
    try:  # identity's own loader without HTTP (the part of the instansi resolve needs)
        from identity.service_layer.relasi import muat_struktur_untuk

        with engine.connect() as c:
            loader = time_calls(lambda pid: muat_struktur_untuk(c, sd.besar, pid, today), who)
    except ImportError:  # before the partial loader existed
        pass
    s = build_struktur(*data)
    pure = time_calls(lambda pid: rules.resolve(s, pid, today), who)
    pure_top = time_calls(lambda pid: rules.resolve(s, pid, today), [sd.kepala_root] * 20)
    return {"http": h, "top": top, "reads": reads, "build": build, "pure": pure, "pure_top": pure_top,
            "loader": loader,
            "orang": len(data[1]), "unor": len(data[0])}


# -- 3. import -------------------------------------------------------------------------------
IMPOR_COLS = ["nip", "nama", "gelar_depan", "gelar_belakang", "kode_unor", "jenis_jabatan", "jabatan",
              "kategori_jabatan", "jenjang", "golongan", "tmt_jabatan", "email"]


def bench_impor(client, admin_headers, url: str, sd: Seed, n: int, rng: random.Random) -> dict:
    t = datetime.now(timezone.utc)
    iid = str(uuid.uuid4())
    kode = [f"IMP-{j:04d}" for j in range(200)]
    uids = [str(uuid.uuid4()) for _ in kode]
    with psycopg.connect(plain(url)) as conn:
        copy_rows(conn, "instansi", ["id", "nama", "kode", "pengaturan", "revisi", "created_at",
                                     "updated_at"], [(iid, "Instansi Impor", "IMPOR", "{}", 1, t, t)])
        copy_rows(conn, "unor", ["id", "instansi_id", "kode", "nama", "mandiri", "revisi",
                                 "unor_atasan_id", "created_at", "updated_at"],
                  [(u, iid, k, f"Unit {k}", False, 1, uids[0] if j else None, t, t)
                   for j, (u, k) in enumerate(zip(uids, kode))])
        conn.commit()
    rows = []
    for j in range(n):
        nip = nip_ke(sd.next_nip + j)
        nama = nama_acak(rng)
        rows.append([nip, nama, "", "S.Kom." if j % 3 == 0 else "", kode[j % len(kode)],
                     "PIMPINAN" if j < len(kode) else "PEGAWAI", "Analis Kebijakan", "PELAKSANA", "",
                     rng.choice(GOLONGAN), "2021-01-04", f"p{j}@contoh.go.id"])
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(IMPOR_COLS)
    w.writerows(rows)
    body = buf.getvalue().encode()

    def post(dry: bool) -> tuple[float, dict]:
        t0 = time.perf_counter()
        r = client.post("/impor/pegawai", query_string={"instansi_id": iid, "dry_run": str(dry).lower()},
                        data={"berkas": (io.BytesIO(body), "pegawai.csv")}, headers=admin_headers,
                        content_type="multipart/form-data")
        dt = time.perf_counter() - t0
        assert r.status_code == 200, (r.status_code, str(r.get_json())[:500])
        return dt, r.get_json()

    dry_s, dry = post(True)
    real_s, real = post(False)
    assert real["tambah"] == n and not real["galat"], real
    # baseline: the same rows as pegawai rows into a table like pegawai (same indexes/uniques)
    by_kode = dict(zip(kode, uids))

    def as_row(r):
        return (str(uuid.uuid4()), iid, r[0], None, r[1], None, r[3] or None, by_kode[r[4]], r[5], r[6],
                r[7], None, r[9], date(2021, 1, 4), r[11], '["pegawai"]', False, True, None, None, 1, t, t)

    with psycopg.connect(plain(url)) as conn:
        conn.execute("CREATE TABLE bench_pegawai (LIKE pegawai INCLUDING ALL)")
        conn.commit()
        t0 = time.perf_counter()
        copy_rows(conn, "bench_pegawai", PEGAWAI_COLS, (as_row(r) for r in rows))
        conn.commit()
        copy_s = time.perf_counter() - t0
        conn.execute("TRUNCATE bench_pegawai")
        conn.commit()
        t0 = time.perf_counter()
        with conn.cursor() as cur:
            cur.executemany(f"INSERT INTO bench_pegawai ({', '.join(PEGAWAI_COLS)}) VALUES "
                            f"({', '.join(['%s'] * len(PEGAWAI_COLS))})", [as_row(r) for r in rows])
        conn.commit()
        many_s = time.perf_counter() - t0
        conn.execute("DROP TABLE bench_pegawai")
        conn.commit()
    return {"n": n, "bytes": len(body), "dry": dry_s, "real": real_s, "copy": copy_s, "many": many_s}


# -- main -----------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pegawai", type=int, default=100_000)
    parser.add_argument("--unor", type=int, default=2_000)
    parser.add_argument("--impor", type=int, default=50_000)
    parser.add_argument("--login-seconds", type=float, default=15)
    parser.add_argument("--login-threads", type=int, default=4)
    parser.add_argument("--requests", type=int, default=300, help="requests per search/relasi case")
    parser.add_argument("--relasi-requests", type=int, default=300)
    parser.add_argument("--skip", default="", help="comma list of: login,search,relasi,impor")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    rng = random.Random(20261)
    load_before = os.getloadavg()
    url = servers.create_database(servers.postgres_server_url(), "kinerja_bench")
    rows: list[str] = []
    try:
        rt = make_test_runtime("identity", url, extra=dict(PROD))
        rt.definition.on_start(rt)  # signing key, admin_pusat (local defaults)
        t0 = time.perf_counter()
        sd = seed(url, args.pegawai, args.unor, rng)
        seed_s = time.perf_counter() - t0
        print(f"seeded {args.pegawai:,} pegawai in {args.unor:,} unor in {seed_s:.1f} s", file=sys.stderr)
        app = rt.create_app()
        client = app.test_client()
        cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)
        set_passwords(url, [sd.admin_nip], cheap.hash(PASSWORD))
        # tokens: log in once through the app (the hash gets upgraded to the production cost)
        r = client.post("/auth/login", json={"nip": sd.admin_nip, "password": PASSWORD})
        assert r.status_code == 200, r.get_json()
        headers = {"Authorization": f"Bearer {r.get_json()['access_token']}"}

        if "search" not in skip:
            for label, h, raw, total in bench_search(client, headers, url, sd, args.requests, rng):
                rows.append(f"| GET /pegawai?{label}; {total:,} found | {ms(h)} | raw SQL count + page: "
                            f"{ms(raw)} | {pct(h, 95) / pct(raw, 95):.1f}x |")
        if "relasi" not in skip:
            rl = bench_relasi(client, headers, rt.engine, url, sd, args.relasi_requests, rng)
            rows.append(f"| GET /pegawai/{{id}}/relasi (70% staff, 20% heads, 10% PLT holders; instansi "
                        f"of {rl['orang']:,} active pegawai, {rl['unor']:,} unor) | {ms(rl['http'])} | "
                        f"raw SQL reads of the whole instansi {ms(rl['reads'])} + Struktur build "
                        f"{ms(rl['build'])} + pure resolve {ms(rl['pure'])} | "
                        f"{pct(rl['http'], 95) / pct(rl['pure'], 95):.0f}x pure resolve |")
            if rl["loader"]:
                rows.append(f"| identity's loader alone (`muat_struktur_untuk`, SQLAlchemy, no HTTP), same "
                            f"pegawai | {ms(rl['loader'])} | raw SQL reads of the whole instansi "
                            f"{ms(rl['reads'])} | |")
            rows.append(f"| GET /pegawai/{{id}}/relasi of the top head (largest bawahan list) | "
                        f"{ms(rl['top'])} | pure resolve {ms(rl['pure_top'])} | |")
        if "impor" not in skip:
            from identity.service_layer.seed import LOCAL_ADMIN_NIP, LOCAL_ADMIN_PASSWORD

            r = client.post("/auth/login", json={"nip": os.environ.get("KINERJA_ADMIN_NIP") or LOCAL_ADMIN_NIP,
                                                 "password": os.environ.get("KINERJA_ADMIN_PASSWORD")
                                                 or LOCAL_ADMIN_PASSWORD})
            assert r.status_code == 200, r.get_json()
            pusat = {"Authorization": f"Bearer {r.get_json()['access_token']}"}
            im = bench_impor(client, pusat, url, sd, args.impor, rng)
            n = im["n"]
            base = f"raw COPY {n / im['copy']:,.0f} rows/s; executemany {n / im['many']:,.0f} rows/s"
            rows.append(f"| POST /impor/pegawai dry run, {n:,} rows CSV ({im['bytes'] / 1e6:.1f} MB) | "
                        f"{n / im['dry']:,.0f} rows/s ({im['dry']:.1f} s) | {base} | |")
            rows.append(f"| POST /impor/pegawai real import, {n:,} new pegawai (+ riwayat + outbox) | "
                        f"{n / im['real']:,.0f} rows/s ({im['real']:.1f} s) | {base} | "
                        f"{im['copy'] / im['real']:.0%} of COPY |")
        rt.dispose()

        if "login" not in skip:
            accounts = sd.nips[:2000]
            costs = (("production t=2, m=19 MiB, p=1 (OWASP)", PROD),
                     ("previous t=3, m=64 MiB, p=4", PREVIOUS), ("minimum t=1, m=8 KiB, p=1", LOW))
            for name, cost in costs:
                hasher = PasswordHasher(time_cost=int(cost["KINERJA_IDENTITY_ARGON2_TIME_COST"]),
                                        memory_cost=int(cost["KINERJA_IDENTITY_ARGON2_MEMORY_COST"]),
                                        parallelism=int(cost["KINERJA_IDENTITY_ARGON2_PARALLELISM"]),
                                        type=Type.ID)
                h = hasher.hash(PASSWORD)
                set_passwords(url, accounts, h)
                secs = min(args.login_seconds, 8)
                v1 = verify_rate(hasher, h, 1, secs)
                v2 = verify_rate(hasher, h, 2, secs)
                lg = login_rate(url, cost, accounts, args.login_seconds, args.login_threads)
                other = {k: v for k, v in lg["statuses"].items() if k != 200}
                rows.insert(0, f"| POST /auth/login, argon2id {name}: gunicorn 2 sync workers, "
                               f"{args.login_threads} client threads, {len(accounts):,} accounts"
                               f"{'; non-200: ' + str(other) if other else ''} | {lg['rate']:,.1f} logins/s "
                               f"(latency {ms(lg['latencies'])}) | verify alone: {v1:,.1f}/s 1 thread, "
                               f"{v2:,.1f}/s 2 threads | {lg['rate'] / v2:.0%} of verify x2 |")
    finally:
        servers.drop_database(url)
    load_after = os.getloadavg()
    print(f"\nidentity, {args.pegawai:,} pegawai in {args.unor:,} unor; {os.cpu_count()} CPUs, "
          f"{platform.python_implementation()} {platform.python_version()}; load average "
          f"before {load_before[0]:.2f} / {load_before[1]:.2f}, after {load_after[0]:.2f} / {load_after[1]:.2f}\n")
    print("| measurement | Kinerja | baseline (same run) | ratio |")
    print("|---|---|---|---|")
    for r in rows:
        print(r)


if __name__ == "__main__":
    main()
