"""penilaian benchmark: SkpDisetujui -> penilaian rows through the real dispatcher, and bulk
rating + statistics of a unor induk of 5,000 pegawai.

    python bench/penilaian_bench.py [--events 10000] [--batch 500] [--repeat 5]
    python bench/penilaian_bench.py --events-only [--events 10000]   # the event phases alone

Creates (and drops) its own PostgreSQL database on the server the test suite uses
(``kinerja_shared.testing.servers``), migrated by the real penilaian runtime
(``make_test_runtime``). HTTP calls go to the real penilaian Flask app through its **Flask test
client** (in-process; JWT verification, validation, service layer and PostgreSQL are real).

1. Seed: one instansi, a final period, two unor induk of ``--events / 2`` pegawai each (a kepala
   and staff spread over 50 child unor), fed as identity events through the dispatcher.
2. ``--events`` SkpDisetujui events (5 RHK x 2 indikator, 7 perilaku: the size skp publishes)
   applied with ``runtime.dispatcher.handle`` one by one (one transaction each); the rows are
   then truncated and the same bodies applied with ``handle_batch`` (``--batch`` per
   transaction). Next to it, in the same run: the resulting penilaian rows written raw into a
   copy of the table (``CREATE TABLE .. (LIKE penilaian INCLUDING ALL)``) with psycopg
   ``executemany`` and with ``COPY``.
3. Unor induk A (its kepala assesses all of its staff, so one bulk call can cover the unit):
   a capaian organisasi, then ``POST /penilaian/rating-massal`` with 50 items and with every
   staff member (dry run and real), ``POST /penilaian/tetapkan-massal`` of them all (once), and
   ``GET /capaian-organisasi/{id}/statistik``, next to the
   statistics as a raw SQL query (after ``ANALYZE``, as autovacuum would have run by then).
4. Unor induk B, one call at a time on ``--single`` penilaian: ``PUT .../realisasi/{indikator}``
   by the owner, ``PUT .../rating`` and ``POST .../tetapkan`` by the kepala (each a write that
   answers the penilaian; tetapkan stages PredikatDitetapkan and PredikatFinal).
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from datetime import date

import psycopg

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.events.contracts.common import PegawaiRingkas
from kinerja_shared.messaging.dispatcher import Outcome
from kinerja_shared.testing import servers
from kinerja_shared.testing.service import make_test_runtime

INSTANSI, PERIODE = "i-pbench", "per-2026"
ASPEK = ["BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF",
         "KOLABORATIF"]
RATINGS = ["DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "SESUAI_EKSPEKTASI", "SESUAI_EKSPEKTASI",
           "DI_BAWAH_EKSPEKTASI"]
CHILD_UNOR = 50


def pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100)[p - 1] if len(values) > 1 else values[0]


def body(payload, aggregate_id: str) -> bytes:
    return EventEnvelope.wrap(payload, aggregate_id=aggregate_id, instansi_id=INSTANSI).to_json()


def world(n: int):
    """Identity events, and per pegawai (id, unor_id, penilai_id)."""
    events = [body(idev.InstansiDiperbarui(id=INSTANSI, nama="Pemkab Bench", revisi=1), INSTANSI),
              body(idev.PeriodeDiperbarui(id=PERIODE, instansi_id=INSTANSI, tahun=2026,
                                          nama="Tahunan 2026", awal=date(2026, 1, 1),
                                          akhir=date(2026, 12, 31),
                                          batas_pengisian=date(2099, 1, 31), final=True,
                                          revisi=1), PERIODE)]
    people = []
    for induk in ("a", "b"):
        uid = f"u-{induk}"
        events.append(body(idev.UnorDiperbarui(id=uid, instansi_id=INSTANSI, nama=uid, revisi=1),
                           uid))
        for k in range(CHILD_UNOR):
            events.append(body(idev.UnorDiperbarui(id=f"{uid}{k}", instansi_id=INSTANSI,
                                                   nama=f"{uid}{k}", unor_atasan_id=uid,
                                                   unor_induk_id=uid, revisi=1), f"{uid}{k}"))
        people.append((f"kepala-{induk}", uid, "bupati", True))
        people += [(f"{induk}{i}", f"{uid}{i % CHILD_UNOR}", f"kepala-{induk}", False)
                   for i in range(n // 2 - 1)]
    for pid, unor, _penilai, pimpinan in people:
        events.append(body(idev.PegawaiDiperbarui(
            id=pid, instansi_id=INSTANSI, nama=f"Pegawai {pid}", unor_id=unor,
            jenis_jabatan="PIMPINAN" if pimpinan else "PEGAWAI", revisi=1), pid))
    return events, people


def skp_event(pid: str, unor: str, penilai: str) -> bytes:
    sid = f"skp-{pid}"
    rhk = [skpev.RhkSnapshot(id=f"{sid}-r{r}", urutan=r + 1, jenis="UTAMA",
                             uraian=f"Rencana hasil kerja {r + 1} dari {pid}", indikator=[
                                 skpev.IndikatorSnapshot(id=f"{sid}-r{r}-i{k}",
                                                         uraian=f"Indikator {k + 1}",
                                                         aspek=("KUANTITAS", "KUALITAS")[k],
                                                         target=str(10 + k), satuan="laporan")
                                 for k in range(2)]) for r in range(5)]
    return body(skpev.SkpDisetujui(
        skp_id=sid, instansi_id=INSTANSI, unor_id=unor,
        pegawai=PegawaiRingkas(id=pid, nama=f"Pegawai {pid}", unor_id=unor),
        jenis="JPT" if pid.startswith("kepala") else "JF_JA", pendekatan="KUANTITATIF",
        model="PERMENPAN_6_2022", periode_awal=date(2026, 1, 1), periode_akhir=date(2026, 12, 31),
        pejabat_penilai=PegawaiRingkas(id=penilai, nama=f"Pegawai {penilai}"),
        rhk=rhk, perilaku=[skpev.PerilakuSnapshot(aspek=a, penilai="ATASAN") for a in ASPEK],
        revisi=1), sid)


def check(results) -> None:
    bad = [r for r in results if r is not Outcome.APPLIED]
    if bad:
        raise RuntimeError(f"{len(bad)} events not applied, e.g. {bad[0]!r}")


EVENT_TABLES = "penilai_perilaku, riwayat, penilaian, skp_ref"


def bench_events(runtime, conn, bodies: list[bytes], batch: int) -> dict:
    started = time.perf_counter()
    check([runtime.dispatcher.handle(b) for b in bodies])
    one = time.perf_counter() - started
    conn.execute(f"TRUNCATE {EVENT_TABLES} CASCADE")
    conn.execute("DELETE FROM inbox WHERE event_type = 'SkpDisetujui'")
    conn.commit()
    started = time.perf_counter()
    for i in range(0, len(bodies), batch):
        check(runtime.dispatcher.handle_batch(bodies[i:i + batch]))
    batched = time.perf_counter() - started
    return {"handle": len(bodies) / one, "handle_batch": len(bodies) / batched}


def bench_raw_insert(conn) -> dict:
    cur = conn.execute("SELECT * FROM penilaian")
    cols = [d.name for d in cur.description]
    rows = cur.fetchall()
    # the JSON column back to text, as an application would send it
    rows = [tuple(psycopg.types.json.Json(v) if isinstance(v, (dict, list)) else v for v in r)
            for r in rows]
    out = {}
    for how in ("executemany", "copy"):
        conn.execute("DROP TABLE IF EXISTS bench_penilaian_raw")
        conn.execute("CREATE TABLE bench_penilaian_raw (LIKE penilaian INCLUDING ALL)")
        conn.commit()
        started = time.perf_counter()
        with conn.cursor() as c:
            if how == "executemany":
                c.executemany(f"INSERT INTO bench_penilaian_raw ({', '.join(cols)}) VALUES "
                              f"({', '.join(['%s'] * len(cols))})", rows)
            else:
                with c.copy(f"COPY bench_penilaian_raw ({', '.join(cols)}) FROM STDIN") as copy:
                    for r in rows:
                        copy.write_row(r)
        conn.commit()
        out[how] = len(rows) / (time.perf_counter() - started)
    conn.execute("DROP TABLE bench_penilaian_raw")
    conn.commit()
    return out


RAW_STATISTIK = """
WITH unit AS (SELECT id FROM unor_ref WHERE unor_induk_id = %(induk)s OR id = %(induk)s)
SELECT (SELECT json_object_agg(predikat, n) FROM (
          SELECT predikat, count(*) AS n FROM penilaian
          WHERE periode_id = %(periode)s AND status <> 'DITUTUP' AND predikat IS NOT NULL
            AND unor_id IN (SELECT id FROM unit) GROUP BY predikat) x) AS jumlah,
       (SELECT count(*) FROM penilaian WHERE periode_id = %(periode)s AND status <> 'DITUTUP'
          AND unor_id IN (SELECT id FROM unit)) AS total,
       (SELECT count(*) FROM pegawai_ref WHERE unor_id IN (SELECT id FROM unit)
          AND NOT dihapus AND aktif) AS pegawai_total
