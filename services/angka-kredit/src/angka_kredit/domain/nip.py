"""What an 18-digit NIP says (DOMAIN.md §1): birth date ``YYYYMMDD`` (digits 1-8), TMT CPNS
``YYYYMM`` (9-14), sex (15: 1 male, 2 female), sequence (16-18)."""
from __future__ import annotations

from datetime import date


def tanggal_lahir(nip: str | None) -> date | None:
    if not nip or len(nip) != 18 or not nip.isdigit():
        return None
    try:
        return date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return None


def jenis_kelamin(nip: str | None) -> str | None:
    if not nip or len(nip) != 18 or not nip.isdigit():
        return None
    return {"1": "L", "2": "P"}.get(nip[14])
