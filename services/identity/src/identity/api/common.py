"""Small helpers the resources share."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from kinerja_shared.runtime import current_runtime

from ..wiring import Components, components


def runtime():
    return current_runtime()


def uow():
    return current_runtime().uow()


def comp() -> Components:
    return components(current_runtime())


def page_of(pagination_parameters, loader):
    """Run ``loader(page, page_size) -> (items, total)`` and tell flask-smorest the total."""
    items, total = loader(pagination_parameters.page, pagination_parameters.page_size)
    pagination_parameters.item_count = total
    return items


class IdPath(Schema):
    id = fields.Str(required=True)


def one_of(values, **kwargs):
    return fields.Str(validate=validate.OneOf(values), **kwargs)


def mmdd(value: str) -> None:
    if not isinstance(value, str) or len(value) != 5 or value[2] != "-":
        raise ValidationError("Tanggal harus berformat MM-DD.")


