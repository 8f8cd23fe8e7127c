"""Shapes of RHK, indikator, manual indikator and Matriks Peran Hasil."""
from __future__ import annotations

from marshmallow import fields

from ..skp.schemas import (IndikatorSchema, ManualIndikatorSchema, MatriksPeranSchema,
                           RhkPatchSchema, RhkSchema)


class IndikatorPatchSchema(IndikatorSchema):
    uraian = fields.String()


class RhkAtasanSchema(RhkSchema):
    skp_id = fields.String(metadata={"description": "the pejabat penilai's approved SKP"})
    pegawai_id = fields.String()


__all__ = ["IndikatorPatchSchema", "IndikatorSchema", "ManualIndikatorSchema",
           "MatriksPeranSchema", "RhkAtasanSchema", "RhkPatchSchema", "RhkSchema"]
