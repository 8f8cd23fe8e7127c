"""The HTTP conventions every service follows (docs/ARCHITECTURE.md, "HTTP conventions").

- ``Blueprint``: flask-smorest's, with a ``url_prefix`` required and the suite's page sizes;
  every integer it reads from a request is bounded (a 64-bit integer at most, unless the
  schema says less), so no number a client sends can overflow a database column into a 500.
- ``created(body, view, **values)``: a create answers 201 with ``Location`` naming what it made.
- ``run_page(pagination_parameters, fn, ...)``: the one way a list is paged.
- ``unpaged(reason)``: a list bounded by its parent (the seven perilaku aspects of an SKP) says
  so in the OpenAPI document instead of paging.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator

import flask_smorest
import flask_smorest.pagination as smorest_pagination
import marshmallow as ma
from flask import current_app, url_for

from ..db.paging import Page, PageRequest
from .commands import run_query

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
MAX_PAGE = 1_000_000  # past it an OFFSET overflows; no list of the suite has that many pages
INT64 = (-(2**63), 2**63 - 1)
UNPAGED_EXTENSION = "x-unpaged"
LOCATION_HEADER = {"description": "Path of the resource this request created; GET answers it.",
                   "schema": {"type": "string"}}


class Blueprint(flask_smorest.Blueprint):
    """A flask-smorest Blueprint that must have a ``url_prefix`` (every path of a service sits
    under a resource's prefix, so two blueprints never interleave their routes), pages with
    the suite's sizes (``page_size`` 50 by default, at most 500) and documents the
    ``Location`` header of every 201 response."""

    DEFAULT_PAGINATION_PARAMETERS = {"page": 1, "page_size": PAGE_SIZE,
                                     "max_page_size": MAX_PAGE_SIZE}

    def __init__(self, name: str, import_name: str, *, url_prefix: str, description: str,
                 **kwargs: Any) -> None:
        if not url_prefix or not url_prefix.startswith("/") or url_prefix == "/":
            raise ValueError(f"blueprint {name!r}: url_prefix must be a path like '/skp'")
        super().__init__(name, import_name, url_prefix=url_prefix, description=description,
                         **kwargs)

    def paginate(self, pager: Any = None, **kwargs: Any) -> Any:
        """flask-smorest's ``paginate`` with ``page`` bounded (1 to ``MAX_PAGE``)."""
        with _bounded_page():
            return super().paginate(pager, **kwargs)

    def arguments(self, schema: Any, **kwargs: Any) -> Any:
        """flask-smorest's ``arguments`` with every integer field bounded (``bounded_ints``)."""
        return super().arguments(bounded_ints(schema), **kwargs)

    def response(self, status_code: Any, schema: Any = None, **kwargs: Any) -> Any:
        if str(status_code) == "201":
            kwargs["headers"] = {"Location": LOCATION_HEADER, **(kwargs.get("headers") or {})}
        return super().response(status_code, schema, **kwargs)


def bounded_ints(schema: Any) -> Any:
    """The schema (an instance; a class is instantiated) with a 64-bit ``Range`` added to every
    integer field that has none, nested schemas and list items included: a year of 10**30 is a
    422 on its field instead of an overflow in the database driver. The instance's fields are
    its own copies (marshmallow copies declared fields per instance; the validators get a new
    list), so the class is untouched."""
    instance = schema() if isinstance(schema, type) else schema
    _bound(instance, set())
    return instance


def _bound(schema: ma.Schema, seen: set[int]) -> None:
    if id(schema) in seen:
        return
    seen.add(id(schema))
    for field in schema.fields.values():
        _bound_field(field, seen)


def _bound_field(field: ma.fields.Field, seen: set[int]) -> None:
    if isinstance(field, ma.fields.Integer) and not field.dump_only and not any(
            isinstance(v, ma.validate.Range) for v in field.validators):
        # a new list: marshmallow's per-instance field copies are shallow, sharing the class's
        field.validators = [*field.validators, ma.validate.Range(min=INT64[0], max=INT64[1])]
    elif isinstance(field, ma.fields.Nested) and isinstance(field.nested, (ma.Schema, type)):
        if not isinstance(field.nested, type) or issubclass(field.nested, ma.Schema):
            _bound(field.schema, seen)
    elif isinstance(field, ma.fields.List):
        _bound_field(field.inner, seen)
    elif isinstance(field, ma.fields.Dict) and field.value_field is not None:
        _bound_field(field.value_field, seen)


@contextmanager
def _bounded_page() -> Iterator[None]:
    """flask-smorest builds the paging schema in ``paginate`` from a module-level factory whose
    ``page`` has no maximum; while our ``paginate`` runs, the factory adds one."""
    original = smorest_pagination._pagination_parameters_schema_factory

    def factory(def_page: int, def_page_size: int, def_max_page_size: int) -> type:
        base = original(def_page, def_page_size, def_max_page_size)
        return type(base.__name__, (base,), {"page": ma.fields.Integer(
            load_default=def_page, validate=ma.validate.Range(min=1, max=MAX_PAGE))})

    smorest_pagination._pagination_parameters_schema_factory = factory
    try:
        yield
    finally:
        smorest_pagination._pagination_parameters_schema_factory = original


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
