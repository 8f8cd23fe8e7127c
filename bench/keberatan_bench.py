"""keberatan benchmark: the admins' monitoring list at 20,000 keberatan in one instansi next to
the same queries in raw SQL, and a decision's way back to the predikat over RabbitMQ.

    python bench/keberatan_bench.py [--keberatan 20000] [--repeat 200] [--decisions 60]

Creates (and drops) its own PostgreSQL databases and RabbitMQ vhost on the servers the test
suite uses (``kinerja_shared.testing.servers``), migrated by the real runtimes
(``make_test_runtime``). HTTP calls go to the real Flask apps through their test clients
(in-process: JWT verification, validation, service layer and PostgreSQL are real).

1. Monitoring: ``--keberatan`` rows in one instansi (plus a quarter as many in another), spread
   over 3 years, 13 periods, 200 unor and every status, written with one bulk insert, then
   ``ANALYZE``. Each query is asked ``--repeat`` times through ``GET /keberatan`` (page of 50,
   with the ``X-Pagination`` total) or ``GET /keberatan/rekap`` as an admin_instansi, and
   the same SQL (count + page, or the GROUP BY) with psycopg on the same database: p50/p95.
2. Decision -> PredikatFinal revisi + 1: penilaian and keberatan runtimes on PostgreSQL with
   their outbox relays (threads, ``KINERJA_RELAY_POLL_INTERVAL`` 0.05 s) publishing to RabbitMQ
   and their ``RabbitConsumer`` threads; ``--decisions`` penilaian set (PredikatDitetapkan and
   PredikatFinal cross to keberatan), each with a keberatan filed and explained. Then one at a
   time: ``POST /keberatan/{id}/keputusan`` -> keberatan's relay -> RabbitMQ -> penilaian's
   consumer applies it (revisi 2, outbox) -> penilaian's relay -> RabbitMQ -> a reader's
   consumer commits PredikatFinal revisi 2. Latency: from before the POST to the reader's
   commit. Next to it, raw pika over the same broker and the same two hops (publish with
   confirm into a quorum queue, a consumer that republishes with confirm into a second quorum
   queue, a consumer of that), one message at a time.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import threading
import time
import uuid
from datetime import date, datetime, timedelta, timezone

import pika
import psycopg
from sqlalchemy import text

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.db import UnitOfWork, make_engine, make_session_factory, naming_metadata
from kinerja_shared.db.bulk import insert_rows
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.events.contracts.common import PegawaiRingkas
from kinerja_shared.messaging import add_messaging_tables
from kinerja_shared.messaging.dispatcher import EventDispatcher
from kinerja_shared.messaging.rabbitmq import RabbitConsumer, RabbitPublisher, connection_parameters
from kinerja_shared.testing import servers
from kinerja_shared.testing.service import make_test_runtime

INSTANSI, LAIN = "i-kbench", "i-kbench-lain"
STATUS = ["DIAJUKAN"] * 3 + ["DIJELASKAN"] * 2 + ["DISETUJUI"] * 6 + ["DITOLAK"] * 4 + \
    ["DITARIK", "TERLAMBAT"]
NAMA = ["Atim", "Budi", "Citra", "Dedi", "Eka", "Fajar", "Gita", "Hendra", "Indah", "Joko",
        "Kartika", "Lukman", "Maya", "Nanda", "Oki", "Putri", "Rizki", "Sari", "Taufik", "Wulan"]
MARGA = ["Santoso", "Wijaya", "Lestari", "Saputra", "Hidayat", "Nugroho", "Pratama", "Siregar",
         "Kusuma", "Rahman"]
SESUAI, DI_ATAS, DI_BAWAH = "SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"


def pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100)[p - 1] if len(values) > 1 else values[0]


def ms(values: list[float]) -> str:
    return f"p50 {pct(values, 50) * 1000:7.2f} ms  p95 {pct(values, 95) * 1000:7.2f} ms"


# -- 1. monitoring ------------------------------------------------------------------------------
def rows_keberatan(n: int, instansi: str, rnd: random.Random) -> list[dict]:
    base = datetime(2026, 1, 1, tzinfo=timezone.utc)
    nilai = {"rating_hasil_kerja": SESUAI, "rating_perilaku": SESUAI, "predikat": "BAIK",
             "nilai_perilaku_pp30": None, "nilai_kinerja": None}
    out = []
    for i in range(n):
        tahun = 2024 + i % 3
        status = rnd.choice(STATUS)
        nama = f"{rnd.choice(NAMA)} {rnd.choice(MARGA)} {i}"
        nip = f"19{rnd.randint(70, 99)}{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}" \
              f"20{rnd.randint(10, 24)}{rnd.randint(1, 12):02d}1{i % 1000:03d}"
        diajukan = base - timedelta(days=rnd.randint(0, 900), minutes=rnd.randint(0, 1440))
        periode = f"per-{tahun}-{rnd.randint(1, 13)}"
        selesai = status in ("DISETUJUI", "DITOLAK")
        out.append(dict(
            id=str(uuid.uuid4()), instansi_id=instansi, penilaian_id=f"pen-{instansi}-{i}",
            revisi=1, pegawai_id=f"peg-{instansi}-{i}",
            pegawai={"id": f"peg-{instansi}-{i}", "nama": nama, "nip": nip},
            pegawai_nama=nama, pegawai_nip=nip, unor_id=f"unor-{rnd.randint(1, 200)}",
            tahun=tahun, periode_id=periode,
            periode={"id": periode, "tahun": tahun, "nama": "Periode", "awal": f"{tahun}-01-01",
                     "akhir": f"{tahun}-12-31", "final": False},
            model="PERMENPAN_6_2022", alur="PERMENPAN_6_2022", status=status,
            terlambat=status == "TERLAMBAT",
            menunggu={"DIAJUKAN": "PEJABAT_PENILAI", "DIJELASKAN": "PEMUTUS"}.get(status),
            alasan="Hasil kerja melebihi target", bukti_dukung=[], sebelum=nilai,
            diminta={**nilai, "rating_hasil_kerja": DI_ATAS, "predikat": "BAIK"},
            sesudah=nilai if selesai else None, penjelasan=None, sanggahan_atasan=None,
            sanggahan_penilai=None, keputusan=status if selesai else None, uraian=None,
            rekomendasi=None, alasan_tarik=None,
            pejabat_penilai_id=f"pen-{i % 500}", pejabat_penilai={"id": f"pen-{i % 500}",
                                                                  "nama": "Penilai"},
            pemutus_id=f"ats-{i % 100}", pemutus={"id": f"ats-{i % 100}", "nama": "Atasan"},
            pemutus_sumber="ATASAN_PEJABAT_PENILAI",
            batas_pengajuan_at=diajukan + timedelta(days=10), diajukan_at=diajukan,
            dibuka_atasan_at=None, direspon_at=None,
            diputuskan_at=diajukan + timedelta(days=3) if selesai else None,
            ditarik_at=None, versi=1, diubah_at=diajukan))
    return out


KOLOM = ("id, penilaian_id, revisi, pegawai_id, pegawai, unor_id, tahun, periode_id, periode, "
         "model, alur, status, terlambat, menunggu, pejabat_penilai, pemutus, pemutus_sumber, "
         "batas_pengajuan_at, diajukan_at, dibuka_atasan_at, direspon_at, diputuskan_at, "
         "ditarik_at")
QUERIES = [
    # (label, API query string, raw WHERE (after instansi), raw parameters)
    ("no filter", {}, "", {}),
    ("tahun + status", {"tahun": 2025, "status": "DISETUJUI"},
     " AND tahun = %(tahun)s AND status = ANY(%(status)s)", {"tahun": 2025,
                                                             "status": ["DISETUJUI"]}),
    ("nama (part, any case)", {"nama": "budi"}, " AND pegawai_nama ILIKE %(nama)s",
     {"nama": "%budi%"}),
    ("NIP prefix", {"nip": "1985"}, " AND pegawai_nip LIKE %(nip)s", {"nip": "1985%"}),
    ("unor + periode", {"unor_id": "unor-7", "periode_id": "per-2025-3"},
     " AND unor_id = %(unor)s AND periode_id = %(periode)s",
     {"unor": "unor-7", "periode": "per-2025-3"}),
    ("waited > 30 days", {"menunggu_lebih_dari_hari": 30},
     " AND status = ANY(%(terbuka)s) AND diajukan_at < %(batas)s",
     {"terbuka": ["DIAJUKAN", "DIJELASKAN", "DISANGGAH_ATASAN", "DISANGGAH_PENILAI"]}),
]


def bench_monitoring(args, minter) -> None:
    url = servers.create_database(servers.postgres_server_url(), "keberatan_bench")
    rt = make_test_runtime("keberatan", url, key_source=minter.key_source,
                           check_http_conventions=False)
    try:
        from keberatan.adapters.tables import keberatan as tabel
        rnd = random.Random(7)
        t0 = time.perf_counter()
        with rt.uow() as uow:
            for inst, n in ((INSTANSI, args.keberatan), (LAIN, args.keberatan // 4)):
                rows = rows_keberatan(n, inst, rnd)
                for i in range(0, len(rows), 5000):
                    insert_rows(uow.session, tabel, rows[i:i + 5000])
            uow.session.execute(text("ANALYZE keberatan"))
            uow.commit()
        print(f"seeded {args.keberatan} + {args.keberatan // 4} keberatan in "
              f"{time.perf_counter() - t0:.1f} s")
        client = rt.create_app().test_client()
        admin = minter.headers("admin-bench", roles=["admin_instansi"], instansi_id=INSTANSI)
        raw = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"),
                              autocommit=True)
        print(f"\n{'query':28} {'API GET /keberatan (page 50 + total)':42} raw SQL (count + page)")
        for label, qs, where, params in QUERIES:
            params = {**params, "instansi": INSTANSI}
            if "terbuka" in params:
                params["batas"] = datetime.now(timezone.utc) - timedelta(days=30)
            api, sql, total = [], [], None
            for _ in range(args.repeat):
                s = time.perf_counter()
                r = client.get("/keberatan", query_string=qs, headers=admin)
                api.append(time.perf_counter() - s)
                assert r.status_code == 200, r.json
                total = json.loads(r.headers["X-Pagination"])["total"]
                s = time.perf_counter()
                with raw.cursor() as cur:
                    base = f"FROM keberatan WHERE instansi_id = %(instansi)s{where}"
                    cur.execute(f"SELECT count(*) {base}", params)
                    n = cur.fetchone()[0]
                    cur.execute(f"SELECT {KOLOM} {base} ORDER BY diajukan_at DESC, id "
                                "LIMIT 50 OFFSET 0", params)
                    cur.fetchall()
                sql.append(time.perf_counter() - s)
            assert n == total, (label, n, total)
            print(f"{label + f' ({total})':28} {ms(api):42} {ms(sql)}")
        api, sql = [], []
        for _ in range(args.repeat):
            s = time.perf_counter()
            r = client.get("/keberatan/rekap", query_string={"tahun": 2025}, headers=admin)
            api.append(time.perf_counter() - s)
            s = time.perf_counter()
            with raw.cursor() as cur:
                cur.execute("SELECT status, count(*) FROM keberatan WHERE instansi_id = %s "
                            "AND tahun = 2025 GROUP BY status", (INSTANSI,))
                cur.fetchall()
            sql.append(time.perf_counter() - s)
        print(f"{'rekap (counts per status)':28} {ms(api):42} {ms(sql)}")
        raw.close()
    finally:
        rt.dispose()
        servers.drop_database(url)


# -- 2. decision -> PredikatFinal revisi + 1 over RabbitMQ -----------------------------------
class Pembaca:
    """A reader of PredikatFinal: when each (penilaian, revisi) was committed."""

    def __init__(self) -> None:
        self.waktu: dict[tuple[str, int], float] = {}
        self.cv = threading.Condition()

    def handle(self, payload, _envelope, _uow) -> None:
        with self.cv:
            self.waktu[(payload.penilaian_id, payload.revisi)] = time.perf_counter()
            self.cv.notify_all()

    def tunggu(self, kunci, timeout=60.0) -> float:
        with self.cv:
            if not self.cv.wait_for(lambda: kunci in self.waktu, timeout):
                raise TimeoutError(kunci)
            return self.waktu[kunci]


def _env(payload, agg):
    return EventEnvelope.wrap(payload, aggregate_id=agg, instansi_id=INSTANSI).to_json()


def bench_keputusan(args, minter, tmp_dir: str) -> None:
    vhost = servers.create_vhost(servers.amqp_server_url(), "keberatan-bench")
    urls = [servers.create_database(servers.postgres_server_url(), f"kbench_{s}")
            for s in ("penilaian", "keberatan")]
    publishers = [RabbitPublisher(vhost), RabbitPublisher(vhost)]
    rts = [make_test_runtime(s, u, publisher=p, key_source=minter.key_source, bus="rabbitmq",
                             amqp_url=vhost, check_http_conventions=False)
           for s, u, p in zip(("penilaian", "keberatan"), urls, publishers)]
    pen_rt, keb_rt = rts
    pembaca = Pembaca()
    metadata = naming_metadata()
    add_messaging_tables(metadata)
    reader_engine = make_engine(f"sqlite:///{tmp_dir}/pembaca.db")
    metadata.create_all(reader_engine)
    reader = EventDispatcher("pembaca-bench", lambda: UnitOfWork(
        make_session_factory(reader_engine)), {"PredikatFinal": pembaca.handle})
    consumers = [RabbitConsumer(vhost, "penilaian", pen_rt.dispatcher, prefetch=50),
                 RabbitConsumer(vhost, "keberatan", keb_rt.dispatcher, prefetch=50),
                 RabbitConsumer(vhost, "pembaca-bench", reader, prefetch=50)]
    try:
        for rt in rts:
            rt.declare_topology()
        for c in consumers:
            c.start()
            assert c.wait_ready(30)
        for rt in rts:
            rt.relay.start()
        n = args.decisions
        for payload, agg in (
                (idev.PeriodeDiperbarui(id="per-b", instansi_id=INSTANSI, tahun=2099,
                                        nama="Tahunan", awal=date(2099, 1, 1),
                                        akhir=date(2099, 12, 31),
                                        batas_pengisian=date(2100, 1, 31), final=True,
                                        revisi=1), "per-b"),):
            pen_rt.dispatcher.handle(_env(payload, agg))
        pen_c, keb_c = pen_rt.create_app().test_client(), keb_rt.create_app().test_client()
        kepala = minter.headers("kepala", instansi_id=INSTANSI)
        ids = []
        for i in range(n):
            peg = f"staf-{i}"
            pen_rt.dispatcher.handle(_env(idev.PegawaiDiperbarui(
                id=peg, instansi_id=INSTANSI, nama=f"Staf {i}", revisi=1), peg))
            pen_rt.dispatcher.handle(_env(skpev.SkpDisetujui(
                skp_id=f"skp-{i}", instansi_id=INSTANSI, pegawai=PegawaiRingkas(
                    id=peg, nama=f"Staf {i}"), jenis="JF_JA", pendekatan="KUANTITATIF",
                model="PERMENPAN_6_2022", periode_awal=date(2099, 1, 1),
                periode_akhir=date(2099, 12, 31),
                pejabat_penilai=PegawaiRingkas(id="kepala", nama="Kepala"),
                atasan_pejabat_penilai=PegawaiRingkas(id="atasan", nama="Atasan")), f"skp-{i}"))
            [pen] = pen_c.get("/penilaian", query_string={"pegawai_id": peg},
                              headers=kepala).json
            pen_c.put(f"/penilaian/{pen['id']}/rating", headers=kepala, json={
                "rating_hasil_kerja": SESUAI, "rating_perilaku": DI_BAWAH})
            assert pen_c.post(f"/penilaian/{pen['id']}/tetapkan",
                              headers=kepala).status_code == 200
            ids.append((peg, pen["id"]))
        for peg, pid in ids:
            pembaca.tunggu((pid, 1))
        kbs = []
        for peg, pid in ids:
            h = minter.headers(peg, instansi_id=INSTANSI)
            deadline = time.monotonic() + 60
            while True:
                r = keb_c.post("/keberatan", headers=h, json={
                    "penilaian_id": pid, "alasan": "x", "rating_perilaku_diminta": SESUAI})
                if r.status_code == 201 or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            assert r.status_code == 201, r.json
            keb_c.post(f"/keberatan/{r.json['id']}/penjelasan", headers=kepala,
                       json={"penjelasan": "y"})
            kbs.append((pid, r.json["id"]))
        atasan = minter.headers("atasan", instansi_id=INSTANSI)
        lat = []
        for pid, kid in kbs:
            s = time.perf_counter()
            r = keb_c.post(f"/keberatan/{kid}/keputusan", headers=atasan, json={
                "keputusan": "DISETUJUI", "uraian": "ok", "rating_perilaku": SESUAI})
            assert r.status_code == 200, r.json
            lat.append(pembaca.tunggu((pid, 2)) - s)
        raw = raw_two_hops(vhost, n)
        print(f"\ndecision -> PredikatFinal revisi 2 at a reader ({n} decisions, one at a time)")
        print(f"  Kinerja (POST keputusan, 2 relays, 2 consumers): {ms(lat)}")
        print(f"  raw pika, same two hops:                          {ms(raw)}")
    finally:
        for rt in rts:
            rt.relay.stop()
        for c in consumers:
            c.stop()
        for p in publishers:
            p.close()
        for rt in rts:
            rt.dispose()
        reader_engine.dispose()
        for u in urls:
            servers.drop_database(u)
        servers.delete_vhost(vhost)


def raw_two_hops(vhost: str, n: int) -> list[float]:
    """publish (confirmed, persistent) -> quorum queue A -> a consumer republishes (confirmed)
    -> quorum queue B -> a consumer; one message at a time."""
    params = connection_parameters(vhost)
    setup = pika.BlockingConnection(params)
    ch = setup.channel()
    for q in ("raw-a", "raw-b"):
        ch.queue_declare(q, durable=True, arguments={"x-queue-type": "quorum"})
    setup.close()
    diterima: dict[str, float] = {}
    cv = threading.Condition()
    stop = threading.Event()

    def hop(src: str, dst: str | None) -> None:
        conn = pika.BlockingConnection(params)
        c = conn.channel()
        c.confirm_delivery()
        c.basic_qos(prefetch_count=50)
        for method, _props, body in c.consume(src, inactivity_timeout=0.05):
            if stop.is_set():
                break
            if method is None:
                continue
            if dst is not None:
                c.basic_publish("", dst, body, pika.BasicProperties(delivery_mode=2))
            else:
                with cv:
                    diterima[body.decode()] = time.perf_counter()
                    cv.notify_all()
            c.basic_ack(method.delivery_tag)
        conn.close()

    threads = [threading.Thread(target=hop, args=a, daemon=True)
               for a in (("raw-a", "raw-b"), ("raw-b", None))]
    for t in threads:
        t.start()
    conn = pika.BlockingConnection(params)
    pub = conn.channel()
    pub.confirm_delivery()
    out = []
    for i in range(n):
        key = f"m{i}"
        s = time.perf_counter()
        pub.basic_publish("", "raw-a", key.encode(), pika.BasicProperties(delivery_mode=2))
        with cv:
            cv.wait_for(lambda: key in diterima, 30)
            out.append(diterima[key] - s)
    stop.set()
    conn.close()
    for t in threads:
        t.join(5)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keberatan", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--decisions", type=int, default=60)
    args = parser.parse_args()
    minter = TokenMinter()
    print(f"keberatan bench: Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.2f} at start")
    bench_monitoring(args, minter)
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        bench_keputusan(args, minter, tmp)
    print(f"load {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
