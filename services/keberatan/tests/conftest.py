"""Fixtures: a keberatan runtime on real PostgreSQL, and a ``World`` per test (a fresh instansi
with its pegawai and set predikat fed through the real consumer path)."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import penilaian as penev
from kinerja_shared.events.contracts.common import PegawaiRingkas, PeriodeRingkas
from kinerja_shared.testing.service import make_test_runtime

SESUAI, DI_ATAS, DI_BAWAH = "SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
# 3 March 2099, 16:00 WIB
DITETAPKAN = datetime(2099, 3, 3, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def minter():
    return TokenMinter()


@pytest.fixture(scope="session")
def runtime(make_pg_database, minter):
    # a database of its own: the session's ``pg_url`` is penilaian's
    rt = make_test_runtime("keberatan", make_pg_database("kinerja_keberatan"),
                           key_source=minter.key_source)
    yield rt
    rt.dispose()


@pytest.fixture(scope="session")
def app(runtime):
    return runtime.create_app()


@pytest.fixture
def client(app):
    return app.test_client()


class World:
    def __init__(self, runtime, minter):
        self.runtime, self.minter = runtime, minter
        self.instansi_id = "i-" + uuid.uuid4().hex[:10]
        self.n = 0

    def id(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}-{self.instansi_id}-{self.n}"

    def feed(self, payload, aggregate_id: str | None = None, instansi_id: str | None = None):
        env = EventEnvelope.wrap(payload, aggregate_id=aggregate_id or "x",
                                 instansi_id=instansi_id or self.instansi_id)
        return self.runtime.dispatcher.handle(env.to_json())

    def h(self, pegawai_id: str, *roles: str, instansi_id: str | None = None):
        return self.minter.headers(pegawai_id, nama=f"Nama {pegawai_id}", roles=list(roles),
                                   instansi_id=instansi_id or self.instansi_id)

    def admin(self):
        return self.h(self.id("admin"), "admin_instansi")

    def instansi(self, revisi: int | None = None, **pengaturan):
        self.n += 1
        self.feed(idev.InstansiDiperbarui(id=self.instansi_id, nama="Pemda",
                                          pengaturan=pengaturan, revisi=revisi or self.n),
                  self.instansi_id)

    def pegawai(self, pid=None, *, nama=None, nip=None, aktif=True, revisi=1,
                instansi_id=None, **extra):
        pid = pid or self.id("peg")
        self.feed(idev.PegawaiDiperbarui(id=pid, instansi_id=instansi_id or self.instansi_id,
                                         nama=nama or f"Nama {pid}", nip=nip, aktif=aktif,
                                         revisi=revisi, **extra), pid)
        return pid

    def predikat(self, pegawai_id, penilai_id, atasan_id=None, *, model="PERMENPAN_6_2022",
                 rh=SESUAI, rp=SESUAI, predikat="BAIK", revisi=1, ditetapkan_at=DITETAPKAN,
                 penilaian_id=None, nilai_pp30=None, nilai_kinerja=None, tahun=2099,
                 nama=None, nip=None, unor_id=None, periode_id=None):
        """A PredikatDitetapkan as penilaian publishes it (the pegawai's own unor and the two
        penilai snapshots)."""
        pid = penilaian_id or self.id("pen")
        periode = PeriodeRingkas(id=periode_id or f"per-{tahun}", tahun=tahun, nama="Tahunan",
                                 awal=date(tahun, 1, 1), akhir=date(tahun, 12, 31), final=True)
        pp30 = model == "PP_30_2019"
        self.feed(penev.PredikatDitetapkan(
            penilaian_id=pid, skp_id=f"skp-{pid}",
            pegawai=PegawaiRingkas(id=pegawai_id, nama=nama or f"Nama {pegawai_id}", nip=nip,
                                   unor_id=unor_id),
            periode=periode, tahun=tahun, rating_hasil_kerja=None if pp30 else rh,
            rating_perilaku=None if pp30 else rp, predikat=predikat,
            pejabat_penilai=PegawaiRingkas(id=penilai_id, nama=f"Nama {penilai_id}"),
            atasan_pejabat_penilai=(PegawaiRingkas(id=atasan_id, nama=f"Nama {atasan_id}")
                                    if atasan_id else None),
            nilai_kinerja=Decimal(nilai_kinerja) if nilai_kinerja else None,
            nilai_perilaku_pp30={k: Decimal(v) for k, v in (nilai_pp30 or {}).items()} if pp30
            else None,
            revisi=revisi, ditetapkan_at=ditetapkan_at, model=model, unor_id=unor_id), pid)
        return pid

    def orang(self):
        """A pegawai, his pejabat penilai and the atasan pejabat penilai."""
        return self.pegawai(), self.pegawai(), self.pegawai()


@pytest.fixture
def world(runtime, minter):
    return World(runtime, minter)
