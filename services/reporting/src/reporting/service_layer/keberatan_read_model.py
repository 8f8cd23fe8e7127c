"""reporting's read model of keberatan: each keberatan as its newest KeberatanDiperbarui (by
``versi``; set-wise, one statement per run). The other keberatan events carry less and are not
needed: every change is also a KeberatanDiperbarui."""
from __future__ import annotations

from typing import Any

from kinerja_shared.db.readmodel import upsert_snapshots
from kinerja_shared.events.contracts import keberatan as kbev
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.tables import keberatan_rm


def _baris(event: kbev.KeberatanDiperbarui, instansi_id: str | None) -> dict[str, Any]:
    return {"id": event.keberatan_id, "instansi_id": instansi_id or "",
            "penilaian_id": event.penilaian_id, "pegawai_id": event.pegawai.id,
            "unor_id": event.unor_id or event.pegawai.unor_id, "tahun": event.tahun,
            "status": event.status, "diajukan_at": event.diajukan_at, "versi": event.versi,
            "snapshot": event.model_dump(mode="json")}


@batch_handler
def keberatan_diperbarui(events, uow) -> None:
    upsert_snapshots(uow.session, keberatan_rm,
                     [_baris(event, envelope.instansi_id) for event, envelope in events],
                     version="versi")
