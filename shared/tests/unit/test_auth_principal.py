"""Principal: roles and instansi scope."""
from __future__ import annotations

import pytest

from kinerja_shared.auth.principal import InvalidClaims, Principal


def test_pegawai_role_is_always_implied():
    assert Principal("p-1").roles == {"pegawai"}
    assert Principal("p-1", roles=frozenset({"admin_pusat"})).roles == {"pegawai", "admin_pusat"}


def test_admin_pusat_administers_and_sees_every_instansi():
    p = Principal("p-1", instansi_id="i-1", roles=frozenset({"admin_pusat"}))
    assert p.is_admin_pusat and not p.is_admin_instansi
    assert p.can_admin_instansi("i-2") and p.sees_instansi("i-2")


def test_admin_instansi_administers_only_own_instansi():
    p = Principal("p-1", instansi_id="i-1", roles=frozenset({"admin_instansi"}))
    assert p.can_admin_instansi("i-1")
    assert not p.can_admin_instansi("i-2") and not p.sees_instansi("i-2")


def test_plain_pegawai_sees_own_instansi_and_administers_none():
    p = Principal("p-1", instansi_id="i-1")
    assert p.sees_instansi("i-1") and not p.sees_instansi(None)
    assert not p.can_admin_instansi("i-1")
    assert p.has_role("pegawai") and not p.has_role("admin_instansi", "admin_pusat")


def test_claims_round_trip():
    p = Principal("p-1", nip="199001012015011001", nama="Budi", instansi_id="i-1",
                  roles=frozenset({"admin_instansi"}), token_id="t-1")
    assert Principal.from_claims(p.to_claims()) == p


@pytest.mark.parametrize("claims", [
    {},
    {"sub": ""},
    {"sub": 5},
    {"sub": "p", "roles": "admin_pusat"},
    {"sub": "p", "roles": [1]},
    {"sub": "p", "instansi_id": 7},
])
def test_malformed_claims_are_refused(claims):
    with pytest.raises(InvalidClaims):
        Principal.from_claims(claims)
