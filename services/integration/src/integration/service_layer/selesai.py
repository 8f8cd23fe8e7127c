"""The end of a job: its status, SinkronSelesai (outbox) and the SINKRON feed entry, in one
transaction."""
from __future__ import annotations

import sqlalchemy as sa

from ..adapters.tables import sinkron
from . import antrean, events, feed


def tutup(uow, klaim: antrean.Klaim, *, status: str = antrean.SELESAI,
          pesan: str | None = None) -> dict:
    antrean.selesai(uow, klaim, status=status, pesan=pesan)
    row = dict(uow.session.execute(sa.select(sinkron).where(sinkron.c.id == klaim.id))
               .mappings().one())
    payload = events.sinkron_selesai(row)
    uow.add_event(payload, aggregate_id=row["id"], instansi_id=row["instansi_id"])
    feed.tambah(uow, row["instansi_id"], [("SINKRON", row["id"], row["tahun"],
                                           payload.model_dump(mode="json"))])
    return row
