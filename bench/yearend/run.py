"""The year end, stage by stage, through the public API (the gateway) and the events only.

Stages (each timed; throughput next to the raw baseline of the services' own benchmarks):

 1. instansi, its admin_instansi, TRIWULAN periods (4 + final) through identity's API;
 2. SIASN pull (integration -> RabbitMQ -> identity): units, heads, pegawai;
 3. PLT for the vacant units and a few PLH, through identity's API;
 4. approved SKPs seeded below the API, published by ``kinerja republish skp``, until
    penilaian holds every penilaian (4 quarters + the final period per SKP);
 5. passwords for the pejabat penilai and for the pegawai who will file keberatan (admin
    resets, argon2);
 6. capaian organisasi final for each unor induk (final period);
 7. bulk rating per pejabat penilai (``POST /penilaian/rating-massal``, final period);
 8. tetapkan-massal per pejabat penilai (PredikatDitetapkan + PredikatFinal of each);
 9. 1 % of the pegawai file keberatan; the pejabat penilai explains; the atasan decides, half
    approved (a higher rating: a new predikat revision -> AK correction);
10. angka kredit for the JF (drafted by angka-kredit from PredikatFinal): ajukan-massal (the
    admin), setujui-massal and tandatangani-massal (each pejabat penilai) through the API;
11. SIASN push of the predikat and of the angka kredit (integration jobs);
12. PENILAIAN_SKP and ANGKA_KREDIT Excel reports of the instansi (reporting jobs);
13. bulk Dokumen Evaluasi for one unor induk (reporting jobs).
"""
from __future__ import annotations

import hashlib
import json
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import psycopg

from . import world
from .client import Api, ApiError
from .cluster import Cluster, wait_until

PASSWORD = "rahasia-akhir-tahun"
ADMIN_INSTANSI_NIP = "198001012005011001"
THREADS = 4
MASSAL = 500  # penilaian per tetapkan-massal call


@dataclass
class Stage:
    name: str
    seconds: float
    items: int
    unit: str
    baseline: str = ""
    baseline_rate: float | None = None
    cpu: dict = field(default_factory=dict)  # CPU seconds per part of the suite in the stage


