"""The embedded mode's storage: the same keberatan code on SQLite (the partial unique index,
JSON columns, UPDATE ... RETURNING, naive timestamps read back as UTC) through a filing, the
decider's first read, a decision and the new predikat revision."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from kinerja_shared import clock
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import penilaian as penev
from kinerja_shared.events.contracts.common import PegawaiRingkas, PeriodeRingkas
from kinerja_shared.testing.service import make_test_runtime

DITETAPKAN = datetime(2099, 3, 3, 9, 0, tzinfo=timezone.utc)
SESUAI, DI_ATAS = "SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI"


@pytest.fixture
def sqlite_rt(tmp_path, minter):
    rt = make_test_runtime("keberatan", f"sqlite:///{tmp_path}/keberatan.db",
                           key_source=minter.key_source)
    yield rt
    rt.dispose()


def _predikat(rt, revisi, rh, predikat):
    rt.dispatcher.handle(EventEnvelope.wrap(penev.PredikatDitetapkan(
        penilaian_id="pen-1", skp_id="skp-1", pegawai=PegawaiRingkas(id="peg", nama="Peg"),
        periode=PeriodeRingkas(id="per", tahun=2099, nama="Tahunan", awal=date(2099, 1, 1),
                               akhir=date(2099, 12, 31), final=True),
        tahun=2099, rating_hasil_kerja=rh, rating_perilaku=SESUAI, predikat=predikat,
        pejabat_penilai=PegawaiRingkas(id="pen", nama="Penilai"),
        atasan_pejabat_penilai=PegawaiRingkas(id="ats", nama="Atasan"), revisi=revisi,
        ditetapkan_at=DITETAPKAN), aggregate_id="pen-1", instansi_id="i-1").to_json())


def test_the_permenpan_chain_on_sqlite(sqlite_rt, minter):
    c = sqlite_rt.create_app().test_client()
    h = {p: minter.headers(p, instansi_id="i-1") for p in ("peg", "pen", "ats")}
    _predikat(sqlite_rt, 1, SESUAI, "BAIK")
    with clock.frozen(DITETAPKAN + timedelta(days=14, hours=7, minutes=59)):  # 23:59 WIB
        r = c.post("/keberatan", headers=h["peg"], json={
            "penilaian_id": "pen-1", "alasan": "x", "rating_hasil_kerja_diminta": DI_ATAS})
        assert (r.status_code, r.json["status"]) == (201, "DIAJUKAN"), r.json
        kid = r.json["id"]
        again = c.post("/keberatan", headers=h["peg"], json={
            "penilaian_id": "pen-1", "alasan": "x", "rating_hasil_kerja_diminta": DI_ATAS})
        assert again.status_code == 409
        assert c.get(f"/keberatan/{kid}", headers=h["ats"]).json["dibuka_atasan_at"]
        c.post(f"/keberatan/{kid}/penjelasan", headers=h["pen"], json={"penjelasan": "y"})
        r = c.post(f"/keberatan/{kid}/keputusan", headers=h["ats"], json={
            "keputusan": "DISETUJUI", "uraian": "ok", "rating_hasil_kerja": DI_ATAS})
        assert r.status_code == 200, r.json
    _predikat(sqlite_rt, 2, DI_ATAS, "BAIK")
    body = c.get(f"/keberatan/{kid}", headers=h["peg"]).json
    assert (body["status"], body["nilai"]["sesudah"]["predikat"]) == ("DISETUJUI", "BAIK")
    assert body["diajukan_at"] == "2099-03-17T16:59:00+00:00"
    r = c.get("/keberatan/rekap", headers=minter.headers("adm", roles=["admin_instansi"],
                                                         instansi_id="i-1"))
    assert r.json["jumlah"]["DISETUJUI"] == 1
