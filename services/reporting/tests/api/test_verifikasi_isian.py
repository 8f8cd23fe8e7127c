"""Checking a document by its SHA-256: a body that is not what the operation documents is a
422 naming the field, never a 500 (found by fuzzing the OpenAPI document)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("body, field", [
    ({"sha256": "0" * 65}, "sha256"),
    ({"sha256": "xyz"}, "sha256"),
    ({}, "sha256"),
    ({"sha256": "0" * 64, "lain": 1}, "lain"),
    ([1, 2], "sha256"),
])
def test_a_bad_sha256_body_is_422_on_its_field(client, body, field):
    r = client.post("/verifikasi/0", json=body)
    assert r.status_code == 422, r.get_json()
    assert r.content_type.startswith("application/problem+json")
    assert field in r.get_json()["errors"]