@dataclass
class YearEnd:
    cluster: Cluster
    scale: world.Scale
    seed: int
    log: callable = print
    stages: list[Stage] = field(default_factory=list)
    ctx: dict = field(default_factory=dict)

    def __post_init__(self):
        self.api = Api(self.cluster.urls["gateway"])
        self.api.password[self.cluster.admin_nip] = self.cluster.admin_password

    # ---- helpers -------------------------------------------------------------------------
    def stage(self, name, items_fn, unit, baseline="", baseline_rate=None):
        def wrap(fn):
            from .load import groups, tree_cpu
            t0 = time.monotonic()
            self.log(f"[{time.strftime('%H:%M:%S')}] {name} ...")
            cpu0 = tree_cpu(groups(self.cluster))
            result = fn()
            dt = time.monotonic() - t0
            cpu1 = tree_cpu(groups(self.cluster))
            # a process restarted in the stage counts from 0 again: keep what is positive
            cpu = {k: round(cpu1[k] - cpu0.get(k, 0), 1) for k in cpu1
                   if cpu1[k] - cpu0.get(k, 0) > 0}
            cpu = dict(sorted(cpu.items(), key=lambda kv: -kv[1]))
            items = items_fn(result) if callable(items_fn) else items_fn
            self.stages.append(Stage(name, dt, items, unit, baseline, baseline_rate, cpu))
            top = ", ".join(f"{k} {v:.0f}" for k, v in list(cpu.items())[:4])
            self.log(f"[{time.strftime('%H:%M:%S')}] {name}: {dt:.1f} s, {items:,} {unit}; "
                     f"CPU s: {top}")
            return result
        return wrap

    def sql(self, service: str, query: str, params=()):
        def once():
            with psycopg.connect(self.cluster.db_url(service), connect_timeout=5) as c:
                return c.execute(query, params).fetchall()
        last = None
        for _ in range(60):
            try:
                return once()
            except psycopg.OperationalError as exc:  # PostgreSQL restarting (chaos)
                last = exc
                time.sleep(2)
        raise last

    def admin(self) -> str:
        return self.api.login(self.cluster.admin_nip)

    def adm(self) -> str:
        return self.api.login(ADMIN_INSTANSI_NIP, PASSWORD)

    def parallel(self, fn, items, threads=THREADS):
        with ThreadPoolExecutor(threads) as pool:
            return list(pool.map(fn, items))

    # ---- stages --------------------------------------------------------------------------
    def run(self) -> None:
        units, people, vacant = self.ctx["siasn"]
        self.stage("1 instansi, admin, periods (API)", 1, "instansi")(self.instansi)
        self.stage("2 SIASN pull -> identity (integration job, events)",
                   len(units) + len(people), "records",
                   "raw read of the same pages 23,818 records/s; integration bench pull "
                   "463 records/s", 463)(self.pull)
        self.stage("3 PLT/PLH (API)", lambda r: r, "assignments")(self.plt_plh)
        self.stage("4 approved SKPs below the API -> republish -> penilaian",
                   lambda r: r, "penilaian rows",
                   "penilaian bench handle_batch 1,319 SkpDisetujui/s (5 rows each here: "
                   "~6,600 rows/s)", 6600)(self.skp)
        self.stage("5 passwords (admin resets, argon2)", lambda r: r, "pegawai")(self.passwords)
        self.stage("6 capaian organisasi final per unor induk", lambda r: r, "unor induk")(
            self.capaian)
        self.stage("7 bulk rating per pejabat penilai", lambda r: r, "penilaian",
                   "penilaian bench rating-massal 4,999 items in 1,677 ms: 2,981/s", 2981)(
            self.rating)
        self.stage("8 tetapkan-massal per pejabat penilai", lambda r: r, "penilaian",
                   "penilaian bench: tetapkan-massal of 4,999 in process 6.7 s: 745/s", 745)(
            self.tetapkan)
        self.stage("9 keberatan: file, explain, decide (half approved)", lambda r: r,
                   "keberatan")(self.keberatan)
        self.stage("10 angka kredit JF: drafted by events, ajukan/setujui/tandatangani",
                   lambda r: r, "AK rows",
                   "AK bench handle_batch 357 PredikatFinal/s; raw insert 8,433 rows/s",
                   357)(self.angka_kredit)
        self.stage("11 SIASN push: predikat and angka kredit", lambda r: r, "records",
                   "integration bench: the client saving directly 416 records/s", 416)(
            self.push)
        self.stage("12 Excel PENILAIAN_SKP + ANGKA_KREDIT", lambda r: r, "rows",
                   "reporting bench: raw xlsxwriter 65,000 rows in 6.53 s: 9,954 rows/s",
                   9954)(self.excel)
        self.stage("13 bulk Dokumen Evaluasi, one unor induk", lambda r: r, "documents",
                   "reporting bench: raw reportlab 8.9 docs/s per process (x2 workers)",
                   17.8)(self.documents)
        self.stage("14 quiescence: every queue and outbox empty", 0, "")(self.settle)

    def instansi(self):
        admin = self.admin()
        inst = self.api.json("POST", "/api/identity/instansi", token=admin,
                             json={"nama": "Pemerintah Provinsi DKI Jakarta (uji akhir tahun)",
                                   "kode": "DKI-UJI"}, accept=(409,))
        if inst is None or "id" not in inst:
            inst = [i for i in self.api.json("GET", "/api/identity/instansi", token=admin)
                    if i["kode"] == "DKI-UJI"][0]
        self.ctx["instansi_id"] = iid = inst["id"]
        self.api.call("PATCH", f"/api/identity/instansi/{iid}", token=admin, json={
            "pengaturan": {"skema_periode": "TRIWULAN", "jendela_keberatan_hari": 14}})
        # the admin_instansi sits in the Sekretariat Daerah, made here with SIASN's unit id as
        # its kode, so the pull adopts the unit instead of making a second one
        setda = self.ctx["siasn"][0][0]
        unor = self.api.json("POST", "/api/identity/unor", token=admin, accept=(409,), json={
            "instansi_id": iid, "nama": setda["NamaUnor"], "kode": setda["Id"]})
        if not unor or "id" not in unor:
            unor = self.api.json("GET", "/api/identity/unor", token=admin,
                                 params={"instansi_id": iid, "kode": setda["Id"]})[0]
        self.api.call("POST", "/api/identity/pegawai", token=admin, accept=(409,), json={
            "nip": ADMIN_INSTANSI_NIP, "nama": "Admin Kepegawaian", "unor_id": unor["id"],
            "roles": ["admin_instansi"], "password": PASSWORD})
        self.api.call("POST", "/api/identity/periode/generate", token=admin, accept=(409,),
                      json={"instansi_id": iid, "tahun": world.TAHUN, "skema": "TRIWULAN"})
        periods = self.api.json("GET", "/api/identity/periode", token=admin,
                                params={"instansi_id": iid, "tahun": world.TAHUN})
        self.ctx["periode_final"] = [p for p in periods if p["final"]][0]["id"]
        self.ctx["periods"] = len(periods)

    def pull(self):
        adm = self.adm()
        self.api.call("PUT", "/api/integration/pengaturan", token=adm,
                      json={"siasn_instansi_id": world.SIASN_INSTANSI})
        r = self.api.call("POST", "/api/integration/siasn/sinkron", token=adm,
                          json={"jenis": "UNOR_DAN_PEGAWAI"}, accept=(409,))
        units, people, _ = self.ctx["siasn"]
        want = len(people) + 1  # the admin_instansi
        iid = self.ctx["instansi_id"]
        wait_until(lambda: self.sql("identity", "SELECT count(*) FROM pegawai WHERE "
                                    "instansi_id = %s", (iid,))[0][0] >= want,
                   timeout=7200, interval=2, what="identity holding every pegawai")
        # every read model the later stages need (skp resolves pejabat penilai from its own)
        wait_until(lambda: self.sql("skp", "SELECT count(*) FROM pegawai_ref WHERE "
                                    "instansi_id = %s", (iid,))[0][0] >= want,
                   timeout=7200, interval=2, what="skp's read model")
        self.ctx["sinkron"] = r.status_code

    def plt_plh(self):
        units, people, vacant = self.ctx["siasn"]
        adm, iid = self.adm(), self.ctx["instansi_id"]
        ids = dict(self.sql("identity", "SELECT kode, id FROM unor WHERE instansi_id = %s",
                            (iid,)))
        peg = dict(self.sql("identity", "SELECT nip, id FROM pegawai WHERE instansi_id = %s",
                            (iid,)))
        head_of = {u["Id"]: u["PemimpinPnsId"] for u in units}
        nip_of = {p["id"]: p["nipBaru"] for p in people}
        by_id = {u["Id"]: u for u in units}
        jobs = []
        for uid in sorted(vacant):  # PLT: the head of the unit above
            atas = by_id[uid]["DiatasanId"]
            while atas and head_of.get(atas) is None:
                atas = by_id[atas]["DiatasanId"]
            if atas:
                jobs.append({"pegawai_id": peg[nip_of[head_of[atas]]], "unor_id": ids[uid],
                             "jenis": "PLT", "mulai": f"{world.TAHUN}-01-01",
                             "jabatan": f"Plt. {by_id[uid]['NamaJabatan']}"})
        rng = random.Random(f"plh:{self.seed}")
        staffed = [u for u in units[self.scale.induk:] if u["Id"] not in vacant
                   and u["DiatasanId"] and head_of.get(u["DiatasanId"])]
        for u in rng.sample(staffed, min(len(staffed), max(1, round(len(units) *
                                                                     world.PLH_SHARE)))):
            jobs.append({"pegawai_id": peg[nip_of[head_of[u["DiatasanId"]]]],
                         "unor_id": ids[u["Id"]], "jenis": "PLH",
                         "mulai": f"{world.TAHUN}-11-01", "selesai": f"{world.TAHUN}-11-30",
                         "jabatan": f"Plh. {u['NamaJabatan']}"})
        existing = self.sql("identity", "SELECT count(*) FROM plt_plh")[0][0]
        if existing < len(jobs):  # a rerun after a crash does not add them twice
            self.parallel(lambda j: self.api.call("POST", "/api/identity/plt-plh", token=adm,
                                                  json=j), jobs)
        wait_until(lambda: self.sql("skp", "SELECT count(*) FROM plt_plh_ref")[0][0]
                   >= len(jobs), timeout=600, interval=1, what="PLT/PLH in skp's read model")
        return len(jobs)

    def skp(self):
        iid = self.ctx["instansi_id"]
        got = world.seed_skp(self.cluster.db_url("skp"), iid)
        self.ctx["skp"] = got["skp"]
        self.log(f"    seeded below the API: {got['skp']:,} approved SKPs "
                 f"({got['penilai']:,} pejabat penilai)")
        self.cluster.kinerja("skp", "republish", "skp", timeout=3600)
        want = got["skp"] * self.ctx["periods"]
        wait_until(lambda: self.sql("penilaian", "SELECT count(*) FROM penilaian")[0][0]
                   >= want, timeout=7200, interval=2, what="penilaian rows")
        return want

    def _final_rows(self):
        """(penilaian id, pegawai nip, penilai id, atasan id, unor id) of the final period,
        read from penilaian's rows to plan the calls (the calls themselves go through the
        API)."""
        return self.sql("penilaian", """
            SELECT p.id, a.nip, p.pejabat_penilai_id, pp.nip, p.atasan_pejabat_penilai_id,
                   ap.nip
            FROM penilaian p JOIN pegawai_ref a ON a.id = p.pegawai_id
            LEFT JOIN pegawai_ref pp ON pp.id = p.pejabat_penilai_id
            LEFT JOIN pegawai_ref ap ON ap.id = p.atasan_pejabat_penilai_id
            WHERE p.periode_id = %s ORDER BY a.nip""", (self.ctx["periode_final"],))

    def passwords(self):
        adm, iid = self.adm(), self.ctx["instansi_id"]
        rows = self._final_rows()
        self.ctx["final"] = rows
        penilai = {r[3] for r in rows} | {r[5] for r in rows if r[5]}
        filers = [r for r in rows if r[5] and world.chosen(r[1], self.seed, "keberatan", 0.01)]
        self.ctx["filers"] = filers
        nips = sorted(penilai | {r[1] for r in filers})
        peg = dict(self.sql("identity", "SELECT nip, id FROM pegawai WHERE instansi_id = %s",
                            (iid,)))

        def reset(nip):
            self.api.call("POST", f"/api/identity/pegawai/{peg[nip]}/password", token=adm,
                          json={"password_baru": PASSWORD})
            self.api.password[nip] = PASSWORD
        self.parallel(reset, nips)
        return len(nips)

    def capaian(self):
        adm, iid, per = self.adm(), self.ctx["instansi_id"], self.ctx["periode_final"]
        induk = [r[0] for r in self.sql("identity", "SELECT id FROM unor WHERE instansi_id = %s "
                                        "AND unor_induk_id IS NULL ORDER BY kode", (iid,))]

        def one(uid):
            r = self.api.call("POST", "/api/penilaian/capaian-organisasi", token=adm,
                              accept=(409,), json={"periode_id": per, "unor_induk_id": uid,
                                                   "capaian": "BAIK"})
            cid = r.json().get("id")
            if not cid:
                cid = [c for c in self.api.json("GET", "/api/penilaian/capaian-organisasi",
                                                token=adm, params={"periode_id": per})
                       if c["unor_induk_id"] == uid][0]["id"]
            self.api.call("POST", f"/api/penilaian/capaian-organisasi/{cid}/final", token=adm,
                          accept=(409,))
        self.parallel(one, induk)
        self.ctx["induk"] = induk
        return len(induk)

    def rating(self):
        rows = self.ctx["final"]
        by_penilai: dict[str, list] = {}
        for r in rows:
            by_penilai.setdefault(r[3], []).append(r)
        pimpinan_induk = {p["nipBaru"] for p in self.ctx["siasn"][1]
                          if p["unorId"] in {u["Id"] for u in self.ctx["siasn"][0]
                                             if u["IndukUnorId"] is None}
                          and p["jenisJabatanId"] == "1"}

        def one(penilai_nip):
            token = self.api.login(penilai_nip)
            items = []
            for pid, nip, *_ in by_penilai[penilai_nip]:
                rh, rp = world.ratings_for(nip, self.seed)
                items.append({"penilaian_id": pid, "rating_perilaku": rp,
                              "rating_hasil_kerja": None if nip in pimpinan_induk else rh})
            self.api.call("POST", "/api/penilaian/penilaian/rating-massal", token=token, json={
                "items": items, "dry_run": False,
                "justifikasi": "Sesuai hasil evaluasi kinerja akhir tahun."}, accept=(409,))
        self.parallel(one, sorted(by_penilai))
        return len(rows)

    def tetapkan(self):
        """``POST /penilaian/tetapkan-massal`` per pejabat penilai (the "Tetapkan semua" after
        his bulk rating), up to ``MASSAL`` penilaian a call."""
        rows = self.ctx["final"]
        calls = []
        by_penilai: dict[str, list] = {}
        for r in rows:
            by_penilai.setdefault(r[3], []).append(r[0])
        for nip in sorted(by_penilai):
            ids = by_penilai[nip]
            calls += [(nip, ids[i:i + MASSAL]) for i in range(0, len(ids), MASSAL)]
        took = []

        def one(call):
            nip, ids = call
            token = self.api.login(nip)
            t0 = time.monotonic()
            # 409: already DITETAPKAN (a retried call whose first answer was lost; all or
            # nothing, so the first call set them all)
            self.api.call("POST", "/api/penilaian/penilaian/tetapkan-massal", token=token,
                          json={"penilaian_ids": ids}, accept=(409,))
            took.append(time.monotonic() - t0)
        self.parallel(one, calls)
        took.sort()
        self.log(f"    {len(calls)} calls, one as the client sees it: p50 "
                 f"{took[len(took) // 2] * 1000:.0f} ms, p95 "
                 f"{took[int(len(took) * 0.95)] * 1000:.0f} ms ({THREADS} threads)")
        return len(rows)

    def keberatan(self):
        filers = self.ctx["filers"]
        # PredikatFinal must have reached keberatan before a pegawai can object
        want = {r[0] for r in filers}
        wait_until(lambda: self.sql("keberatan", "SELECT count(*) FROM predikat_ref WHERE "
                                    "penilaian_id = ANY(%s)", (list(want),))[0][0] >= len(want),
                   timeout=3600, interval=2, what="predikat in keberatan")

        def one(r):
            pid, nip, _, penilai_nip, _, atasan_nip = r
            token = self.api.login(nip)
            resp = self.api.call("POST", "/api/keberatan/keberatan", token=token, accept=(409,),
                                 json={"penilaian_id": pid, "alasan": "Capaian kerja saya "
                                       "melampaui target; mohon ditinjau kembali.",
                                       "rating_hasil_kerja_diminta": "DI_ATAS_EKSPEKTASI",
                                       "rating_perilaku_diminta": "DI_ATAS_EKSPEKTASI"})
            kid = resp.json().get("id") or resp.json().get("keberatan_id")
            self.api.call("POST", f"/api/keberatan/keberatan/{kid}/penjelasan",
                          token=self.api.login(penilai_nip), accept=(409,),
                          json={"penjelasan": "Penilaian sudah sesuai bukti kinerja."})
            setuju = world.chosen(nip, self.seed, "setuju", 0.5)
            body = {"keputusan": "DISETUJUI" if setuju else "DITOLAK",
                    "uraian": "Bukti dukung diperiksa oleh atasan pejabat penilai."}
            if setuju:
                body.update(rating_hasil_kerja="DI_ATAS_EKSPEKTASI",
                            rating_perilaku="DI_ATAS_EKSPEKTASI")
            self.api.call("POST", f"/api/keberatan/keberatan/{kid}/keputusan",
                          token=self.api.login(atasan_nip), accept=(409,), json=body)
            return setuju
        got = self.parallel(one, filers)
        self.ctx["keberatan_setuju"] = sum(got)
        # the approvals' new predikat revisions must reach penilaian
        wait_until(lambda: self.sql("penilaian", "SELECT count(*) FROM penilaian WHERE "
                                    "periode_id = %s AND revisi > 1",
                                    (self.ctx["periode_final"],))[0][0] >= sum(got),
                   timeout=3600, interval=2, what="approved keberatan applied in penilaian")
        return len(filers)

    def angka_kredit(self):
        adm = self.adm()
        jf = {p["nipBaru"] for p in self.ctx["siasn"][1] if p["jenisJabatanId"] == "2"}
        final_jf = [r for r in self.ctx["final"] if r[1] in jf]
        # each JF pegawai's AK rows of the year, corrections of approved keberatan included
        wait_until(lambda: self.sql("angka_kredit", "SELECT count(DISTINCT pegawai_id) FROM "
                                    "angka_kredit WHERE aktif")[0][0] >= len(final_jf),
                   timeout=7200, interval=2, what="AK rows for every JF")
        self.settle_queues()
        penilai_of = {r[1]: r[3] for r in self.ctx["final"]}
        rows = self.sql("angka_kredit", "SELECT id, nip FROM angka_kredit WHERE "
                        "aktif AND status = 'DRAFT' ORDER BY nip, awal, akhir, id")

        numbered = [(nomor, aid, nip) for nomor, (aid, nip) in enumerate(rows, 1)]
        # ajukan by the admin (manual numbers), then setujui and tandatangani by each row's
        # pejabat penilai: the bulk endpoints, up to MASSAL rows a call; 409 is a retried call
        # whose first answer was lost (all or nothing: the first call did it all)
        calls = [numbered[i:i + MASSAL] for i in range(0, len(numbered), MASSAL)]

        def ajukan(chunk):
            self.api.call("POST", "/api/angka-kredit/angka-kredit/ajukan-massal", token=adm,
                          accept=(409,), json={
                              "items": [{"angka_kredit_id": aid,
                                         "nomor_sk": f"800/{nomor}/PAK/{world.TAHUN}"}
                                        for nomor, aid, _ in chunk],
                              "tempat": "Jakarta", "tanggal_sk": f"{world.TAHUN}-12-15"})
        self.parallel(ajukan, calls)
        by_penilai: dict[str, list] = {}
        for _, aid, nip in numbered:
            by_penilai.setdefault(penilai_of[nip], []).append(aid)
        calls = [(nip, ids[i:i + MASSAL]) for nip, ids in sorted(by_penilai.items())
                 for i in range(0, len(ids), MASSAL)]

        def sahkan(call):
            nip, ids = call
            pen = self.api.login(nip)
            self.api.call("POST", "/api/angka-kredit/angka-kredit/setujui-massal", token=pen,
                          accept=(409,), json={"angka_kredit_ids": ids})
            self.api.call("POST", "/api/angka-kredit/angka-kredit/tandatangani-massal",
                          token=pen, accept=(409,),
                          json={"angka_kredit_ids": ids, "metode": "TTE"})
        self.parallel(sahkan, calls)
        return len(rows)

    def _job(self, path: str, body: dict, token: str, status_path=None, timeout=7200):
        r = self.api.call("POST", path, token=token, json=body, accept=(409, 429))
        loc = r.headers.get("Location") or ""
        jid = (r.json() or {}).get("id")
        url = status_path(jid) if status_path else (loc.split("/api/", 1)[-1] if loc else None)
        url = "/api/" + url if url and not url.startswith("/") else url

        def done():
            got = self.api.json("GET", url, token=token)
            if got["status"] in ("SELESAI", "GAGAL"):
                return got
            return None
        return wait_until(done, timeout=timeout, interval=1, what=f"job {path}")

    def push(self):
        self.settle_queues()
        adm = self.adm()
        total = 0
        for kind in ("sinkron-predikat", "sinkron-angka-kredit"):
            got = self._job(f"/api/integration/siasn/{kind}", {"tahun": world.TAHUN,
                                                                "pratinjau": False}, adm,
                            status_path=lambda j, k=kind: f"/api/integration/siasn/{k}/{j}")
            self.log(f"    {kind}: {got['status']} {got.get('jumlah')}")
            if got["status"] != "SELESAI":
                raise ApiError(f"{kind} ended {got}")
            jumlah = got.get("jumlah") or {}
            total += jumlah.get("berhasil", 0) + jumlah.get("gagal", 0)
        return total

    def excel(self):
        adm = self.adm()
        rows = 0
        for jenis in ("PENILAIAN_SKP", "ANGKA_KREDIT"):
            try:
                got = self._job("/api/reporting/laporan", {"jenis": jenis, "tahun": world.TAHUN},
                                adm, status_path=lambda j: f"/api/reporting/laporan/{j}")
            except ApiError as exc:
                if "jenis" in str(exc) and "422" in str(exc):  # reporting has no such report
                    self.log(f"    {jenis}: not offered by reporting in this release (422)")
                    self.ctx.setdefault("missing", []).append(f"laporan {jenis}")
                    continue
                raise
            if got["status"] != "SELESAI":
                raise ApiError(f"laporan {jenis}: {got}")
            self.log(f"    {jenis}: {got.get('baris')} rows, {got['berkas']['ukuran']:,} bytes")
            rows += got.get("baris") or 0
        return rows

    def documents(self):
        adm = self.adm()
        induk = self.ctx["induk"][1] if len(self.ctx["induk"]) > 1 else self.ctx["induk"][0]
        got = self._job("/api/reporting/cetak/massal", {
            "jenis": "EVALUASI", "unor_induk_id": induk, "tahun": world.TAHUN,
            "periode_id": self.ctx["periode_final"]}, adm,
            status_path=lambda j: f"/api/reporting/cetak/massal/{j}")
        if got["status"] != "SELESAI":
            raise ApiError(f"cetak massal: {got}")
        return got.get("total") or got.get("selesai") or 0

    # ---- quiescence, dead letters ----------------------------------------------------------
    def queue_depths(self) -> dict[str, tuple[int, int]]:
        out = {}
        text = self.cluster.rabbitmqctl("list_queues", "name", "messages_ready",
                                        "messages_unacknowledged", "--no-table-headers")
        for line in text.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1].isdigit():
                out[parts[0]] = (int(parts[1]), int(parts[2]))
        return out

    def settle_queues(self, timeout=3600):
        from .cluster import SERVICES

        def quiet():
            for s in SERVICES:
                if self.sql(s, "SELECT count(*) FROM outbox")[0][0]:
                    return False
            depths = self.queue_depths()
            return depths and all(r + u == 0 for name, (r, u) in depths.items()
                                  if not name.endswith(".dead") and not name.endswith(".jobs")
                                  and not name.startswith("celery"))
        wait_until(quiet, timeout=timeout, interval=2, what="queues and outboxes empty")
        time.sleep(3)
        wait_until(quiet, timeout=timeout, interval=2, what="queues and outboxes empty")

    def settle(self):
        self.settle_queues()


