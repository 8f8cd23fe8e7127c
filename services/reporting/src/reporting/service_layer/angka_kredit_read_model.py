"""reporting's read model of angka-kredit: one ``angka_kredit_rm`` row per AK row, the newest
AngkaKreditDitetapkan / PakDitandatangani by ``revisi`` (set-wise, one statement per run);
PakDitandatangani also keeps the PAK template in force at signing (published once per row, and
a signed PAK never changes, so it is set whatever order the two events arrive in)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import update

from kinerja_shared.db.readmodel import upsert_snapshots
from kinerja_shared.events.contracts import angka_kredit as akev
from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.tables import angka_kredit_rm


def _baris(event: akev.AngkaKreditDitetapkan | akev.PakDitandatangani,
           instansi_id: str | None) -> dict[str, Any]:
    jabatan = event.jabatan
    snapshot = event.model_dump(mode="json")
    snapshot.pop("template", None)
    return {
        "id": event.angka_kredit_id,
        "instansi_id": event.instansi_id or instansi_id or "",
        "pegawai_id": event.pegawai.id,
        "unor_id": (jabatan.unor_id if jabatan else None) or event.pegawai.unor_id,
        "tahun": event.tahun,
        "sumber": event.sumber,
        "status": event.status,
        "aktif": event.aktif,
        "metode_tanda_tangan": event.metode_tanda_tangan,
        "periode_awal": event.periode_awal,
        "revisi": event.revisi,
        "snapshot": snapshot,
    }


@batch_handler
def angka_kredit_ditetapkan(events, uow) -> None:
    upsert_snapshots(uow.session, angka_kredit_rm,
                     [_baris(event, envelope.instansi_id) for event, envelope in events])


@batch_handler
def pak_ditandatangani(events, uow) -> None:
    s = uow.session
    upsert_snapshots(s, angka_kredit_rm,
                     [_baris(event, envelope.instansi_id) for event, envelope in events])
    for event, _ in events:
        if event.template is not None:
            s.execute(update(angka_kredit_rm).where(
                angka_kredit_rm.c.id == event.angka_kredit_id).values(
                template=event.template.model_dump(mode="json")))
