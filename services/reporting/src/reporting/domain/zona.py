"""The abbreviation Indonesians print after a time, per IANA zone (Perpres 41/1987)."""
from __future__ import annotations

SINGKATAN = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA",
             "Asia/Jayapura": "WIT", "UTC": "UTC"}


def singkatan(zona: str) -> str:
    return SINGKATAN.get(zona, zona)
