"""Golongan ruang of PNS with their pangkat (PP 99/2000; SIASN ids 11-45; DOMAIN.md §1)."""
from __future__ import annotations

# golongan -> (pangkat, SIASN id)
GOLONGAN: dict[str, tuple[str, int]] = {
    "I/a": ("Juru Muda", 11),
    "I/b": ("Juru Muda Tingkat I", 12),
    "I/c": ("Juru", 13),
    "I/d": ("Juru Tingkat I", 14),
    "II/a": ("Pengatur Muda", 21),
    "II/b": ("Pengatur Muda Tingkat I", 22),
    "II/c": ("Pengatur", 23),
    "II/d": ("Pengatur Tingkat I", 24),
    "III/a": ("Penata Muda", 31),
    "III/b": ("Penata Muda Tingkat I", 32),
    "III/c": ("Penata", 33),
    "III/d": ("Penata Tingkat I", 34),
    "IV/a": ("Pembina", 41),
    "IV/b": ("Pembina Tingkat I", 42),
    "IV/c": ("Pembina Utama Muda", 43),
    "IV/d": ("Pembina Utama Madya", 44),
    "IV/e": ("Pembina Utama", 45),
}


def golongan_valid(golongan: str) -> bool:
    return golongan in GOLONGAN


def pangkat(golongan: str) -> str:
    return GOLONGAN[golongan][0]


def pangkat_dari(golongan: str | None) -> str | None:
    """The pangkat of a golongan, None without one (a non-ASN, a golongan not recorded)."""
    entry = GOLONGAN.get(golongan) if golongan else None
    return entry[0] if entry else None
