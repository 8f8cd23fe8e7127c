"""Helpers of integration's tests (imported by the test modules; conftest.py holds the
fixtures)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import httpx
import sqlalchemy as sa

from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts.penilaian import PredikatDitetapkan, PredikatFinal

from integration.adapters.tables import rekaman
from integration.config import SiasnSettings
from integration.domain import siasn
from integration.service_layer.pekerja import Pekerja

SIASN_INSTANSI = "SIASN-1"
WHO = {"admin": ("i-1", ["admin_instansi"]), "admin2": ("i-2", ["admin_instansi"]),
       "pegawai": ("i-1", [])}


class Sandbox:
    def __init__(self, running, creds) -> None:
        self.running, self.creds = running, creds
        self.url = running.url
        self.app = running.app
        self.state = running.app.extensions["sandbox"]
        self.http = httpx.Client(base_url=self.url, timeout=30)

    def faults(self, **values):
        r = self.http.post("/_sandbox/faults?reset=1", json=values)
        assert r.status_code == 200, r.text
        return r.json()

    def riwayat(self, jenis: str = "skp22") -> list[dict]:
        found, offset = [], 0
        while True:
            page = self.http.get("/_sandbox/riwayat", params={
                "jenis": jenis, "limit": 10000, "offset": offset}).json()
            found += page
            offset += len(page)
            if len(page) < 10000:
                return found

    def pegawai(self, instansi: str = SIASN_INSTANSI) -> list[dict]:
        from integration.sandbox.store import loads

        return [loads(r["data"]) for r in self.state.store.query(
            "SELECT data FROM pegawai WHERE instansi_id = ? ORDER BY nip", (instansi,))]

    def close(self) -> None:
        self.http.close()
        self.running.stop()


def siasn_settings(box: Sandbox, **changes) -> SiasnSettings:
    c = box.creds
    base = SiasnSettings(url=box.url, consumer_key=c.consumer_key,
                         consumer_secret=c.consumer_secret, client_id=c.client_id,
                         username=c.username, password=c.password, timeout=5,
                         connect_timeout=2, attempts=8, backoff=0.01, backoff_max=0.05,
                         concurrency=4, page_size=50)
    return replace(base, **changes)


class Api:
    def __init__(self, client, minter) -> None:
        self.client, self.minter = client, minter

    def headers(self, who: str) -> dict[str, str]:
        instansi, roles = WHO[who]
        return self.minter.headers(who, nama=who.upper(), instansi_id=instansi, roles=roles)

    def __getattr__(self, method):
        def call(who: str, path: str, json=None, **kw):
            return getattr(self.client, method)(path, json=json, headers=self.headers(who), **kw)
        return call


def kirim_event(runtime, payload, aggregate_id: str, instansi_id: str = "i-1") -> None:
    body = EventEnvelope.wrap(payload, aggregate_id=aggregate_id,
                              instansi_id=instansi_id).to_json()
    runtime.dispatcher.handle(body)


PERIODE_FINAL = {"id": "per-final", "tahun": 2025, "nama": "Periode Akhir",
                 "awal": date(2025, 1, 1), "akhir": date(2025, 12, 31), "final": True}
PENILAI = {"id": "penilai-1", "nip": "197001011990031001", "nama": "Kepala Bidang",
           "gelar_depan": "Dr.", "gelar_belakang": "M.Si.", "jabatan": "Kepala Bidang Data",
           "golongan": "IV/a", "unor_nama": "Bidang Data"}


def predikat_final(pegawai: dict, *, predikat="BAIK", hasil="SESUAI_EKSPEKTASI",
                   perilaku="SESUAI_EKSPEKTASI", revisi=1, tahun=2025, penilaian_id=None,
                   ditetapkan_at=None, penilai=None) -> PredikatFinal:
    nip = pegawai["nipBaru"]
    return PredikatFinal(
        penilaian_id=penilaian_id or f"pen-{nip}", skp_id=f"skp-{nip}",
        pegawai={"id": f"peg-{nip}", "nip": nip, "nama": pegawai["nama"]},
        periode={**PERIODE_FINAL, "tahun": tahun}, tahun=tahun, rating_hasil_kerja=hasil,
        rating_perilaku=perilaku, predikat=predikat, pejabat_penilai=penilai or PENILAI,
        revisi=revisi, ditetapkan_at=ditetapkan_at or datetime(tahun + 1, 1, 20, tzinfo=timezone.utc),
        model="PERMENPAN_6_2022")


def predikat_bulanan(pegawai: dict, bulan: int, *, predikat="BAIK", tahun=2025,
                     revisi=1) -> PredikatDitetapkan:
    nip = pegawai["nipBaru"]
    awal = date(tahun, bulan, 1)
    akhir = date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    from datetime import timedelta
    akhir = akhir - timedelta(days=1)
    return PredikatDitetapkan(
        penilaian_id=f"pen-{nip}-{bulan}", skp_id=f"skp-{nip}",
        pegawai={"id": f"peg-{nip}", "nip": nip, "nama": pegawai["nama"]},
        periode={"id": f"per-{bulan}", "tahun": tahun, "nama": f"Bulan {bulan}", "awal": awal,
                 "akhir": akhir, "final": False},
        tahun=tahun, rating_hasil_kerja="SESUAI_EKSPEKTASI",
        rating_perilaku="DI_ATAS_EKSPEKTASI", predikat=predikat, pejabat_penilai=PENILAI,
        revisi=revisi, ditetapkan_at=datetime(tahun, bulan, 28, tzinfo=timezone.utc))


def kerjakan(runtime, *, rounds: int = 1000) -> None:
    """Run the worker until the queue is empty."""
    worker = Pekerja(runtime, nama="test")
    for _ in range(rounds):
        if not worker.putaran():
            return
    raise AssertionError("the queue did not empty")


def bandingkan(runtime, sandbox, jenis: str = "skp22") -> dict:
    """Our records against the sandbox's, one by one; the sandbox's records by id."""
    stored = sandbox.riwayat(jenis)
    by_id = {r["id"]: r for r in stored}
    assert len(by_id) == len(stored)
    with runtime.engine.connect() as conn:
        ours = conn.execute(sa.select(rekaman).where(rekaman.c.jenis == jenis)).mappings().all()
    assert len(stored) == len(ours), "a record is missing or doubled in SIASN"
    for row in ours:
        assert row["status_kirim"] == "BERHASIL" and not row["ragu"], row["kunci"]
        theirs = by_id[row["siasn_id"]]
        assert theirs["nip"] == row["nip"]
        assert siasn.hash_isi(theirs["body"]) == row["hash_terkirim"]
        expected = siasn.badan_skp22(row["data"], theirs["pns_id"])
        assert siasn.isi_sama(expected, theirs["body"]), row["kunci"]
    return by_id