"""


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def bench_rating(runtime, conn, minter, people, repeat: int) -> dict:
    client = runtime.create_app().test_client()
    admin = minter.headers("admin-1", instansi_id=INSTANSI, roles=["admin_instansi"])
    kepala = minter.headers("kepala-a", instansi_id=INSTANSI)
    r = client.post("/capaian-organisasi", json={"periode_id": PERIODE, "unor_induk_id": "u-a",
                                                 "capaian": "BAIK"}, headers=admin)
    assert r.status_code == 201 or r.status_code == 200, r.json
    capaian_id = r.json["id"]
    staf = [p for p, _u, penilai, _k in people if penilai == "kepala-a"]
    ids = dict(conn.execute("SELECT pegawai_id, id FROM penilaian WHERE pegawai_id LIKE 'a%%'"
                            ).fetchall())
    items = [{"penilaian_id": ids[p], "rating_hasil_kerja": RATINGS[i % 5],
              "rating_perilaku": RATINGS[(i // 5) % 5]} for i, p in enumerate(staf)]

    def massal(n: int, dry_run: bool):
        def call():
            r = client.post("/penilaian/rating-massal", headers=kepala, json={
                "items": items[:n], "dry_run": dry_run, "justifikasi": "Sesuai kinerja"})
            assert r.status_code == 200, (r.status_code, r.json)
            assert len(r.json["hasil"]) == n
        return call

    def stat():
        r = client.get(f"/capaian-organisasi/{capaian_id}/statistik", headers=admin)
        assert r.status_code == 200, r.json
        return r.json

    def raw_stat():
        return conn.execute(RAW_STATISTIK, {"induk": "u-a", "periode": PERIODE}).fetchone()

    out = {"staf": len(staf)}
    out["dry50"] = timed(massal(50, True), repeat)
    out["real50"] = timed(massal(50, False), repeat)
    out["dry_all"] = timed(massal(len(staf), True), max(1, repeat // 2))
    out["real_all"] = timed(massal(len(staf), False), max(1, repeat // 2))
    started = time.perf_counter()  # once: a penilaian is set once
    r = client.post("/penilaian/tetapkan-massal", headers=kepala,
                    json={"penilaian_ids": [i["penilaian_id"] for i in items]})
    out["tetapkan_all"] = time.perf_counter() - started
    assert r.status_code == 200 and r.json["jumlah"] == len(items), (r.status_code, r.json)
    out["stat"] = timed(stat, repeat * 4)
    out["raw_stat"] = timed(raw_stat, repeat * 4)
    api, raw = stat(), raw_stat()
    assert api["total"] == raw[1] and api["jumlah"] == raw[0], (api, raw)
    out["unit_total"] = api["total"]
    return out


def bench_single(runtime, conn, minter, people, n: int) -> dict:
    """One write at a time on ``n`` penilaian of unor induk B: realisasi (owner), rating and
    tetapkan (kepala); each timed call answers the penilaian, as a client sees it."""
    client = runtime.create_app().test_client()
    kepala = minter.headers("kepala-b", instansi_id=INSTANSI)
    staf = [p for p, _u, penilai, _k in people if penilai == "kepala-b"][:n]
    ids = dict(conn.execute("SELECT pegawai_id, id FROM penilaian WHERE pegawai_id LIKE 'b%%'"
                            ).fetchall())
    out = {"realisasi": [], "rating": [], "tetapkan": []}
    for i, p in enumerate(staf):
        pid, owner = ids[p], minter.headers(p, instansi_id=INSTANSI)
        calls = [
            ("realisasi", lambda: client.put(
                f"/penilaian/{pid}/realisasi/skp-{p}-r0-i0", headers=owner,
                json={"realisasi": "12 laporan", "bukti_dukung": ["https://contoh.go.id/b"],
                      "keterangan": "Selesai"})),
            ("rating", lambda: client.put(f"/penilaian/{pid}/rating", headers=kepala, json={
                "rating_hasil_kerja": RATINGS[i % 5], "rating_perilaku": RATINGS[(i // 5) % 5]})),
            ("tetapkan", lambda: client.post(f"/penilaian/{pid}/tetapkan", headers=kepala)),
        ]
        for name, call in calls:
            started = time.perf_counter()
            r = call()
            out[name].append(time.perf_counter() - started)
            assert r.status_code == 200, (name, r.status_code, r.json)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500, help="events per handle_batch")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions of each timed call")
    parser.add_argument("--single", type=int, default=200,
                        help="penilaian of unor induk B written one call at a time")
    parser.add_argument("--events-only", action="store_true",
                        help="seed and SkpDisetujui only: no raw insert, rating or statistics")
    args = parser.parse_args()

    load_before = os.getloadavg()
    db_url = servers.create_database(servers.postgres_server_url(), "kinerja_bench_penilaian")
    minter = TokenMinter()
    runtime = make_test_runtime("penilaian", db_url, key_source=minter.key_source)
    conn = psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://"))
    try:
        identity, people = world(args.events)
        started = time.perf_counter()
        for i in range(0, len(identity), 500):
            check(runtime.dispatcher.handle_batch(identity[i:i + 500]))
        seed_s = time.perf_counter() - started
        bodies = [skp_event(p, u, penilai) for p, u, penilai, _k in people]
        events = bench_events(runtime, conn, bodies, args.batch)
        n_rows = conn.execute("SELECT count(*) FROM penilaian").fetchone()[0]
        assert n_rows == len(bodies), n_rows
        if args.events_only:
            print(f"\npenilaian: seed {len(identity):,} identity events (handle_batch 500) "
                  f"{seed_s:.1f} s ({len(identity) / seed_s:,.0f} events/s); {len(bodies):,} "
                  f"SkpDisetujui: handle **{events['handle']:,.0f} events/s**, handle_batch "
                  f"({args.batch}) **{events['handle_batch']:,.0f} events/s**; load average "
                  f"before {load_before[0]:.2f} / after {os.getloadavg()[0]:.2f}")
            return
        raw = bench_raw_insert(conn)
        conn.execute("ANALYZE")  # what autovacuum does soon after a load; plans need stats
        conn.commit()
        rating = bench_rating(runtime, conn, minter, people, args.repeat)
        single = bench_single(runtime, conn, minter, people, args.single)
    finally:
        conn.close()
        runtime.dispose()
        servers.drop_database(db_url)
    load_after = os.getloadavg()

    ms = lambda v: f"{statistics.median(v) * 1000:,.0f} ms"  # noqa: E731
    print(f"\npenilaian: {len(bodies):,} SkpDisetujui events (5 RHK x 2 indikator, 7 perilaku; "
          f"~{len(bodies[0]):,} bytes) -> {n_rows:,} penilaian rows; unor induk A of "
          f"{rating['unit_total']:,} penilaian; Flask test client of the real app on PostgreSQL; "
          f"{os.cpu_count()} CPUs, {platform.python_implementation()} "
          f"{platform.python_version()}; load average before {load_before[0]:.2f} / after "
          f"{load_after[0]:.2f}\n")
    print("| measurement | result |")
    print("|---|---|")
    print(f"| seed: {len(identity):,} identity events (handle_batch 500) | {seed_s:.1f} s "
          f"({len(identity) / seed_s:,.0f} events/s) |")
    print(f"| SkpDisetujui -> penilaian, `dispatcher.handle` (one transaction per event) | "
          f"**{events['handle']:,.0f} events/s** |")
    print(f"| SkpDisetujui -> penilaian, `dispatcher.handle_batch` ({args.batch} per transaction)"
          f" | **{events['handle_batch']:,.0f} events/s** |")
    print(f"| raw insert of the same {n_rows:,} penilaian rows, psycopg executemany | "
          f"{raw['executemany']:,.0f} rows/s |")
    print(f"| raw insert of the same rows, COPY | {raw['copy']:,.0f} rows/s |")
    print(f"| POST /penilaian/rating-massal, 50 items, dry run / real (median) | "
          f"{ms(rating['dry50'])} / {ms(rating['real50'])} |")
    print(f"| POST /penilaian/rating-massal, {rating['staf']:,} items, dry run / real (median) | "
          f"{ms(rating['dry_all'])} / {ms(rating['real_all'])} |")
    print(f"| POST /penilaian/tetapkan-massal, the same {rating['staf']:,} penilaian (once) | "
          f"{rating['tetapkan_all'] * 1000:,.0f} ms ({rating['staf'] / rating['tetapkan_all']:,.0f}"
          f" penilaian/s) |")
    print(f"| GET /capaian-organisasi/{{id}}/statistik (median of {len(rating['stat'])}) | "
          f"{statistics.median(rating['stat']) * 1000:,.1f} ms |")
    print(f"| same statistics, raw SQL (one statement) (median of {len(rating['raw_stat'])}) | "
          f"{statistics.median(rating['raw_stat']) * 1000:,.1f} ms |")
    for name, call in (("realisasi", "PUT /penilaian/{id}/realisasi/{indikator_id}"),
                       ("rating", "PUT /penilaian/{id}/rating"),
                       ("tetapkan", "POST /penilaian/{id}/tetapkan")):
        v = single[name]
        print(f"| {call}, one at a time ({len(v)} calls), median / p95 | "
              f"{statistics.median(v) * 1000:,.1f} / {pct(v, 95) * 1000:,.1f} ms |")


if __name__ == "__main__":
    main()
