"""The read models tolerate what a queue does: a late, older predikat revision changes
nothing; a redelivered event is applied once (inbox); a run of events in one batch leaves
what one-by-one application would."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import penilaian as penev
from kinerja_shared.events.contracts.common import PegawaiRingkas, PeriodeRingkas

from keberatan.adapters.tables import predikat_ref

WAKTU = datetime(2099, 3, 3, 9, 0, tzinfo=timezone.utc)


def _predikat(pid, revisi, predikat):
    return penev.PredikatDitetapkan(
        penilaian_id=pid, skp_id="s", pegawai=PegawaiRingkas(id="p", nama="P"),
        periode=PeriodeRingkas(id="per", tahun=2099, nama="T", awal="2099-01-01",
                               akhir="2099-12-31"),
        tahun=2099, predikat=predikat, revisi=revisi, ditetapkan_at=WAKTU,
        rating_hasil_kerja="SESUAI_EKSPEKTASI", rating_perilaku="SESUAI_EKSPEKTASI")


def _row(runtime, pid):
    with runtime.engine.connect() as conn:
        return conn.execute(select(predikat_ref).where(
            predikat_ref.c.penilaian_id == pid)).mappings().one()


def test_a_late_older_predikat_revision_changes_nothing(world):
    pid = world.id("pen")
    world.feed(_predikat(pid, 2, "SANGAT_BAIK"), pid)
    world.feed(_predikat(pid, 1, "BAIK"), pid)
    row = _row(world.runtime, pid)
    assert (row["revisi"], row["predikat"], row["instansi_id"]) == (2, "SANGAT_BAIK",
                                                                     world.instansi_id)


def test_a_redelivered_predikat_is_applied_once_and_a_batch_keeps_the_newest(world):
    pid = world.id("pen")
    envs = [EventEnvelope.wrap(_predikat(pid, r, p), aggregate_id=pid,
                               instansi_id=world.instansi_id)
            for r, p in ((1, "BAIK"), (3, "KURANG"), (2, "SANGAT_BAIK"))]
    world.runtime.dispatcher.handle(envs[0].to_json())
    world.runtime.dispatcher.handle(envs[0].to_json())  # redelivered
    world.runtime.dispatcher.handle_batch([e.to_json() for e in envs[1:]])
    row = _row(world.runtime, pid)
    assert (row["revisi"], row["predikat"]) == (3, "KURANG")
