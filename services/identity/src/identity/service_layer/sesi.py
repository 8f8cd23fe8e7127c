"""Revoked sessions: every token of a pegawai issued before now stops working.

identity applies a revocation in the transaction that causes it (a password change or reset,
a deactivation, a deletion, "log out everywhere") and publishes SesiDicabut so every other
service refuses the same tokens (kinerja_shared.auth.revocation has the rule and the table;
domain.sesi the reasons).
"""
from __future__ import annotations

from datetime import datetime

from kinerja_shared.auth.access import ensure_admin_of
from kinerja_shared.auth.principal import Principal
from kinerja_shared.auth.revocation import cutoff_after, record
from kinerja_shared.clock import now
from kinerja_shared.db import UnitOfWork
from kinerja_shared.errors import Forbidden

from ..adapters.tables import pegawai
from ..domain.sesi import KELUAR_SEMUA
from . import events
from .common import catat, row_or_404


def cabut(uow: UnitOfWork, *, pegawai_id: str, instansi_id: str, alasan: str) -> datetime:
    """Revoke every token of the pegawai issued until now, and stage SesiDicabut. Returns the
    cutoff (tokens with an earlier ``iat`` are refused)."""
    cutoff = cutoff_after(now())
    record(uow.session, [(pegawai_id, cutoff, alasan)])
    uow.add_event(events.sesi_dicabut(pegawai_id=pegawai_id, instansi_id=instansi_id,
                                      dicabut_sebelum=cutoff, alasan=alasan),
                  aggregate_id=pegawai_id, instansi_id=instansi_id)
    return cutoff


def cabut_banyak(uow: UnitOfWork, items: list[tuple[str, str, str]]) -> None:
    """Revoke the tokens of many pegawai, ``(pegawai_id, instansi_id, alasan)``, with one
    statement and one outbox insert (a bulk import that deactivates accounts)."""
    if not items:
        return
    cutoff = cutoff_after(now())
    record(uow.session, [(pegawai_id, cutoff, alasan) for pegawai_id, _, alasan in items])
    uow.add_events([(events.sesi_dicabut(pegawai_id=pegawai_id, instansi_id=instansi_id,
                                         dicabut_sebelum=cutoff, alasan=alasan),
                     pegawai_id, instansi_id) for pegawai_id, instansi_id, alasan in items])


def keluar_semua(uow: UnitOfWork, principal: Principal, pegawai_id: str) -> dict:
    """Log a pegawai out everywhere: oneself, or an admin of the pegawai's instansi (only an
    admin_pusat for an admin_pusat account); 404 for another instansi's pegawai. Answers the
    pegawai."""
    row = row_or_404(uow, pegawai, pegawai_id)
    if pegawai_id != principal.pegawai_id:
        ensure_admin_of(principal, row["instansi_id"])
        if "admin_pusat" in row["roles"] and not principal.is_admin_pusat:
            raise Forbidden("Hanya admin pusat yang dapat mengeluarkan sesi admin pusat.")
    cabut(uow, pegawai_id=pegawai_id, instansi_id=row["instansi_id"], alasan=KELUAR_SEMUA)
    catat(uow, principal, entitas="pegawai", entitas_id=pegawai_id,
          instansi_id=row["instansi_id"], aksi=KELUAR_SEMUA)
    return row
