"""What the service publishes about a keberatan, through the outbox in the transaction of the
change: ``diperbarui`` stages KeberatanDiperbarui, the whole keberatan with its history, once
per keberatan per transaction however often it is called, built just before the commit from
the rows as they will be committed, with ``versi`` + 1. The step events (Diajukan, Diputuskan,
Ditarik) are staged by the function taking the step."""
from __future__ import annotations

from sqlalchemy import select, update

from ..adapters.tables import keberatan, riwayat
from . import events

KUNCI = "keberatan"


def diperbarui(uow, keberatan_id: str) -> None:
    uow.once_before_commit((KUNCI, keberatan_id), lambda u: _terbitkan(u, keberatan_id))


def tahap(uow, event, row) -> None:
    uow.add_event(event, aggregate_id=row["id"], instansi_id=row["instansi_id"])


def _terbitkan(uow, keberatan_id: str) -> None:
    s = uow.session
    s.execute(update(keberatan).where(keberatan.c.id == keberatan_id).values(
        versi=keberatan.c.versi + 1))
    row = s.execute(select(keberatan).where(keberatan.c.id == keberatan_id)).mappings().one()
    langkah = s.execute(select(riwayat).where(riwayat.c.keberatan_id == keberatan_id)
                        .order_by(riwayat.c.id)).mappings().all()
    tahap(uow, events.keberatan_diperbarui(row, langkah), row)
