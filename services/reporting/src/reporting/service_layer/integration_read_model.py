"""reporting's read model of integration: the teachers' PMM scores (PmmNilaiDiimpor, newest
``revisi`` per NIP and semester), the PMM sync log (PmmSinkronDicatat: a line never changes, a
redelivery or a late copy inserts nothing) and the finished sync jobs (SinkronSelesai, the
newest report of a job by the event's time). Set-wise: one statement per run."""
from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kinerja_shared.db.readmodel import upsert_snapshots
from kinerja_shared.events.contracts import integration as inev
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.tables import pmm_log_rm, pmm_nilai_rm, sinkron_rm


def pmm_nilai_id(nip: str, periode: str) -> str:
    return f"{nip}:{periode}"


@batch_handler
def pmm_nilai_diimpor(events, uow) -> None:
    rows = []
    for e, _ in events:
        e: inev.PmmNilaiDiimpor
        sekolah = e.sekolah
        rows.append({
            "id": pmm_nilai_id(e.nip, e.periode), "instansi_id": e.instansi_id, "nip": e.nip,
            "pegawai_id": e.pegawai_id, "nama": e.nama, "tahun": e.tahun, "periode": e.periode,
            "periode_awal": e.periode_awal, "periode_akhir": e.periode_akhir,
            "tipe_skp": e.tipe_skp, "unor_id": e.unor_id,
            "sekolah_npsn": sekolah.npsn if sekolah else None,
            "sekolah_nama": sekolah.nama if sekolah else None,
            "daerah": sekolah.daerah if sekolah else None,
            "rating_hasil_kerja": e.rating_hasil_kerja, "rating_perilaku": e.rating_perilaku,
            "predikat": e.predikat, "penilai_nip": e.penilai_nip, "revisi": e.revisi})
    upsert_snapshots(uow.session, pmm_nilai_rm, rows)


_LOG = ("sinkron_id", "instansi_id", "nip", "nama", "pegawai_id", "tipe_skp", "periode",
        "status", "kode", "keterangan", "catatan", "waktu")


@batch_handler
def pmm_sinkron_dicatat(events, uow) -> None:
    rows = [{"id": e.log_id, **{k: getattr(e, k) for k in _LOG}, "waktu": e.waktu}
            for e, _ in events]
    s = uow.session
    insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    s.execute(insert(pmm_log_rm).on_conflict_do_nothing(index_elements=["id"]), rows)


_SINKRON = ("instansi_id", "jenis", "sistem", "arah", "status", "tahun", "tambah", "ubah",
            "hapus", "gagal", "berhasil", "pesan", "waktu_mulai", "waktu_selesai")


@batch_handler
def sinkron_selesai(events, uow) -> None:
    rows = [{"id": e.sinkron_id, **{k: getattr(e, k) for k in _SINKRON},
             "diubah_at": env.occurred_at} for e, env in events]
    upsert_snapshots(uow.session, sinkron_rm, rows, version="diubah_at")
