"""Reads of the Perjanjian Kinerja aggregate: the whole PK (what GET /perjanjian-kinerja/{id}
and every write to it answer), its sasaran and their indikator, the list."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_shared.auth.principal import Principal
from kinerja_shared.db.paging import Page, PageRequest, fetch_page
from kinerja_shared.errors import NotFound

from ..adapters.skp_tables import perjanjian_kinerja as pk, pk_indikator, pk_sasaran
from ..service_layer import perjanjian as service

HEADER_KEYS = ("id", "instansi_id", "pegawai_id", "tahun", "dibuat_at")
INDIKATOR_KEYS = ("id", "uraian", "target", "satuan")


def _lengkap(session: Session, rows: Sequence) -> list[dict[str, Any]]:
    """Whole PKs: header, sasaran in order, each with its indikator in order."""
    ids = [r["id"] for r in rows]
    if not ids:
        return []
    sasaran = session.execute(select(pk_sasaran).where(
        pk_sasaran.c.perjanjian_kinerja_id.in_(ids)).order_by(pk_sasaran.c.urutan)
    ).mappings().all()
    inds: dict[str, list[dict]] = defaultdict(list)
    if sasaran:
        for i in session.execute(select(pk_indikator).where(pk_indikator.c.sasaran_id.in_(
                [s["id"] for s in sasaran])).order_by(pk_indikator.c.urutan)).mappings():
            inds[i["sasaran_id"]].append({k: i[k] for k in INDIKATOR_KEYS})
    per_pk: dict[str, list[dict]] = defaultdict(list)
    for s in sasaran:
        per_pk[s["perjanjian_kinerja_id"]].append(
            {"id": s["id"], "uraian": s["uraian"], "indikator": inds[s["id"]]})
    return [{**{k: r[k] for k in HEADER_KEYS}, "sasaran": per_pk[r["id"]]} for r in rows]


def perjanjian_kinerja(uow, principal: Principal, pk_id: str) -> dict[str, Any]:
    """The whole PK (owner, admins of its instansi; 404 otherwise)."""
    return _lengkap(uow.session, [service.muat(uow.session, principal, pk_id)])[0]


def daftar(uow, principal: Principal, *, page: PageRequest, tahun: int | None = None,
           pegawai_id: str | None = None) -> Page:
    """The PKs the caller may see (``perjanjian.terlihat``), newest year first."""
    stmt = select(pk).where(*service.terlihat(principal))
    if tahun:
        stmt = stmt.where(pk.c.tahun == tahun)
    if pegawai_id:
        stmt = stmt.where(pk.c.pegawai_id == pegawai_id)
    found = fetch_page(uow.session, stmt, page, pk.c.tahun.desc(), pk.c.id)
    return Page(_lengkap(uow.session, found.items), found.total)


def sasaran(uow, principal: Principal, pk_id: str, sasaran_id: str) -> dict[str, Any]:
    found = next((s for s in perjanjian_kinerja(uow, principal, pk_id)["sasaran"]
                  if s["id"] == sasaran_id), None)
    if found is None:
        raise NotFound("Sasaran strategis tidak ditemukan.")
    return found


def indikator(uow, principal: Principal, pk_id: str, sasaran_id: str, indikator_id: str
              ) -> dict[str, Any]:
    found = next((i for i in sasaran(uow, principal, pk_id, sasaran_id)["indikator"]
                  if i["id"] == indikator_id), None)
    if found is None:
        raise NotFound("Indikator tidak ditemukan.")
    return found
