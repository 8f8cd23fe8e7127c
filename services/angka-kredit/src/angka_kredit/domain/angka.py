"""Decimal arithmetic of angka kredit: values are kept to 6 decimals and shown to 3, both
ROUND_HALF_UP (BKN shows 7/12 × 150 % × 12.5 = 10.9375 as 10.938). Sums and comparisons are
made exactly on twelfths (``ak12`` = months × persentase × koefisien, a finite decimal), so
twelve monthly 2.083333… make exactly 25, never 24.999996."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

SIMPAN = Decimal("0.000001")
TAMPIL = Decimal("0.001")
DUA_BELAS = Decimal(12)
_CTX = Context(prec=34, rounding=ROUND_HALF_UP)


def desimal(nilai: Decimal | int | str) -> Decimal:
    """A Decimal from an exact value; a float is refused (it cannot be exact)."""
    if isinstance(nilai, float):
        raise TypeError("angka kredit tidak boleh float")
    return nilai if isinstance(nilai, Decimal) else Decimal(nilai)


def dari_ak12(ak12: Decimal) -> Decimal:
    """The value of ``ak12`` twelfths, kept to 6 decimals."""
    return _CTX.divide(desimal(ak12), DUA_BELAS).quantize(SIMPAN, rounding=ROUND_HALF_UP)


def simpan(nilai: Decimal) -> Decimal:
    return desimal(nilai).quantize(SIMPAN, rounding=ROUND_HALF_UP)


def tampil(nilai: Decimal | None) -> str | None:
    """Three decimals as BKN shows them: 10.9375 -> "10.938" (ROUND_HALF_UP, not banker's
    rounding: 0.0625 -> "0.063")."""
    if nilai is None:
        return None
    return str(desimal(nilai).quantize(TAMPIL, rounding=ROUND_HALF_UP))


def teks(nilai: Decimal | None) -> str | None:
    """A stored value without trailing zeros ("10.9375", "25", "-39.0625")."""
    if nilai is None:
        return None
    n = desimal(nilai).normalize()
    return format(n, "f")
