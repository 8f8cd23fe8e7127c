"""skp tests on real PostgreSQL (API and integration tiers): a fresh database per test, the
identity read model seeded through skp's own event handlers (see ``kirim``), tokens from the
test minter.

The world (two instansi):

    i-bkn  Dinas A (mandiri)      kadis  JPT, PIMPINAN           (no penilai; approves himself)
             Bidang Satu          kabid1 ADMINISTRATOR, PIMPINAN (penilai: kadis)
                                  jf1, jf2 FUNGSIONAL            (penilai: kabid1)
             Bidang Dua           kabid2 ADMINISTRATOR, PIMPINAN (penilai: kadis)
                                  jf3 FUNGSIONAL                 (penilai: kabid2)
           admin                  admin_instansi of i-bkn
    i-dki  Biro (PP 30 model)     kabiro PIMPINAN; staf1 PELAKSANA
           admin_dki              admin_instansi of i-dki
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from kinerja_shared.auth.testing import TokenMinter
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts.identity import (InstansiDiperbarui, PegawaiDiperbarui,
                                                      PltPlhDiperbarui, UnorDiperbarui)
from kinerja_shared.testing.service import make_test_runtime

NIP = {"kadis": "197001011990031001", "kabid1": "198001012005011001",
       "kabid2": "198101012005011002", "jf1": "199001012015031001", "jf2": "199101012015032002",
       "jf3": "199201012015031003", "admin": "198501012010011001",
       "kabiro": "197501012000031001", "staf1": "199501012020011001",
       "admin_dki": "198601012010011002"}
INSTANSI = {"kadis": "i-bkn", "kabid1": "i-bkn", "kabid2": "i-bkn", "jf1": "i-bkn",
            "jf2": "i-bkn", "jf3": "i-bkn", "admin": "i-bkn", "kabiro": "i-dki",
            "staf1": "i-dki", "admin_dki": "i-dki"}


def kirim(runtime, payload, aggregate_id):
    """Apply an identity event the way skp's consumer does (dispatcher: inbox + handler)."""
    body = EventEnvelope.wrap(payload, aggregate_id=aggregate_id).to_json()
    runtime.dispatcher.handle(body)


def seed(runtime) -> None:
    kirim(runtime, InstansiDiperbarui(id="i-bkn", nama="Pemkab Contoh", revisi=1), "i-bkn")
    kirim(runtime, InstansiDiperbarui(id="i-dki", nama="Pemprov DKI Jakarta",
                                      pengaturan={"model_skp": "PP_30_2019"}, revisi=1), "i-dki")
    for uid, inst, nama, atasan, mandiri in [
            ("u-dinas", "i-bkn", "Dinas A", None, True), ("u-bid1", "i-bkn", "Bidang Satu", "u-dinas", False),
            ("u-bid2", "i-bkn", "Bidang Dua", "u-dinas", False), ("u-biro", "i-dki", "Biro Umum", None, False)]:
        kirim(runtime, UnorDiperbarui(id=uid, instansi_id=inst, nama=nama, unor_atasan_id=atasan,
                                      mandiri=mandiri, eselon="22" if mandiri else "31"), uid)
    people = [("kadis", "u-dinas", "PIMPINAN", "JPT"), ("kabid1", "u-bid1", "PIMPINAN", "ADMINISTRATOR"),
              ("kabid2", "u-bid2", "PIMPINAN", "ADMINISTRATOR"), ("jf1", "u-bid1", "PEGAWAI", "FUNGSIONAL"),
              ("jf2", "u-bid1", "PEGAWAI", "FUNGSIONAL"), ("jf3", "u-bid2", "PEGAWAI", "FUNGSIONAL"),
              ("admin", "u-dinas", "PEGAWAI", "PELAKSANA"), ("kabiro", "u-biro", "PIMPINAN", "ADMINISTRATOR"),
              ("staf1", "u-biro", "PEGAWAI", "PELAKSANA"), ("admin_dki", "u-biro", "PEGAWAI", "PELAKSANA")]
    for pid, unor, jenis, kategori in people:
        kirim(runtime, PegawaiDiperbarui(id=pid, instansi_id=INSTANSI[pid], nip=NIP[pid],
                                         nama=pid.upper(), unor_id=unor, jenis_jabatan=jenis,
                                         kategori_jabatan=kategori, jabatan=f"Jabatan {pid}",
                                         golongan="III/c", revisi=1), pid)


class Api:
    """The test client speaking as one pegawai or another."""

    def __init__(self, client, minter: TokenMinter) -> None:
        self.client, self.minter = client, minter

    def headers(self, who: str) -> dict[str, str]:
        roles = ["admin_instansi"] if who.startswith("admin") else []
        return self.minter.headers(who, nip=NIP.get(who), nama=who.upper(),
                                   instansi_id=INSTANSI.get(who, "i-lain"), roles=roles)

    def __getattr__(self, method):
        def call(who: str, path: str, json=None, **kw):
            return getattr(self.client, method)(path, json=json, headers=self.headers(who), **kw)
        return call


@pytest.fixture
def runtime(make_pg_database):
    minter = TokenMinter()
    rt = make_test_runtime("skp", make_pg_database("kinerja_skp"), key_source=minter.key_source)
    rt.minter = minter
    seed(rt)
    yield rt
    rt.dispose()


@pytest.fixture
def api(runtime) -> Api:
    return Api(runtime.create_app().test_client(), runtime.minter)


@pytest.fixture
def world(runtime):
    return SimpleNamespace(nip=NIP, kirim=lambda p, a: kirim(runtime, p, a),
                           PltPlhDiperbarui=PltPlhDiperbarui)
