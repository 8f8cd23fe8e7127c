"""Golongan ruang in order, with their pangkat (PP 99/2000; DOMAIN.md §1)."""
from __future__ import annotations

GOLONGAN: tuple[tuple[str, str], ...] = (
    ("I/a", "Juru Muda"), ("I/b", "Juru Muda Tingkat I"), ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"), ("II/a", "Pengatur Muda"), ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"), ("II/d", "Pengatur Tingkat I"), ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"), ("III/c", "Penata"), ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"), ("IV/b", "Pembina Tingkat I"), ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"), ("IV/e", "Pembina Utama"),
)
URUTAN = {g: i for i, (g, _) in enumerate(GOLONGAN)}
PANGKAT = dict(GOLONGAN)


def pangkat(golongan: str | None) -> str | None:
    return PANGKAT.get(golongan) if golongan else None


def berikutnya(golongan: str | None) -> str | None:
    """The next golongan ruang (None after IV/e or for an unknown one)."""
    i = URUTAN.get(golongan) if golongan else None
    return GOLONGAN[i + 1][0] if i is not None and i + 1 < len(GOLONGAN) else None


def di_antara(golongan: str, bawah: str, atas: str) -> bool:
    return URUTAN[bawah] <= URUTAN.get(golongan, -1) <= URUTAN[atas]
