"""Paging of a query: the service function takes a ``PageRequest`` and answers a ``Page``.

    def daftar(uow, principal, *, nama=None, page: PageRequest) -> Page:
        stmt = select(instansi).where(...)
        return fetch_page(uow.session, stmt, page, instansi.c.nama, instansi.c.id)

The web side (``web.http.run_page``) turns the page request of flask-smorest's ``paginate``
into a ``PageRequest`` and the ``Page``'s total into the ``X-Pagination`` header.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, Sequence, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")


@dataclass(frozen=True)
class PageRequest:
    page: int = 1
    page_size: int = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def limit(self) -> int:
        return self.page_size


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    total: int


def fetch_page(session: Session, stmt: Select, page: PageRequest, *order_by: Any) -> Page[dict]:
    """One page of ``stmt`` (rows as dicts) in ``order_by`` order (end with a unique column so
    pages never overlap), and the total count of ``stmt``."""
    total = session.execute(select(func.count()).select_from(stmt.order_by(None).subquery())
                            ).scalar_one()
    if order_by:
        stmt = stmt.order_by(*order_by)
    rows = session.execute(stmt.offset(page.offset).limit(page.limit)).mappings().all()
    return Page([dict(r) for r in rows], total)
