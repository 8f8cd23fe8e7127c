"""Pola distribusi predikat per capaian kinerja organisasi (SE MenPAN-RB 3/2023).

Rules are data (``Aturan``) kept in the dated rule sets of ``aturan.py``. ``periksa`` judges a
distribution while it is still being filled in: with ``total`` pegawai to be assessed and only
some rated, an "at most" rule breaks as soon as it is exceeded, an "at least" rule only once
the pegawai still unrated could no longer make it true. With everybody rated both are exact.
Shares are compared as integers (count × 100 against percent × total), never floats.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

PALING_BANYAK = "PALING_BANYAK"  # share of the predikat set <= persen
PALING_SEDIKIT = "PALING_SEDIKIT"  # share >= persen
MINIMAL_SATU = "MINIMAL_SATU"  # at least one pegawai
TERBANYAK = "TERBANYAK"  # the set holds at least as many as any other single predikat


@dataclass(frozen=True)
class Aturan:
    jenis: str
    predikat: tuple[str, ...]
    persen: int = 0
    uraian: str = ""

    def jumlah(self, counts: Mapping[str, int]) -> int:
        return sum(counts.get(p, 0) for p in self.predikat)

    def dilanggar(self, counts: Mapping[str, int], total: int) -> bool:
        """Whether no completion of ``counts`` to ``total`` pegawai can satisfy the rule."""
        n = self.jumlah(counts)
        sisa = max(total - sum(counts.values()), 0)
        if self.jenis == PALING_BANYAK:
            return n * 100 > self.persen * total
        if self.jenis == PALING_SEDIKIT:
            return (n + sisa) * 100 < self.persen * total
        if self.jenis == MINIMAL_SATU:
            return total > 0 and n + sisa < 1
        if self.jenis == TERBANYAK:
            lain = [v for k, v in counts.items() if k not in self.predikat]
            return n + sisa < max(lain, default=0)
        raise ValueError(self.jenis)

    def batas(self, total: int) -> dict:
        """The allowed count range for ``total`` pegawai (for statistics and what-ifs)."""
        if self.jenis == PALING_BANYAK:
            return {"min": 0, "max": self.persen * total // 100}
        if self.jenis == PALING_SEDIKIT:
            return {"min": -(-self.persen * total // 100), "max": total}
        if self.jenis == MINIMAL_SATU:
            return {"min": min(1, total), "max": total}
        return {"min": None, "max": total}

    def to_dict(self, total: int | None = None) -> dict:
        out = {"jenis": self.jenis, "predikat": list(self.predikat), "persen": self.persen,
               "uraian": self.uraian}
        if total is not None:
            out.update(self.batas(total))
        return out


def periksa(aturan: tuple[Aturan, ...], counts: Mapping[str, int], total: int) -> list[Aturan]:
    """The rules the distribution ``counts`` (of ``total`` pegawai to assess) breaks."""
    total = max(total, sum(counts.values()))
    return [a for a in aturan if a.dilanggar(counts, total)]


def hitung(predikat: list[str | None]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for p in predikat:
        if p is not None:
            counts[p] = counts.get(p, 0) + 1
    return counts
