"""HTTP API: one flask-smorest Blueprint per resource under ``api/<resource>/``."""
from __future__ import annotations


def blueprints() -> list:
    from .auth.resources import blp as auth, jwks_blp
    from .impor.resources import blp as impor
    from .instansi.resources import blp as instansi
    from .pegawai.relasi import blp as relasi
    from .pegawai.resources import blp as pegawai
    from .periode.resources import blp as periode
    from .plt_plh.resources import blp as plt_plh
    from .riwayat.resources import blp as riwayat
    from .siasn_konflik.resources import blp as siasn_konflik
    from .unor.resources import blp as unor

    return [auth, jwks_blp, instansi, unor, pegawai, relasi, plt_plh, periode, impor, riwayat,
            siasn_konflik]
