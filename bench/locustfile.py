"""The morning peak as Locust users against the gateway (bench/year_end.py --load runs it at
rising concurrency; by hand: ``locust -f bench/locustfile.py --host http://GATEWAY``).

Each user is a pegawai of the year-end world with a password (the accounts are listed in the
JSON file named by ``KINERJA_LOAD_ACCOUNTS``: ``[{"nip", "password", "penilai"}]``). On start
a user logs in (argon2, as every morning); then, with 3-7 s of thinking between clicks, reads
who he is, his SKP list and his SKP, his penilaian of the year, fills in a realisasi of the
current quarter (an edit: ``PUT .../realisasi/{indikator}``), and a pejabat penilai looks at
his bawahan's SKPs and the penilaian he must rate. Requests are named by route, not by id.

Three users in four (``PenggunaWeb``) do the same through the web UI's pages, as most people
do: the login form (CSRF token, session cookie), Beranda, SKP saya, Realisasi dan penilaian,
and for a pejabat penilai Penilaian bawahan; each page is rendered by the UI process from the
services' APIs (through the gateway). The others (``Pegawai``) are API clients.
"""
from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
from datetime import date

from locust import HttpUser, between, task

_ACCOUNTS = json.loads(open(os.environ["KINERJA_LOAD_ACCOUNTS"]).read()) \
    if os.environ.get("KINERJA_LOAD_ACCOUNTS") else []
_next = itertools.count()
_lock = threading.Lock()


def _account() -> dict:
    with _lock:
        return _ACCOUNTS[next(_next) % len(_ACCOUNTS)]


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class PenggunaWeb(HttpUser):
    """A pegawai in the browser: every request is a page of the web UI."""
    weight = 3
    wait_time = between(3, 7)

    def on_start(self):
        self.account = _account()
        page = self.client.get("/masuk", name="UI GET /masuk")
        token = _CSRF.search(page.text) if page.ok else None
        self.client.post("/masuk", name="UI POST /masuk", data={
            "csrf_token": token.group(1) if token else "", "nip": self.account["nip"],
            "password": self.account["password"], "lanjut": ""})

    @task(3)
    def beranda(self):
        self.client.get("/", name="UI GET / (beranda)")

    @task(3)
    def skp_saya(self):
        self.client.get("/skp", name="UI GET /skp")

    @task(3)
    def penilaian_saya(self):
        self.client.get("/penilaian", name="UI GET /penilaian")

    @task(2)
    def penilai(self):
        if self.account.get("penilai"):
            self.client.get("/penilai/penilaian", name="UI GET /penilai/penilaian")


class Pegawai(HttpUser):
    """An API client (a pipeline, a mobile app) doing the same through the API."""
    weight = 1
    wait_time = between(3, 7)

    def on_start(self):
        self.account = _account()
        r = self.client.post("/api/identity/auth/login", name="POST /auth/login",
                             json={"nip": self.account["nip"],
                                   "password": self.account["password"]})
        token = r.json().get("access_token") if r.ok else None
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        me = self.client.get("/api/identity/auth/me", headers=self.headers,
                             name="GET /auth/me")
        self.me = me.json() if me.ok else {}
        self.skp_ids: list[str] = []
        self.penilaian: list[dict] = []

    @task(3)
    def beranda(self):
        self.client.get("/api/identity/auth/me", headers=self.headers, name="GET /auth/me")
        r = self.client.get("/api/skp/skp", headers=self.headers, name="GET /skp",
                            params={"pegawai_id": self.me.get("id")})
        if r.ok:
            self.skp_ids = [s["id"] for s in r.json()]

    @task(3)
    def skp(self):
        if self.skp_ids:
            self.client.get(f"/api/skp/skp/{random.choice(self.skp_ids)}",
                            headers=self.headers, name="GET /skp/{id}")

    @task(3)
    def penilaian_saya(self):
        r = self.client.get("/api/penilaian/penilaian", headers=self.headers,
                            name="GET /penilaian?pegawai_id",
                            params={"pegawai_id": self.me.get("id"), "tahun": 2026})
        if r.ok:  # the realisasi of the quarter running today (earlier ones are closed)
            today = date.today().isoformat()
            self.penilaian = [p for p in r.json() if p.get("status") in ("DRAFT", "DIKIRIM")
                              and (p.get("periode") or {}).get("awal", "9") <= today
                              <= (p.get("periode") or {}).get("akhir", "0")
                              and not (p.get("periode") or {}).get("final")]

    @task(2)
    def realisasi(self):
        if not self.penilaian:
            return
        p = random.choice(self.penilaian)
        full = self.client.get(f"/api/penilaian/penilaian/{p['id']}", headers=self.headers,
                               name="GET /penilaian/{id}")
        if not full.ok:
            return
        indikator = [i for i in full.json().get("realisasi", []) if i.get("indikator_id")]
        if indikator:
            self.client.put(
                f"/api/penilaian/penilaian/{p['id']}/realisasi/{indikator[0]['indikator_id']}",
                headers=self.headers, name="PUT /penilaian/{id}/realisasi/{indikator}",
                json={"realisasi": f"{random.randint(1, 12)} laporan",
                      "keterangan": "Diisi pagi hari."})

    @task(2)
    def penilai(self):
        if not self.account.get("penilai"):
            return
        self.client.get("/api/skp/skp/bawahan", headers=self.headers, name="GET /skp/bawahan")
        self.client.get("/api/penilaian/penilaian", headers=self.headers,
                        name="GET /penilaian?sebagai=PEJABAT_PENILAI",
                        params={"sebagai": "PEJABAT_PENILAI", "tahun": 2026})
