"""The rows of whole SKPs, several at once: the header, RHK (in ``urutan`` order), their
indikator, the perilaku rows. The read views (``views``) and the events
(``service_layer/events.py``) each shape their own answer from these rows."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from .skp_tables import indikator, perilaku, rhk, skp

Row = dict[str, Any]


def skp_row(session: Session, skp_id: str, *, kunci: bool = False) -> Row | None:
    """The SKP's header row (locked for update when ``kunci``), or None."""
    stmt = select(skp).where(skp.c.id == skp_id)
    if kunci:
        stmt = stmt.with_for_update()
    row = session.execute(stmt).mappings().one_or_none()
    return dict(row) if row is not None else None


def rhk_per_skp(session: Session, skp_ids: Sequence[str]) -> dict[str, list[Row]]:
    """skp id -> its RHK rows in ``urutan`` order."""
    out: dict[str, list[Row]] = defaultdict(list)
    for r in session.execute(select(rhk).where(rhk.c.skp_id.in_(skp_ids))
                             .order_by(rhk.c.urutan)).mappings():
        out[r["skp_id"]].append(dict(r))
    return out


def indikator_per_rhk(session: Session, skp_ids: Sequence[str]) -> dict[str, list[Row]]:
    """rhk id -> its indikator rows in ``urutan`` order (of every RHK of ``skp_ids``)."""
    out: dict[str, list[Row]] = defaultdict(list)
    for i in session.execute(select(indikator).where(indikator.c.skp_id.in_(skp_ids))
                             .order_by(indikator.c.urutan)).mappings():
        out[i["rhk_id"]].append(dict(i))
    return out


def perilaku_per_skp(session: Session, skp_ids: Sequence[str]) -> dict[str, dict[str, Row]]:
    """skp id -> aspek -> its perilaku row."""
    out: dict[str, dict[str, Row]] = defaultdict(dict)
    for p in session.execute(select(perilaku).where(perilaku.c.skp_id.in_(skp_ids))).mappings():
        out[p["skp_id"]][p["aspek"]] = dict(p)
    return out
