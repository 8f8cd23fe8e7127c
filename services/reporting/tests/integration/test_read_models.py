"""Out-of-order and redelivered events leave the read models as in-order delivery does."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts import identity as idev
from kinerja_shared.events.contracts import skp as skpev

from reporting.adapters.tables import pegawai_ref, penilaian_rm, skp_rm


def _row(runtime, table, key):
    with runtime.engine.connect() as conn:
        return conn.execute(select(table).where(table.c.id == key)).mappings().first()


def test_penilaian_snapshots_keep_the_newest_versi_whatever_the_order(runtime, dunia):
    dunia.dasar()
    dunia.penilaian("pen", "skp", "staf", "kabid", versi=3, predikat="BAIK")
    dunia.penilaian("pen", "skp", "staf", "kabid", versi=1, predikat=None, status="DRAFT")
    dunia.penilaian("pen", "skp", "staf", "kabid", versi=2, predikat="KURANG")
    row = _row(runtime, penilaian_rm, "pen")
    assert (row["versi"], row["predikat"], row["status"]) == (3, "BAIK", "DITETAPKAN")


def test_skp_status_moves_by_event_time_and_content_by_revisi(runtime, dunia):
    dunia.dasar()
    t = datetime(2025, 2, 1, tzinfo=timezone.utc)
    dunia.kirim(skpev.SkpDibatalkan(skp_id="s1", pegawai_id="staf"), "s1", at=t + timedelta(hours=2))
    dunia.skp("s1", "staf", "kabid", revisi=2, at=t + timedelta(hours=1))
    dunia.kirim(skpev.SkpDiajukan(skp_id="s1", pegawai_id="staf", jenis="JF_JA",
                                  periode_awal=t.date(), periode_akhir=t.date()), "s1", at=t)
    dunia.skp("s1", "staf", "kabid", revisi=1, at=t - timedelta(hours=1))
    row = _row(runtime, skp_rm, "s1")
    assert (row["status"], row["revisi"]) == ("DRAFT", 2)
    assert row["snapshot"]["revisi"] == 2 and row["tahun"] == 2025


def test_an_older_pegawai_snapshot_and_a_redelivery_change_nothing(runtime, dunia):
    dunia.dasar()
    i = dunia.instansi_id
    newer = idev.PegawaiDiperbarui(id="staf", instansi_id=i, nama="BARU", revisi=5,
                                   status_kepegawaian="CUTI")
    env = EventEnvelope.wrap(newer, aggregate_id="staf", instansi_id=i)
    runtime.dispatcher.handle(env.to_json())
    dunia.kirim(idev.PegawaiDiperbarui(id="staf", instansi_id=i, nama="LAMA", revisi=4))
    runtime.dispatcher.handle(env.to_json())  # redelivered
    row = _row(runtime, pegawai_ref, "staf")
    assert (row["nama"], row["status_kepegawaian"], row["revisi"]) == ("BARU", "CUTI", 5)
    dunia.kirim(idev.PegawaiDihapus(id="staf", instansi_id=i, revisi=6))
    dunia.kirim(idev.PegawaiDiperbarui(id="staf", instansi_id=i, nama="HIDUP", revisi=5))
    row = _row(runtime, pegawai_ref, "staf")
    assert row["dihapus"] is True and row["nama"] == "BARU"
