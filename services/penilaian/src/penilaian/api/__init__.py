"""HTTP API: one flask-smorest Blueprint per resource under ``api/<resource>/``, each with its
own url_prefix."""
from __future__ import annotations


def blueprints() -> list:
    from .capaian_organisasi.resources import blp as capaian
    from .catatan_perilaku.resources import blp as catatan
    from .penilaian.resources import blp as penilaian
    from .perpanjangan.resources import blp as perpanjangan
    from .pp30.resources import blp as pp30
    from .tugas_perilaku.resources import blp as tugas_perilaku

    return [penilaian, tugas_perilaku, pp30, catatan, capaian, perpanjangan]
