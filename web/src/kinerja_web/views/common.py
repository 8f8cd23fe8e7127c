"""What every page's view uses: API calls that turn 404/403 into pages, paging, forms."""
from __future__ import annotations

from typing import Any

from flask import abort, flash, g, render_template, request

from ..api import Jawaban
from ..sesi import panggil_api

PAGE_SIZE = 25


def api(method: str, service: str, path: str, **kw) -> Jawaban:
    return panggil_api(method, service, path, **kw)


def ambil(service: str, path: str, **kw) -> Any:
    """GET that must work: 404 (not there, or not the user's to see) and 403 become pages."""
    j = panggil_api("GET", service, path, **kw)
    if j.status in (403, 404):
        abort(j.status)
    if not j.ok:
        abort(502 if j.status >= 500 else j.status)
    return j.body


def halaman_ke() -> int:
    try:
        return max(1, min(int(request.args.get("halaman", 1)), 1_000_000))
    except ValueError:
        return 1


def daftar(service: str, path: str, params: dict | None = None, page_size: int = PAGE_SIZE
           ) -> tuple[list, dict]:
    """One page of a paged list: ``(items, paging)`` with ``page``, ``total_pages``,
    ``total``."""
    j = panggil_api("GET", service, path, params={**(params or {}), "page": halaman_ke(),
                                                   "page_size": page_size})
    if j.status in (403, 404):
        abort(j.status)
    if not j.ok:
        flash(j.detail, "galat")
        return [], {"page": 1, "total_pages": 1, "total": 0}
    p = j.paging
    return j.body or [], {"page": p.get("page", 1), "total_pages": p.get("total_pages", 1),
                          "total": p.get("total", len(j.body or []))}


def hasil(j: Jawaban, berhasil: str | None = None) -> bool:
    """After a write: flash the outcome; True when it worked. 422's field errors are kept in
    ``g.errors`` for the form that is shown again."""
    if j.ok:
        if berhasil:
            flash(berhasil, "sukses")
        return True
    if j.status in (403, 404) and not j.errors:
        abort(j.status)
    g.errors = j.errors
    flash(j.detail, "galat")
    return False


def form_kosong(nilai: dict | None = None) -> dict:
    return dict(nilai or {})


def render(template: str, status: int = 200, **ctx):
    ctx.setdefault("errors", g.get("errors") or {})
    ctx.setdefault("nilai", request.form if request.method == "POST" else {})
    return render_template(template, **ctx), status
