"""Applying what SIASN says of a pegawai or unit without losing a local edit (issue 13;
DOMAIN.md §8: SIASN is the source of personnel data, e-Kinerja keeps what its admins set).

Three values per field: ``lokal`` (identity now), ``basis`` (what SIASN said last time it was
applied) and ``siasn`` (what SIASN says now). SIASN's value is taken when the local value is
still the basis (nobody edited it here) or empty; when an admin changed the field here and
SIASN's value differs from it, the local value stays and the field is a conflict, listed for an
admin to decide (take SIASN's value or keep ours). A record identity made itself before SIASN
ever sent it has no basis: each of its fields that SIASN fills differently is a conflict.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Iterable, Mapping

PEGAWAI = ("nama", "gelar_depan", "gelar_belakang", "unor_id", "jabatan", "kategori_jabatan",
           "jenjang", "golongan", "tmt_golongan", "tmt_jabatan", "status_kepegawaian")
UNOR = ("nama", "eselon", "unor_atasan_id", "unor_induk_id")
# a None from SIASN for these means "SIASN does not say", never "clear it"
TIDAK_DIKOSONGKAN = frozenset({"status_kepegawaian", "unor_id", "unor_atasan_id",
                               "unor_induk_id"})


def nilai(value: Any) -> Any:
    """A value as the basis keeps it (JSON)."""
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def gabung(lokal: Mapping[str, Any] | None, basis: Mapping[str, Any] | None,
           siasn: Mapping[str, Any], fields: Iterable[str]
           ) -> tuple[dict[str, Any], list[tuple[str, Any, Any]]]:
    """(the fields to change, the conflicts ``(field, lokal, siasn)``)."""
    ubah: dict[str, Any] = {}
    konflik: list[tuple[str, Any, Any]] = []
    for field in fields:
        if field not in siasn:
            continue
        s = siasn[field]
        if s is None and field in TIDAK_DIKOSONGKAN:
            continue
        if lokal is None:
            ubah[field] = s
            continue
        here = lokal.get(field)
        if nilai(here) == nilai(s):
            continue
        if here in (None, "") or (basis is not None and field in basis
                                  and nilai(here) == basis[field]):
            ubah[field] = s
        else:
            konflik.append((field, nilai(here), nilai(s)))
    return ubah, konflik


def basis_baru(siasn: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    return {f: nilai(siasn[f]) for f in fields if f in siasn and not (
        siasn[f] is None and f in TIDAK_DIKOSONGKAN)}
