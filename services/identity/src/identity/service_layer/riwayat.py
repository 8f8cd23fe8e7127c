"""Reading the change history (who changed what and when)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kinerja_shared.auth.principal import Principal
from kinerja_shared.db import UnitOfWork
from kinerja_shared.db.paging import Page, PageRequest, fetch_page

from ..adapters.tables import riwayat


def daftar(uow: UnitOfWork, principal: Principal, *, filters: dict[str, Any],
           page: PageRequest) -> Page[dict]:
    """Admins only (the view requires an admin role); an admin_instansi sees the history of
    their own instansi. Newest first."""
    stmt = sa.select(riwayat)
    if not principal.is_admin_pusat:
        stmt = stmt.where(riwayat.c.instansi_id == principal.instansi_id)
    for kolom in ("entitas", "entitas_id", "instansi_id", "oleh_pegawai_id", "aksi"):
        if filters.get(kolom) is not None:
            stmt = stmt.where(riwayat.c[kolom] == filters[kolom])
    return fetch_page(uow.session, stmt, page, riwayat.c.id.desc())
