"""Server-drawn SVG bar charts of the predikat distribution (no script, no inline style: the
CSP allows neither), with the counts in a table next to them for screen readers."""
from __future__ import annotations

from .format import PREDIKAT, label

LEBAR, TINGGI, KAKI = 420, 200, 40


def distribusi(jumlah: dict[str, int], aturan: list[dict] | None = None) -> dict:
    """Bars per predikat and the allowed range of each rule of the pola: what the template
    draws."""
    maks = max([*jumlah.values(), *[a.get("max") or 0 for a in aturan or []], 1])
    lebar_batang = LEBAR // len(PREDIKAT)
    batang = []
    for i, p in enumerate(PREDIKAT):
        n = int(jumlah.get(p, 0))
        h = round((TINGGI - 20) * n / maks)
        batang.append({"predikat": p, "label": label(p), "n": n, "x": i * lebar_batang + 8,
                       "w": lebar_batang - 16, "y": TINGGI - h, "h": h,
                       "tx": i * lebar_batang + lebar_batang // 2})
    rules = []
    for a in aturan or []:
        aktual = sum(int(jumlah.get(p, 0)) for p in a.get("predikat", []))
        lo, hi = a.get("min"), a.get("max")
        ok = (lo is None or aktual >= lo) and (hi is None or aktual <= hi)
        if a.get("dilanggar") is not None:
            ok = not a["dilanggar"]
        rules.append({**a, "aktual": aktual, "ok": ok,
                      "predikat_label": ", ".join(label(p) for p in a.get("predikat", []))})
    return {"lebar": LEBAR, "tinggi": TINGGI + KAKI, "dasar": TINGGI, "batang": batang,
            "aturan": rules}
