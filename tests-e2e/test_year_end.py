"""The year end in production mode, small: bench/year_end.py at a few hundred pegawai, once
clean and once under faults (SIGKILLs, RabbitMQ and PostgreSQL restarted once); the end state
must be the same. The faults come every 4-8 s instead of 20-40, so that a year end of a few
minutes meets all of them. Marked slow (5-10 minutes on a 2-core machine): run with
``pytest -m slow tests-e2e/test_year_end.py``.

It starts its own PostgreSQL cluster and RabbitMQ node (bench/yearend/cluster.py), so it needs
the PostgreSQL 15 binaries, ``rabbitmq-server`` and ``nginx`` installed, not the servers the
other tests use."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

pytestmark = [pytest.mark.slow, pytest.mark.timeout(3600)]

PEGAWAI = 240


@pytest.fixture(scope="module")
def clean():
    from year_end import run
    from yearend.world import Scale
    return run(Scale.of(PEGAWAI), seed=3, log=lambda *a: None)


def test_the_clean_year_end_reaches_every_end_state(clean):
    s = clean["checksum"]
    stages = {st["name"].split()[0]: st for st in clean["stages"]}
    assert set(stages) == {str(n) for n in range(1, 15)}
    # every pegawai with a pejabat penilai got one predikat of the final period
    assert s["predikat"]["n"] == stages["8"]["items"] > 0.95 * PEGAWAI
    assert sum(s["predikat"]["per_predikat"].values()) == s["predikat"]["n"]
    assert "-" not in s["predikat"]["per_predikat"]
    # SIASN holds one skp22 record per predikat and one angkakredit per signed AK row
    assert s["siasn"]["n"] == s["predikat"]["n"] + s["angka_kredit"]["aktif"]
    assert s["angka_kredit"]["aktif"] > 0
    assert clean["dead_letters"] == {}


def test_the_chaos_year_end_ends_in_the_same_state(clean):
    from year_end import run
    from yearend.world import Scale
    chaos = run(Scale.of(PEGAWAI), seed=3, chaos=True, chaos_seed=11, chaos_interval=(4, 8),
                log=lambda *a: None)
    assert any("RabbitMQ" in f for f in chaos["faults"]), chaos["faults"]
    assert any("PostgreSQL" in f for f in chaos["faults"]), chaos["faults"]
    assert sum(1 for f in chaos["faults"] if f.startswith("SIGKILL")) >= 2, chaos["faults"]
    assert chaos["checksum"] == clean["checksum"]
    assert chaos["dead_letters"] == {}, chaos["log_counts"]
