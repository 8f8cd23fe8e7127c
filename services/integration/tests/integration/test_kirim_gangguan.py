"""Exactly once under faults: the SIASN sandbox answers 10 % 5xx, 5 % 429, loses 5 % of the
saves' answers after doing them, and its gateway and SSO tokens expire after every 7 calls. Every
record must end in the sandbox once, with the values integration holds, record by record."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from kinerja_shared import clock

from integrasi_uji import bandingkan, predikat_final

HARI_INI = datetime(2026, 2, 2, 3, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("seed", [7, 11, 23])
def test_every_record_ends_in_siasn_once_under_5xx_429_lost_answers_and_expiring_tokens(world, seed):
    people = world.sandbox.pegawai()
    for p in people:
        world.kirim(predikat_final(p), f"pen-{p['nipBaru']}")
    world.sandbox.faults(error_rate=0.10, rate_limited_rate=0.05, retry_after=0,
                         lost_answer_rate=0.05, seed=seed, token_max_uses=7,
                         scope=["read", "save", "token"])
    with clock.frozen(HARI_INI):
        r = world.api.post("admin", "/siasn/sinkron-predikat", json={"tahun": 2025})
        assert r.status_code == 202
        world.kerjakan()
        job = world.api.get("admin", f"/siasn/sinkron-predikat/{r.get_json()['id']}").get_json()
    counts = world.sandbox.http.get("/_sandbox/counts").json()
    assert counts.get("fault_lost", 0) > 0 and counts.get("fault_error", 0) > 0
    assert counts.get("fault_429", 0) > 0
    assert counts.get("unauthorized_gateway", 0) > 0 and counts["token_gateway"] > 1
    assert job["status"] == "SELESAI"
    failed = job["jumlah"]["gagal"]
    if failed:  # a record that met only faults for every try: retrying its failure finishes it
        world.sandbox.faults()
        with clock.frozen(HARI_INI):
            world.api.post("admin", f"/siasn/sinkron-predikat/{job['id']}/ulangi-gagal")
            world.kerjakan()
    by_id = bandingkan(world.runtime, world.sandbox)
    assert len(by_id) == len(people)

