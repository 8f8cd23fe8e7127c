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


def test_angka_kredit_keeps_the_newest_revisi_and_the_template_whatever_the_order(runtime,
                                                                                   dunia):
    from kinerja_shared.events.contracts import angka_kredit as akev
    from reporting.adapters.tables import angka_kredit_rm

    dunia.dasar()
    template = akev.TemplatePak(metode="TTE", versi=2, judul="PENETAPAN ANGKA KREDIT",
                                kop=["PEMERINTAH KABUPATEN CONTOH"], tembusan=["Kepala BKN"])
    # signed (revisi 3, with the template) arrives first; then older snapshots and the
    # AngkaKreditDitetapkan of the same revisi; then a redelivery
    dunia.angka_kredit("ak-1", revisi=3, status="DITANDATANGANI", metode="TTE",
                       template=template, nomor_sk="800/1/PAK/2026")
    dunia.angka_kredit("ak-1", revisi=1, status="DRAFT")
    dunia.angka_kredit("ak-1", revisi=3, status="DITANDATANGANI", metode="TTE",
                       nomor_sk="800/1/PAK/2026")
    dunia.angka_kredit("ak-1", revisi=2, status="DISETUJUI", nomor_sk="800/1/PAK/2026")
    row = _row(runtime, angka_kredit_rm, "ak-1")
    assert (row["revisi"], row["status"], row["metode_tanda_tangan"]) == (3, "DITANDATANGANI", "TTE")
    assert row["template"]["kop"] == ["PEMERINTAH KABUPATEN CONTOH"]
    assert row["snapshot"]["angka_kredit"] == "10.937500" and row["tahun"] == 2025

    # in order: Ditetapkan revisi 3 before PakDitandatangani revisi 3
    dunia.angka_kredit("ak-2", revisi=3, status="DITANDATANGANI", metode="TTD_BASAH")
    dunia.angka_kredit("ak-2", revisi=3, status="DITANDATANGANI", metode="TTD_BASAH",
                       template=template)
    assert _row(runtime, angka_kredit_rm, "ak-2")["template"]["versi"] == 2

    # a redelivered envelope (same event id) is dropped by the inbox; the state stays
    before = dict(_row(runtime, angka_kredit_rm, "ak-1"))
    env = EventEnvelope.wrap(akev.AngkaKreditDitetapkan.model_validate(
        {**before["snapshot"], "revisi": 4, "status": "DITANDATANGANI", "aktif": False}),
        aggregate_id="ak-1", instansi_id=dunia.instansi_id)
    runtime.dispatcher.handle(env.to_json())
    runtime.dispatcher.handle(env.to_json())
    row = _row(runtime, angka_kredit_rm, "ak-1")
    assert (row["revisi"], row["aktif"], row["template"]) == (4, False, before["template"])


def test_keberatan_and_pmm_read_models_are_order_tolerant_and_idempotent(runtime, dunia):
    from reporting.adapters.tables import keberatan_rm, pmm_log_rm, pmm_nilai_rm, sinkron_rm
    from kinerja_shared.events.contracts import integration as inev

    dunia.dasar()
    dunia.keberatan("kb-1", "pen-1", versi=3, status="DISETUJUI", sanggahan_atasan="A",
                    sanggahan_penilai="B", keputusan="DISETUJUI")
    dunia.keberatan("kb-1", "pen-1", versi=1)
    dunia.keberatan("kb-1", "pen-1", versi=2, status="DISANGGAH_ATASAN", sanggahan_atasan="A")
    row = _row(runtime, keberatan_rm, "kb-1")
    assert (row["versi"], row["status"]) == (3, "DISETUJUI")
    assert row["snapshot"]["sanggahan_penilai"] == "B"

    dunia.pmm_nilai("198001012005011001", revisi=2, predikat="SANGAT_BAIK")
    dunia.pmm_nilai("198001012005011001", revisi=1, predikat="BAIK")
    assert _row(runtime, pmm_nilai_rm, "198001012005011001:2025-S1")["predikat"] == "SANGAT_BAIK"

    dunia.pmm_log("log-1", "198001012005011001", status="GAGAL", keterangan="Unit tidak ada")
    env = EventEnvelope.wrap(inev.PmmSinkronDicatat(
        log_id="log-1", instansi_id=dunia.instansi_id, nip="198001012005011001", status="BERHASIL",
        waktu=datetime(2025, 7, 3, tzinfo=timezone.utc)), aggregate_id="log-1",
        instansi_id=dunia.instansi_id)
    runtime.dispatcher.handle(env.to_json())  # a different copy of the line: ignored
    runtime.dispatcher.handle(env.to_json())  # redelivered: inbox drops it
    row = _row(runtime, pmm_log_rm, "log-1")
    assert (row["status"], row["keterangan"]) == ("GAGAL", "Unit tidak ada")

    t = datetime(2025, 7, 2, tzinfo=timezone.utc)
    for status, at in (("SELESAI", t + timedelta(minutes=5)), ("GAGAL", t)):
        dunia.kirim(inev.SinkronSelesai(sinkron_id="snk-1", instansi_id=dunia.instansi_id,
                                        jenis="PMM", status=status, tambah=3, sistem="PMM"),
                    "snk-1", at=at)
    assert _row(runtime, sinkron_rm, "snk-1")["status"] == "SELESAI"
