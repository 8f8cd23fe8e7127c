"""Fixtures: a penilaian runtime on real PostgreSQL, and a ``World`` per test (a fresh instansi
with its periods, pegawai and SKPs fed through the real consumer path)."""
from __future__ import annotations

import uuid
from datetime import date

import pytest

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import skp as skpev
from kinerja_shared.events.contracts.common import PegawaiRingkas
from kinerja_shared.testing.service import make_test_runtime

ASPEK = ["BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF",
         "KOLABORATIF"]


@pytest.fixture(scope="session")
def minter():
    return TokenMinter()


@pytest.fixture(scope="session")
def runtime(pg_url, minter):
    rt = make_test_runtime("penilaian", pg_url, key_source=minter.key_source)
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

    def feed(self, payload, aggregate_id: str | None = None, occurred_at=None):
        env = EventEnvelope.wrap(payload, aggregate_id=aggregate_id or "x",
                                 instansi_id=self.instansi_id, occurred_at=occurred_at)
        return self.runtime.dispatcher.handle(env.to_json())

    def h(self, pegawai_id: str, *roles: str, instansi_id: str | None = None, nama: str = "X"):
        return self.minter.headers(pegawai_id, nama=nama, roles=list(roles),
                                   instansi_id=instansi_id or self.instansi_id)

    def admin(self):
        return self.h(self.id("admin"), "admin_instansi")

    def instansi(self, **pengaturan):
        self.feed(idev.InstansiDiperbarui(id=self.instansi_id, nama="Pemda", pengaturan=pengaturan,
                                          revisi=self.n + 1), self.instansi_id)

    def periode(self, *, tahun=2099, awal=(1, 1), akhir=(12, 31), batas=None, final=False,
                revisi=1, pid=None):
        pid = pid or self.id("per")
        batas = batas or date(tahun + 1, 1, 31)
        self.feed(idev.PeriodeDiperbarui(
            id=pid, instansi_id=self.instansi_id, tahun=tahun, nama=f"Periode {pid}",
            awal=date(tahun, *awal), akhir=date(tahun, *akhir), batas_pengisian=batas,
            final=final, revisi=revisi), pid)
        return pid

    def unor(self, uid=None, induk=None):
        uid = uid or self.id("unor")
        self.feed(idev.UnorDiperbarui(id=uid, instansi_id=self.instansi_id, nama=uid,
                                      unor_induk_id=induk, revisi=1), uid)
        return uid

    def pegawai(self, unor_id=None, pimpinan=False, pid=None):
        pid = pid or self.id("peg")
        self.feed(idev.PegawaiDiperbarui(id=pid, instansi_id=self.instansi_id, nama=f"Nama {pid}",
                                         unor_id=unor_id,
                                         jenis_jabatan="PIMPINAN" if pimpinan else "PEGAWAI",
                                         revisi=1), pid)
        return pid

    def skp(self, pegawai_id, penilai_id, *, atasan_id=None, tahun=2099, model="PERMENPAN_6_2022",
            rekan: dict | None = None, unor_id=None, revisi=1, skp_id=None, awal=None, akhir=None,
            rhk=None, jenis="JF_JA"):
        skp_id = skp_id or self.id("skp")
        rekan = rekan or {}
        perilaku = [skpev.PerilakuSnapshot(aspek=a, penilai=rekan.get(a, ("ATASAN", None))[0],
                                           penilai_pegawai_id=rekan.get(a, ("ATASAN", None))[1])
                    for a in ASPEK]
        rhk = rhk or [skpev.RhkSnapshot(id=f"{skp_id}-r1", jenis="UTAMA", uraian="Laporan", indikator=[
            skpev.IndikatorSnapshot(id=f"{skp_id}-i1", uraian="Jumlah laporan", aspek="KUANTITAS",
                                    target="12", satuan="laporan")])]
        self.feed(skpev.SkpDisetujui(
            skp_id=skp_id, pegawai=PegawaiRingkas(id=pegawai_id, nama=f"Nama {pegawai_id}",
                                                  unor_id=unor_id),
            jenis=jenis, pendekatan="KUANTITATIF", model=model,
            periode_awal=awal or date(tahun, 1, 1), periode_akhir=akhir or date(tahun, 12, 31),
            pejabat_penilai=PegawaiRingkas(id=penilai_id, nama=f"Nama {penilai_id}"),
            atasan_pejabat_penilai=PegawaiRingkas(id=atasan_id, nama="Atasan") if atasan_id else None,
            rhk=rhk, perilaku=perilaku, revisi=revisi), skp_id)
        return skp_id

    def penilaian(self, client, pegawai_id, **filters):
        r = client.get("/penilaian", query_string={"pegawai_id": pegawai_id, **filters},
                       headers=self.admin())
        assert r.status_code == 200, r.json
        return r.json


@pytest.fixture
def world(runtime, minter):
    return World(runtime, minter)
