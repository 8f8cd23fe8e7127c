"""Events this service publishes: the declared list (``PUBLISHES``, given to
``ServiceDefinition.publishes``; a unit of work refuses any other type) and the functions that
build each event from this service's rows (docs/ARCHITECTURE.md, "Events"). What it consumes
is in ``handlers.py``.
"""
from __future__ import annotations

from typing import Any, Mapping

from kinerja_shared.db.times import as_utc
from kinerja_shared.events import EventPayload
from kinerja_shared.events.contracts.integration import (
    PegawaiSiasnDiterima,
    PmmNilaiDiimpor,
    PmmSinkronDicatat,
    PmmSkpDiimpor,
    SinkronSelesai,
    UnorSiasnDiterima,
)

PUBLISHES: tuple[type[EventPayload], ...] = (
    PegawaiSiasnDiterima, UnorSiasnDiterima, PmmSkpDiimpor, PmmNilaiDiimpor, PmmSinkronDicatat,
    SinkronSelesai,
)

Row = Mapping[str, Any]


PMM_LOG = ("sinkron_id", "instansi_id", "nip", "nama", "pegawai_id", "tipe_skp", "periode",
           "status", "kode", "keterangan", "catatan")


def pmm_sinkron_dicatat(row: Row) -> PmmSinkronDicatat:
    """A line of the PMM sync log (a ``pmm_log`` row)."""
    return PmmSinkronDicatat(log_id=row["id"], **{k: row[k] for k in PMM_LOG},
                             waktu=as_utc(row["waktu"]))


def sinkron_selesai(row: Row) -> SinkronSelesai:
    return SinkronSelesai(
        sinkron_id=row["id"], instansi_id=row["instansi_id"], jenis=row["jenis"],
        status=row["status"], tambah=row["tambah"], ubah=row["ubah"], hapus=row["hapus"],
        gagal=row["gagal"], berhasil=row["berhasil"], tahun=row["tahun"], arah=row["arah"],
        sistem=row["sistem"], pesan=row["pesan"], waktu_request=as_utc(row["waktu_request"]),
        waktu_mulai=as_utc(row["waktu_mulai"]), waktu_selesai=as_utc(row["waktu_selesai"]))
