"""Marshmallow fields shared by the skp schemas."""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate

from kinerja_shared.events.types import (AspekIndikator, AspekPerilaku, JenisRhk, ModelSkp,
                                         Pendekatan, PenilaiPerilaku, Perspektif, ReferensiRhk)


def enum(literal, **kw) -> fields.String:
    values = list(literal.__args__)
    metadata = {"enum": values, **kw.pop("metadata", {})}
    return fields.String(validate=validate.OneOf(values), metadata=metadata, **kw)


class Angka(fields.Field):
    """A target: a number or a numeric/narrative string, kept as a string (no float drift)."""

    DESCRIPTION = ("A number or text; answered as text (a number as decimal text). Whether "
                   "it must be numeric, and its range, is stated on the operation.")

    def __init__(self, **kwargs) -> None:
        metadata = dict(kwargs.pop("metadata", {}))
        given = metadata.get("description")
        metadata["description"] = f"{given}. {self.DESCRIPTION}" if given else self.DESCRIPTION
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ValidationError("Harus berupa angka atau teks.")
        return str(value).strip()

    def _serialize(self, value, attr, obj, **kwargs):
        return value


STATUS = ["DRAFT", "DIAJUKAN", "DIKEMBALIKAN", "DISETUJUI"]
__all__ = ["Angka", "enum", "AspekIndikator", "AspekPerilaku", "JenisRhk", "ModelSkp",
           "Pendekatan", "PenilaiPerilaku", "Perspektif", "ReferensiRhk", "STATUS"]
