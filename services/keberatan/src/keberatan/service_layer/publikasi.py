"""What the service publishes about a keberatan, through the outbox in the transaction of the
change: ``diperbarui`` stages KeberatanDiperbarui, the whole keberatan with its history, once
per keberatan per transaction however often it is called, built just before the commit from
the rows as they will be committed, with ``versi`` + 1. The step events (Diajukan, Diputuskan,
Ditarik) are staged by the function taking the step. ``snapshots`` gives every keberatan's
KeberatanDiperbarui at its current ``versi`` (``kinerja republish keberatan``); the step events
are a log, not state, and are not republished."""
from __future__ import annotations

from typing import Iterator

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
    tahap(uow, _diperbarui(s, row), row)


def _diperbarui(s, row):
    langkah = s.execute(select(riwayat).where(riwayat.c.keberatan_id == row["id"])
                        .order_by(riwayat.c.id)).mappings().all()
    return events.keberatan_diperbarui(row, langkah)


def snapshots(uow) -> Iterator[tuple[events.KeberatanDiperbarui, str, str]]:
    """KeberatanDiperbarui of every keberatan as its rows stand, without changing any row (its
    ``versi`` stays: a consumer that already holds it ignores the copy)."""
    s = uow.session
    ids = list(s.execute(select(keberatan.c.id).order_by(keberatan.c.id)).scalars())
    for keberatan_id in ids:
        row = s.execute(select(keberatan).where(keberatan.c.id == keberatan_id)).mappings().one()
        yield _diperbarui(s, row), row["id"], row["instansi_id"]