# ---- end state ---------------------------------------------------------------------------
def checksum(ye: YearEnd) -> dict:
    """Counts and SHA-256 of what the year end leaves, keyed by NIP (ids are random per run):
    the final period's predikat, the active angka kredit, the records SIASN holds."""
    per = ye.ctx["periode_final"]
    pred = ye.sql("penilaian", """
        SELECT a.nip, p.status, p.rating_hasil_kerja, p.rating_perilaku, p.predikat, p.revisi
        FROM penilaian p JOIN pegawai_ref a ON a.id = p.pegawai_id
        WHERE p.periode_id = %s ORDER BY 1""", (per,))
    ak = ye.sql("angka_kredit", """
        SELECT nip, tahun, awal, akhir, bulan, predikat, predikat_revisi, angka_kredit::text,
               status, aktif
        FROM angka_kredit ORDER BY 1, 2, 3, 4, 7, 10""")
    import requests
    siasn = []
    for jenis in ("skp22", "kinerjaperiodik", "angkakredit"):
        off = 0
        while True:
            items = requests.get(ye.cluster.urls["siasn"] + "/_sandbox/riwayat",
                                 params={"jenis": jenis, "limit": 5000, "offset": off},
                                 timeout=120).json()
            if not items:
                break
            siasn += [{**i, "jenis": jenis} for i in items]
            off += len(items)
    nip_of_pns = {p["id"]: p["nipBaru"] for p in ye.ctx["siasn"][1]}
    recs = sorted(_siasn_key(r, nip_of_pns) for r in siasn)

    def h(rows):
        return hashlib.sha256(json.dumps([list(r) for r in rows], default=str)
                              .encode()).hexdigest()[:16]
    counts = {}
    for r in pred:
        counts[r[4] or "-"] = counts.get(r[4] or "-", 0) + 1
    return {"predikat": {"n": len(pred), "per_predikat": dict(sorted(counts.items())),
                         "sha256": h(pred)},
            "angka_kredit": {"n": len(ak), "aktif": sum(1 for r in ak if r[9]),
                             "sha256": h(ak)},
            "siasn": {"n": len(recs), "sha256": h(recs)}}


def _siasn_key(r: dict, nip_of_pns: dict) -> tuple:
    body = r.get("body") or {}
    if isinstance(body, str):
        body = json.loads(body)
    keep = {k: v for k, v in sorted(body.items())
            if k not in ("id", "pnsDinilaiId", "pnsId", "path", "penilaiId")}
    return (r.get("jenis"), r.get("nip") or nip_of_pns.get(r.get("pns_id")), r.get("versi"),
            json.dumps(keep, sort_keys=True, default=str))


def dead_letters(ye: YearEnd) -> dict[str, int]:
    return {name: r + u for name, (r, u) in ye.queue_depths().items()
            if name.endswith(".dead") and r + u}
