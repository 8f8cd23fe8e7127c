"""Fixtures: an angka-kredit runtime on real PostgreSQL, and a ``World`` per test (a fresh
instansi with its unor and JF pegawai, predikat fed through the real consumer path)."""
from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import penilaian as pev
from kinerja_shared.events.contracts.common import PegawaiRingkas, PeriodeRingkas
from kinerja_shared.testing.service import make_test_runtime

NOW = datetime(2026, 1, 10, 3, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def minter():
    return TokenMinter()


@pytest.fixture(scope="session")
def runtime(make_pg_database, minter):
    rt = make_test_runtime("angka_kredit", make_pg_database("kinerja_ak"),
                           key_source=minter.key_source)
    yield rt
    rt.dispose()


@pytest.fixture(scope="session")
def app(runtime):
    return runtime.create_app()


@pytest.fixture
def client(app):
    return app.test_client()


def _tanpa_float(text: str):
    """JSON with every number checked: a float anywhere fails the test."""
    def refuse(value):
        raise AssertionError(f"a float on the wire: {value}")
    return json.loads(text, parse_float=refuse)


@pytest.fixture
def tanpa_float():
    """``tanpa_float(json_text)``: the JSON parsed with every number checked."""
    return _tanpa_float


class World:
    def __init__(self, runtime, minter):
        self.runtime, self.minter = runtime, minter
        self.instansi_id = "i-" + uuid.uuid4().hex[:10]
        self.n = 0
        self.revisi: dict[str, int] = {}

    def id(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}-{self.instansi_id}-{self.n}"

    def feed(self, payload, aggregate_id: str | None = None):
        env = EventEnvelope.wrap(payload, aggregate_id=aggregate_id or "x",
                                 instansi_id=self.instansi_id)
        return self.runtime.dispatcher.handle(env.to_json())

    def h(self, pegawai_id: str, *roles: str, instansi_id: str | None = None):
        return self.minter.headers(pegawai_id, nama="X", roles=list(roles),
                                   instansi_id=instansi_id or self.instansi_id)

    def admin(self):
        return self.h(self.id("admin"), "admin_instansi")

    def instansi(self, revisi=1, **pengaturan):
        self.feed(idev.InstansiDiperbarui(id=self.instansi_id, nama="Pemerintah Kota Contoh",
                                          kode="PEMKOT", pengaturan=pengaturan, revisi=revisi),
                  self.instansi_id)

    def unor(self, nama="Badan Kepegawaian Daerah", induk=None, kode="BKD"):
        uid = self.id("unor")
        self.feed(idev.UnorDiperbarui(id=uid, instansi_id=self.instansi_id, nama=nama,
                                      kode=kode, unor_induk_id=induk, revisi=1), uid)
        return uid

    def pegawai(self, pid=None, *, jenjang="AHLI_PERTAMA", golongan="III/a",
                tmt_jabatan=date(2020, 1, 1), tmt_golongan=date(2020, 1, 1), unor_id=None,
                kategori="FUNGSIONAL", nip="199001012020011001", nama=None, revisi=None):
        pid = pid or self.id("peg")
        self.revisi[pid] = revisi or self.revisi.get(pid, 0) + 1
        self.feed(idev.PegawaiDiperbarui(
            id=pid, instansi_id=self.instansi_id, nip=nip, nama=nama or f"Nama {pid}",
            unor_id=unor_id, kategori_jabatan=kategori, jenjang=jenjang, golongan=golongan,
            jabatan=f"Analis SDM Aparatur {jenjang}", tmt_jabatan=tmt_jabatan,
            tmt_golongan=tmt_golongan, revisi=self.revisi[pid]), pid)
        return pid

    def predikat(self, pegawai_id, predikat="BAIK", *, tahun=2025, revisi=1, penilaian_id=None,
                 penilai_id=None, atasan_id=None, skp_awal=None, skp_akhir=None, final=True,
                 periode=None, unor_id=None):
        penilaian_id = penilaian_id or self.id("pen")
        awal, akhir = periode or (date(tahun, 1, 1), date(tahun, 12, 31))
        cls = pev.PredikatFinal if final else pev.PredikatDitetapkan
        self.feed(cls(
            penilaian_id=penilaian_id, skp_id=f"skp-{penilaian_id}",
            pegawai=PegawaiRingkas(id=pegawai_id, nip="199001012020011001",
                                   nama=f"Nama {pegawai_id}", unor_id=unor_id),
            periode=PeriodeRingkas(id=f"per-{tahun}-{awal}-{final}", tahun=tahun,
                                   nama="Tahunan" if final else f"Periode {awal}", awal=awal,
                                   akhir=akhir, final=final),
            tahun=tahun, predikat=predikat, revisi=revisi, ditetapkan_at=NOW,
            pejabat_penilai=PegawaiRingkas(id=penilai_id, nama="Penilai") if penilai_id else None,
            atasan_pejabat_penilai=PegawaiRingkas(id=atasan_id, nama="Atasan")
            if atasan_id else None,
            model="PERMENPAN_6_2022", jenis_skp="JF_JA", unor_id=unor_id,
            skp_periode_awal=skp_awal or date(tahun, 1, 1),
            skp_periode_akhir=skp_akhir or date(tahun, 12, 31)), penilaian_id)
        return penilaian_id

    def rows(self, pegawai_id, *, semua=False):
        from angka_kredit.adapters.tables import angka_kredit as t

        with self.runtime.engine.connect() as c:
            q = select(t).where(t.c.pegawai_id == pegawai_id).order_by(t.c.awal, t.c.created_at)
            if not semua:
                q = q.where(t.c.aktif.is_(True))
            return [dict(r) for r in c.execute(q).mappings()]

    def events(self, event_type="AngkaKreditDitetapkan", aggregate_id=None):
        from angka_kredit.adapters.tables import outbox

        with self.runtime.engine.connect() as c:
            bodies = c.execute(select(outbox.c.body).order_by(outbox.c.id)).scalars().all()
        out = []
        for body in bodies:
            text = body if isinstance(body, str) else bytes(body).decode()
            env = EventEnvelope.from_json(text)
            if env.event_type == event_type and env.instansi_id == self.instansi_id and (
                    aggregate_id is None or env.aggregate_id == aggregate_id):
                _tanpa_float(text)
                out.append(env.typed_payload())
        return out


@pytest.fixture
def world_pada(minter):
    """``world_pada(runtime)``: a World on another runtime (the SQLite one)."""
    def make(rt):
        w = World(rt, minter)
        w.instansi()
        return w
    return make


@pytest.fixture
def world(runtime, minter):
    w = World(runtime, minter)
    w.instansi()
    return w


D = Decimal
