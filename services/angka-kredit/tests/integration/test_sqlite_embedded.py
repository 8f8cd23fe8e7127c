"""The embedded mode's database (SQLite): the same konversi, workflow, automatic numbering and
integrasi, every value an exact Decimal."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from kinerja_shared.testing.service import make_test_runtime


@pytest.fixture
def sqlite_world(tmp_path, minter, world_pada):
    rt = make_test_runtime("angka_kredit", f"sqlite:///{tmp_path}/ak.db",
                           key_source=minter.key_source)
    yield world_pada(rt), rt.create_app().test_client()
    rt.dispose()


def test_the_whole_path_on_sqlite(sqlite_world, tanpa_float):
    world, client = sqlite_world
    unor = world.unor()
    p = world.pegawai(tmt_jabatan=date(2025, 6, 1), unor_id=unor)
    world.predikat(p, "SANGAT_BAIK", unor_id=unor)
    [row] = world.rows(p)
    assert isinstance(row["angka_kredit"], D) and row["angka_kredit"] == D("10.9375")
    assert row["selisih_pangkat"] == D("-39.0625")
    admin = world.admin()
    assert client.put("/pengaturan", json={"penomoran": "OTOMATIS"},
                      headers=admin).status_code == 200
    r = client.post(f"/angka-kredit/{row['id']}/ajukan", headers=admin,
                    json={"tempat": "Kota", "tanggal_sk": "2026-01-05"})
    assert r.status_code == 200, r.json
    r = client.post(f"/angka-kredit/{row['id']}/setujui", headers=admin)
    assert r.json["nomor_sk"] == "1/PAK/BKD/2026"
    tanpa_float(r.get_data(as_text=True))
    q = world.pegawai(jenjang="AHLI_MUDA", golongan="III/c")
    r = client.post("/angka-kredit/integrasi", headers=admin,
                    json={"pegawai_id": q, "ak_lama": "212.125", "tanggal": "2023-01-01"})
    assert r.status_code == 201 and r.json["angka_kredit"] == "12.125"
    assert world.events(aggregate_id=row["id"])[-1].nomor_sk == "1/PAK/BKD/2026"
