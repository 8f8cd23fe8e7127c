"""A filtered, paged list whose filters the API validates: a refused filter (422) is shown next
to its field with the list left empty, instead of a generic message."""
from __future__ import annotations

from flask import abort, flash

from .common import PAGE_SIZE, api, halaman_ke

KOSONG = {"page": 1, "total_pages": 1, "total": 0}


def daftar_tersaring(service: str, path: str, params: dict, page_size: int = PAGE_SIZE
                     ) -> tuple[list, dict, dict]:
    """``(items, paging, errors)`` of one page."""
    j = api("GET", service, path, params={**params, "page": halaman_ke(),
                                          "page_size": page_size})
    if j.status == 422:
        return [], dict(KOSONG), j.errors
    if j.status in (403, 404):
        abort(j.status)
    if not j.ok:
        flash(j.detail, "galat")
        return [], dict(KOSONG), {}
    p = j.paging
    return j.body or [], {"page": p.get("page", 1), "total_pages": p.get("total_pages", 1),
                          "total": p.get("total", len(j.body or []))}, {}
