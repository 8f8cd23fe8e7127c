"""Every integer a request carries is bounded (``kinerja_shared.web.http.bounded_ints``): a
number past 64 bits is a 422 on its field, not an overflow in the database driver (found by
fuzzing: ``?tahun=-2872761178945236502235682772615168`` was a 500 on SQLite)."""
from __future__ import annotations

import marshmallow as ma
import pytest
from marshmallow import fields, validate

from kinerja_shared.web.http import INT64, bounded_ints


class Baris(ma.Schema):
    urut = fields.Int()


class Isian(ma.Schema):
    tahun = fields.Int()
    bulan = fields.Int(validate=validate.Range(min=1, max=12))
    jumlah = fields.Int(dump_only=True)
    daftar = fields.List(fields.Int())
    baris = fields.Nested(Baris, many=True)
    per_kode = fields.Dict(keys=fields.Str(), values=fields.Int())


def test_unbounded_integers_get_a_64_bit_range_and_bounded_ones_keep_theirs():
    schema = bounded_ints(Isian)
    assert schema.load({"tahun": INT64[1], "daftar": [INT64[0]]})["tahun"] == INT64[1]
    with pytest.raises(ma.ValidationError) as refused:
        schema.load({"tahun": 10**30, "bulan": 13, "daftar": [1, -(10**20)],
                     "baris": [{"urut": 2**63}], "per_kode": {"a": 2**64}})
    errors = refused.value.messages
    assert set(errors) == {"tahun", "bulan", "daftar", "baris", "per_kode"}
    assert errors["bulan"] == ["Must be greater than or equal to 1 and less than or equal to 12."]
    ranges = [v for v in schema.fields["bulan"].validators if isinstance(v, validate.Range)]
    assert len(ranges) == 1  # its own range, not a second one
    assert not schema.fields["jumlah"].validators  # answers are not validated


def test_the_schema_class_is_left_as_declared():
    bounded_ints(Isian)
    assert not Isian().fields["tahun"].validators
    assert Isian().load({"tahun": 10**30})["tahun"] == 10**30
