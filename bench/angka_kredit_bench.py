"""angka-kredit benchmark: PredikatFinal -> AK rows through the real dispatcher, next to the
raw insert of the same rows; the admin search at 50,000 rows next to raw SQL.

    python bench/angka_kredit_bench.py [--events 10000] [--batch 100] [--single 1000]
                                       [--rows 50000] [--repeat 20]

Creates (and drops) its own PostgreSQL database on the server the test suite uses
(``kinerja_shared.testing.servers``), migrated by the real angka-kredit runtime
(``make_test_runtime``). HTTP calls go to the real app through its **Flask test client**
(in-process; JWT verification, validation, service layer and PostgreSQL are real).

1. Seed: one instansi, 20 unor, ``--events`` JF pegawai (the eight jenjang, golongan and TMT
   spread, a tenth with a mid-year promotion so their year splits in two rows), fed as identity
   events through the dispatcher.
2. ``--events`` PredikatFinal (one per pegawai, 2025) applied with ``handle_batch`` (``--batch``
   per transaction, the consumer's default batch): each is kept, the pegawai's rows recomputed,
   the AK rows, their riwayat and their AngkaKreditDitetapkan (outbox) written. Then
   ``--single`` more (2026, the first pegawai) with ``handle``, one transaction per event (each
   also recomputes the 2025 row's successor chain). Next to it, in the same run, the resulting
   AK rows written raw into a copy of the table (``LIKE angka_kredit INCLUDING ALL``) with
   psycopg ``executemany`` and with ``COPY``.
3. The table grown to ``--rows`` by copying rows into other years (raw SQL), ``ANALYZE``, then
   the admin search ``GET /angka-kredit`` with the manual's filters (year, NIP, part of the
   name, part of the jabatan, status, sumber, and a combination), ``--repeat`` times each, next
   to the same count + page as raw SQL.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from datetime import date, datetime, timezone

import psycopg

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import penilaian as pev
from kinerja_shared.events.contracts.common import PegawaiRingkas, PeriodeRingkas
from kinerja_shared.messaging.dispatcher import Outcome
from kinerja_shared.testing import servers
from kinerja_shared.testing.service import make_test_runtime

INSTANSI = "i-akbench"
JENJANG = [("AHLI_PERTAMA", "III/a"), ("AHLI_PERTAMA", "III/b"), ("AHLI_MUDA", "III/c"),
           ("AHLI_MADYA", "IV/a"), ("AHLI_UTAMA", "IV/d"), ("PEMULA", "II/a"),
           ("TERAMPIL", "II/c"), ("MAHIR", "III/a"), ("PENYELIA", "III/c")]
PREDIKAT = ["BAIK", "BAIK", "SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "BAIK", "KURANG"]
NAMA = ["Siti", "Budi", "Agus", "Dewi", "Rahmat", "Sri", "Joko", "Rina", "Hendra", "Wati"]
NOW = datetime(2026, 1, 20, tzinfo=timezone.utc)


def pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100)[p - 1] if len(values) > 1 else values[0]


def body(payload, aggregate_id: str) -> bytes:
    return EventEnvelope.wrap(payload, aggregate_id=aggregate_id, instansi_id=INSTANSI).to_json()


def nip(i: int) -> str:
    return f"{1970 + i % 30}{(i % 12) + 1:02d}{(i % 28) + 1:02d}{2000 + i % 20}01{1 + i % 2}{i % 1000:03d}"


def pegawai_events(n: int) -> list[bytes]:
    events = [body(idev.InstansiDiperbarui(id=INSTANSI, nama="Pemkot Bench", kode="PKB",
                                           revisi=1), INSTANSI)]
    events += [body(idev.UnorDiperbarui(id=f"u{k}", instansi_id=INSTANSI, nama=f"Unit {k}",
                                        kode=f"U{k}", revisi=1), f"u{k}") for k in range(20)]
    for i in range(n):
        jenjang, golongan = JENJANG[i % len(JENJANG)]
        common = dict(id=f"p{i}", instansi_id=INSTANSI, nip=nip(i),
                      nama=f"{NAMA[i % 10]} Pegawai {i}", unor_id=f"u{i % 20}",
                      kategori_jabatan="FUNGSIONAL", golongan=golongan,
                      tmt_golongan=date(2020, 4, 1), tmt_jabatan=date(2019 + i % 8, 1 + i % 12, 1))
        events.append(body(idev.PegawaiDiperbarui(
            **common, jenjang=jenjang, jabatan=f"Analis {jenjang.title()}", revisi=1), f"p{i}"))
        if i % 10 == 9 and jenjang == "AHLI_PERTAMA":  # promoted in July 2025
            events.append(body(idev.PegawaiDiperbarui(
                **{**common, "golongan": "III/c", "tmt_golongan": date(2025, 7, 1),
                   "tmt_jabatan": date(2025, 7, 1)}, jenjang="AHLI_MUDA",
                jabatan="Analis Ahli Muda", revisi=2), f"p{i}"))
    return events


def predikat_event(i: int, tahun: int) -> bytes:
    pid = f"pen-{tahun}-{i}"
    return body(pev.PredikatFinal(
        penilaian_id=pid, skp_id=f"skp-{tahun}-{i}",
        pegawai=PegawaiRingkas(id=f"p{i}", nip=nip(i), nama=f"Pegawai {i}", unor_id=f"u{i % 20}"),
        periode=PeriodeRingkas(id=f"per-{tahun}", tahun=tahun, nama=f"Tahunan {tahun}",
                               awal=date(tahun, 1, 1), akhir=date(tahun, 12, 31), final=True),
        tahun=tahun, rating_hasil_kerja="SESUAI_EKSPEKTASI", rating_perilaku="SESUAI_EKSPEKTASI",
        predikat=PREDIKAT[i % len(PREDIKAT)], revisi=1, ditetapkan_at=NOW,
        pejabat_penilai=PegawaiRingkas(id=f"kepala-{i % 20}", nama="Kepala"),
        model="PERMENPAN_6_2022", jenis_skp="JF_JA", unor_id=f"u{i % 20}",
        skp_periode_awal=date(tahun, 1, 1), skp_periode_akhir=date(tahun, 12, 31)), pid)


def check(results) -> None:
    bad = [r for r in results if r is not Outcome.APPLIED]
    if bad:
        raise RuntimeError(f"{len(bad)} events not applied, e.g. {bad[0]!r}")


def bench_events(runtime, predikat: list[bytes], single: list[bytes], batch: int) -> dict:
    started = time.perf_counter()
    for i in range(0, len(predikat), batch):
        check(runtime.dispatcher.handle_batch(predikat[i:i + batch]))
    batched = time.perf_counter() - started
    started = time.perf_counter()
    check([runtime.dispatcher.handle(b) for b in single])
    one = time.perf_counter() - started
    return {"handle_batch": len(predikat) / batched, "handle": len(single) / max(one, 1e-9)}


def bench_raw_insert(conn) -> dict:
    cur = conn.execute("SELECT * FROM angka_kredit")
    cols = [d.name for d in cur.description]
    rows = [tuple(psycopg.types.json.Json(v) if isinstance(v, (dict, list)) else v for v in r)
            for r in cur.fetchall()]
    out = {"rows": len(rows)}
    for how in ("executemany", "copy"):
        conn.execute("DROP TABLE IF EXISTS bench_ak_raw")
        conn.execute("CREATE TABLE bench_ak_raw (LIKE angka_kredit INCLUDING ALL)")
        conn.commit()
        started = time.perf_counter()
        with conn.cursor() as c:
            if how == "executemany":
                c.executemany(f"INSERT INTO bench_ak_raw ({', '.join(cols)}) VALUES "
                              f"({', '.join(['%s'] * len(cols))})", rows)
            else:
                with c.copy(f"COPY bench_ak_raw ({', '.join(cols)}) FROM STDIN") as copy:
                    for r in rows:
                        copy.write_row(r)
        conn.commit()
        out[how] = len(rows) / (time.perf_counter() - started)
    conn.execute("DROP TABLE bench_ak_raw")
    conn.commit()
    return out


def grow(conn, target: int) -> int:
    """Copies of the rows into earlier years (new ids, new segmen keys) up to ``target``."""
    have = conn.execute("SELECT count(*) FROM angka_kredit").fetchone()[0]
    shift = 1
    while have < target:
        conn.execute(f"""
            INSERT INTO angka_kredit SELECT * FROM (
              SELECT (jsonb_populate_record(a, jsonb_build_object(
                'id', gen_random_uuid()::text, 'tahun', a.tahun - {shift},
                'penilaian_id', a.penilaian_id || '-{shift}',
                'status', (ARRAY['DRAFT','DIAJUKAN','DISETUJUI','DITANDATANGANI'])[1 + {shift} % 4],
                'awal', (a.awal - interval '{shift} year')::date,
                'akhir', (a.akhir - interval '{shift} year')::date
              ))).* FROM angka_kredit a WHERE a.tahun = 2025 LIMIT {target - have}) x""")
        conn.commit()
        have = conn.execute("SELECT count(*) FROM angka_kredit").fetchone()[0]
        shift += 1
    conn.execute("ANALYZE")
    conn.commit()
    return have


RAW_SEARCH = """
SELECT count(*) OVER () AS total, a.* FROM angka_kredit a
WHERE a.instansi_id = %(i)s AND a.aktif AND {where}
ORDER BY a.tahun DESC, a.awal DESC, a.id LIMIT 50
"""

SEARCHES = [
    ("tahun", {"tahun": 2023}, "a.tahun = 2023"),
    ("nip", {"nip": nip(4242)}, f"a.nip = '{nip(4242)}'"),
    ("nama (part)", {"nama": "dewi"}, "a.nama ILIKE '%%dewi%%'"),
    ("jabatan (part)", {"jabatan": "madya"}, "a.jabatan ILIKE '%%madya%%'"),
    ("status", {"status": "DITANDATANGANI"}, "a.status = 'DITANDATANGANI'"),
    ("sumber", {"sumber": "KONVERSI", "tahun": 2024}, "a.sumber = 'KONVERSI' AND a.tahun = 2024"),
    ("tahun + nama + status", {"tahun": 2025, "nama": "budi", "status": "DRAFT"},
     "a.tahun = 2025 AND a.nama ILIKE '%%budi%%' AND a.status = 'DRAFT'"),
]


def bench_search(runtime, conn, minter, repeat: int) -> list[dict]:
    client = runtime.create_app().test_client()
    admin = minter.headers("admin-1", instansi_id=INSTANSI, roles=["admin_instansi"])
    out = []
    for name, query, where in SEARCHES:
        api, raw = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            r = client.get("/angka-kredit", query_string=query, headers=admin)
            api.append(time.perf_counter() - started)
            assert r.status_code == 200, r.json
            started = time.perf_counter()
            rows = conn.execute(RAW_SEARCH.format(where=where), {"i": INSTANSI}).fetchall()
            raw.append(time.perf_counter() - started)
        total = json.loads(r.headers["X-Pagination"])["total"]
        assert total == (rows[0][0] if rows else 0), (name, total, rows[:1])
        out.append({"name": name, "total": total, "api": api, "raw": raw})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100, help="events per handle_batch")
    parser.add_argument("--single", type=int, default=1_000,
                        help="PredikatFinal applied one per transaction")
    parser.add_argument("--rows", type=int, default=50_000, help="AK rows for the search")
    parser.add_argument("--repeat", type=int, default=20, help="repetitions of each search")
    args = parser.parse_args()

    load_before = os.getloadavg()
    db_url = servers.create_database(servers.postgres_server_url(), "kinerja_bench_ak")
    minter = TokenMinter()
    runtime = make_test_runtime("angka_kredit", db_url, key_source=minter.key_source)
    conn = psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://"))
    try:
        seed = pegawai_events(args.events)
        started = time.perf_counter()
        for i in range(0, len(seed), 500):
            check(runtime.dispatcher.handle_batch(seed[i:i + 500]))
        seed_s = time.perf_counter() - started
        predikat = [predikat_event(i, 2025) for i in range(args.events)]
        single = [predikat_event(i, 2026) for i in range(min(args.single, args.events))]
        events = bench_events(runtime, predikat, single, args.batch)
        n_rows = conn.execute("SELECT count(*) FROM angka_kredit").fetchone()[0]
        n_outbox = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        raw = bench_raw_insert(conn)
        total = grow(conn, args.rows)
        search = bench_search(runtime, conn, minter, args.repeat)
    finally:
        conn.close()
        runtime.dispose()
        servers.drop_database(db_url)
    load_after = os.getloadavg()

    print(f"\nangka-kredit: {args.events:,} JF pegawai ({len(seed):,} identity events); "
          f"{len(predikat):,} + {len(single):,} PredikatFinal -> {n_rows:,} AK rows, "
          f"{n_outbox:,} events in the outbox; search over {total:,} rows; {os.cpu_count()} "
          f"CPUs, {platform.python_implementation()} {platform.python_version()}; load average "
          f"before {load_before[0]:.2f} / after {load_after[0]:.2f}\n")
    print("| measurement | result |")
    print("|---|---|")
    print(f"| seed: {len(seed):,} identity events (handle_batch 500) | {seed_s:.1f} s "
          f"({len(seed) / seed_s:,.0f} events/s) |")
    print(f"| PredikatFinal -> AK rows, `dispatcher.handle_batch` ({args.batch} per transaction) "
          f"| **{events['handle_batch']:,.0f} events/s** |")
    print(f"| PredikatFinal -> AK rows, `dispatcher.handle` (one transaction per event) | "
          f"{events['handle']:,.0f} events/s |")
    print(f"| raw insert of the same {raw['rows']:,} AK rows, psycopg executemany / COPY | "
          f"{raw['executemany']:,.0f} / {raw['copy']:,.0f} rows/s |")
    all_api = [t for s in search for t in s["api"]]
    all_raw = [t for s in search for t in s["raw"]]
    for s in search:
        print(f"| GET /angka-kredit ?{s['name']} ({s['total']:,} found), p50 / p95; raw SQL "
              f"p50 / p95 | {statistics.median(s['api']) * 1000:,.1f} / "
              f"{pct(s['api'], 95) * 1000:,.1f} ms; {statistics.median(s['raw']) * 1000:,.1f} / "
              f"{pct(s['raw'], 95) * 1000:,.1f} ms |")
    print(f"| **admin search, all {len(all_api)} calls: p95** | **{pct(all_api, 95) * 1000:,.1f} "
          f"ms** (raw SQL p95 {pct(all_raw, 95) * 1000:,.1f} ms) |")


if __name__ == "__main__":
    main()
