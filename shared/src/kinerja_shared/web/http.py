"""The HTTP conventions every service follows (docs/ARCHITECTURE.md, "HTTP conventions").

- ``Blueprint``: flask-smorest's, with a ``url_prefix`` required and the suite's page sizes.
- ``created(body, view, **values)``: a create answers 201 with ``Location`` naming what it made.
- ``run_page(pagination_parameters, fn, ...)``: the one way a list is paged.
- ``unpaged(reason)``: a list bounded by its parent (the seven perilaku aspects of an SKP) says
  so in the OpenAPI document instead of paging.
"""
from __future__ import annotations

from typing import Any, Callable

import flask_smorest
from flask import current_app, url_for

from ..db.paging import Page, PageRequest
from .commands import run_query

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
UNPAGED_EXTENSION = "x-unpaged"


class Blueprint(flask_smorest.Blueprint):
    """A flask-smorest Blueprint that must have a ``url_prefix`` (every path of a service sits
    under a resource's prefix, so two blueprints never interleave their routes) and pages with
    the suite's sizes (``page_size`` 50 by default, at most 500)."""

    DEFAULT_PAGINATION_PARAMETERS = {"page": 1, "page_size": PAGE_SIZE,
                                     "max_page_size": MAX_PAGE_SIZE}

    def __init__(self, name: str, import_name: str, *, url_prefix: str, description: str,
                 **kwargs: Any) -> None:
        if not url_prefix or not url_prefix.startswith("/") or url_prefix == "/":
            raise ValueError(f"blueprint {name!r}: url_prefix must be a path like '/skp'")
        super().__init__(name, import_name, url_prefix=url_prefix, description=description,
                         **kwargs)


def created(body: Any, view: str | type, /, **values: Any) -> tuple[Any, int, dict[str, str]]:
    """``(body, 201, {"Location": ...})`` for a view's return: ``view`` is the MethodView class
    (or endpoint name) that serves the new resource, ``values`` its URL parameters. The
    location is the path a client calls, the gateway's ``/api/<service>`` prefix included."""
    return body, 201, {"Location": url_for(_endpoint(view), **values)}


def _endpoint(view: str | type) -> str:
    if isinstance(view, str):
        return view
    found = current_app.extensions.setdefault("kinerja_endpoints", {})
    if view not in found:
        for endpoint, func in current_app.view_functions.items():
            if getattr(func, "view_class", None) is view:
                found[view] = endpoint
                break
        else:
            raise LookupError(f"{view.__name__} is not a registered view")
    return found[view]


def run_page(pagination_parameters: Any, fn: Callable[..., Page], /, *args: Any,
             **kwargs: Any) -> list[Any]:
    """Call the query ``fn(uow, principal, *args, page=PageRequest, **kwargs) -> Page`` for the
    page flask-smorest's ``@blp.paginate()`` parsed, and give it the total for the
    ``X-Pagination`` header."""
    request = PageRequest(pagination_parameters.page, pagination_parameters.page_size)
    page = run_query(fn, *args, page=request, **kwargs)
    pagination_parameters.item_count = page.total
    return list(page.items)


def unpaged(reason: str) -> Callable[[Any], Any]:
    """Mark a list that is not paged because its parent bounds it; the reason is documented
    (OpenAPI extension ``x-unpaged``) and the HTTP-conventions test accepts the list."""
    def decorator(func: Any) -> Any:
        apidoc = dict(getattr(func, "_apidoc", {}))
        manual = dict(apidoc.get("manual_doc", {}))
        manual[UNPAGED_EXTENSION] = reason
        apidoc["manual_doc"] = manual
        func._apidoc = apidoc
        return func
    return decorator
