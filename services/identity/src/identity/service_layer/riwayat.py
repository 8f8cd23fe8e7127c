"""Reading the change history (who changed what and when)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kinerja_shared.auth import Principal

from ..adapters.tables import riwayat


def daftar(uow, principal: Principal, *, filters: dict[str, Any], page: int, page_size: int):
    """Admins only; an admin_instansi sees the history of his own instansi."""
    stmt = sa.select(riwayat)
    if not principal.is_admin_pusat:
        stmt = stmt.where(riwayat.c.instansi_id == principal.instansi_id)
    for kolom in ("entitas", "entitas_id", "instansi_id", "oleh_pegawai_id", "aksi"):
        if filters.get(kolom) is not None:
            stmt = stmt.where(riwayat.c[kolom] == filters[kolom])
    with uow:
        total = uow.session.execute(sa.select(sa.func.count()).select_from(stmt.subquery())).scalar_one()
        rows = uow.session.execute(stmt.order_by(riwayat.c.id.desc())
                                   .offset((page - 1) * page_size).limit(page_size)).mappings().all()
    return [dict(r) for r in rows], total
