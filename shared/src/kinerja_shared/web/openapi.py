"""What every service's OpenAPI document says beyond flask-smorest's defaults, so that a client
generated from it (or a fuzzer reading it) meets the API as it behaves.

- Error responses are ``application/problem+json`` with the problem schema (RFC 7807).
- ``X-Pagination`` is a JSON-encoded header: documented with ``content``, not as an object.
- Number fields: every bound a ``Range`` enforces is a number (a ``Decimal`` bound came out as a
  string) and an exclusive bound is marked exclusive; a ``Decimal(as_string=True)`` field is a
  string of digits, with its bounds as ``x-minimum``/``x-maximum``.
"""
from __future__ import annotations

import http
from decimal import Decimal
from typing import Any

import marshmallow as ma
from flask_smorest import Api
from flask_smorest.pagination import PaginationMetadataSchema
from flask_smorest.utils import prepare_response

PROBLEM_JSON = "application/problem+json"
DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"


class ProblemSchema(ma.Schema):
    """An error (RFC 7807 problem details); ``errors`` only for 422."""

    type = ma.fields.Str(metadata={"description": "Stable URI of the kind of problem."})
    title = ma.fields.Str(metadata={"description": "Short title of the kind of problem."})
    status = ma.fields.Int(metadata={"description": "HTTP status."})
    detail = ma.fields.Str(metadata={"description": "What happened, for the user (Indonesian)."})
    errors = ma.fields.Dict(
        keys=ma.fields.Str(), values=ma.fields.List(ma.fields.Str()),
        metadata={"description": "Messages per field (dotted path), on 422."})


class KinerjaApi(Api):
    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self) -> None:
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            content_type = self.DEFAULT_RESPONSE_CONTENT_TYPE
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
                content_type = PROBLEM_JSON
            prepare_response(response, self.spec, content_type)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Error (problem details)", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_JSON)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)

    def _register_pagination_header(self) -> None:
        self.spec.components.header("PAGINATION", {
            "description": "Paging of this list, JSON-encoded: total, total_pages, "
                           "first_page, last_page, page, previous_page, next_page.",
            "content": {"application/json": {"schema": PaginationMetadataSchema}},
        }, lazy=True)


def init_openapi(api: Api) -> None:
    api.ma_plugin.converter.add_attribute_function(number_bounds)


_BOUNDS = ("minimum", "maximum")


def number_bounds(_converter: Any, field: ma.fields.Field, ret: dict, **_kwargs: Any) -> dict:
    """Runs after apispec's own attribute functions, on what they produced."""
    if not isinstance(field, ma.fields.Number):
        return {}
    fixed: dict[str, Any] = {}
    for key in _BOUNDS:
        if key in ret:
            fixed[key] = _number(ret[key])
    for validator in field.validators:
        if isinstance(validator, ma.validate.Range):
            if validator.min is not None and not validator.min_inclusive:
                fixed["exclusiveMinimum"] = True
            if validator.max is not None and not validator.max_inclusive:
                fixed["exclusiveMaximum"] = True
    if isinstance(field, ma.fields.Decimal) and field.as_string:
        # a string has no numeric bounds: they move to x-minimum / x-maximum (removed from
        # ``ret`` itself, which apispec passes for exactly this kind of correction)
        for key in _BOUNDS:
            ret.pop(key, None)
        fixed = {"x-" + k: v for k, v in fixed.items()}
        fixed.update(type="string", format="decimal", pattern=DECIMAL_PATTERN)
    return fixed


def _number(value: Any) -> Any:
    if isinstance(value, (Decimal, str)):
        try:
            number = Decimal(str(value))
        except ArithmeticError:
            return value
        return int(number) if number == number.to_integral_value() else float(number)
    return value
