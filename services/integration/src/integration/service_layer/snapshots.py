"""What ``kinerja republish integration`` stages, without changing any row: every line of the
PMM sync log (PmmSinkronDicatat, built by ``events.pmm_sinkron_dicatat`` as live; a line never
changes and a consumer keeps it by its ``log_id``, so a copy it holds adds nothing).

Not republished: PmmNilaiDiimpor and PmmSkpDiimpor (the rows keep the scores but not everything
the event carries: the semester's dates, the unit, the penilai, the ``revisi``), SinkronSelesai
(a job's report; reporting orders its copies by the event's time, so a copy would count as a
newer report), PegawaiSiasnDiterima and UnorSiasnDiterima (identity would apply them again)."""
from __future__ import annotations

from typing import Iterator

from sqlalchemy import select

from ..adapters.pmm_tables import pmm_log
from . import events


def snapshots(uow) -> Iterator[tuple]:
    for row in uow.session.execute(select(pmm_log).order_by(pmm_log.c.id)).mappings():
        yield events.pmm_sinkron_dicatat(row), row["id"], row["instansi_id"]
