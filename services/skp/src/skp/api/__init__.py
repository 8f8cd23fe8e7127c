"""HTTP API: one flask-smorest Blueprint per resource under ``api/<resource>/``."""
from __future__ import annotations


def blueprints() -> list:
    from .perilaku.resources import blp as perilaku
    from .peran.resources import blp as peran
    from .perjanjian_kinerja.resources import blp as perjanjian_kinerja
    from .rhk.resources import blp as rhk
    from .skp.resources import blp as skp

    return [perjanjian_kinerja, skp, rhk, perilaku, peran]
