"""integration's read model of skp: which pegawai have an approved SKP for which years (the PMM
sync's check that the atasan made the organisation SKP first, manual §2.10)."""
from __future__ import annotations

import sqlalchemy as sa

from kinerja_shared.messaging.dispatcher import batch_handler

from ..adapters.pmm_tables import skp_ref


@batch_handler
def skp_disetujui(events, uow) -> None:
    for p, _ in events:
        uow.session.execute(skp_ref.delete().where(skp_ref.c.skp_id == p.skp_id))
        uow.session.execute(skp_ref.insert().values(
            skp_id=p.skp_id, pegawai_id=p.pegawai.id, tahun_awal=p.periode_awal.year,
            tahun_akhir=p.periode_akhir.year, aktif=True))


@batch_handler
def skp_dibatalkan(events, uow) -> None:
    for p, _ in events:
        uow.session.execute(sa.update(skp_ref).where(skp_ref.c.skp_id == p.skp_id)
                            .values(aktif=False))
