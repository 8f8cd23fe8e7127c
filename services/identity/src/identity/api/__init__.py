"""HTTP API: one flask-smorest Blueprint per resource under ``api/<resource>/``."""
from __future__ import annotations


def blueprints() -> list:
    from .auth.resources import blp as auth, jwks_blp
    from .instansi.resources import blp as instansi
    from .pegawai.resources import blp as pegawai
    from .unor.resources import blp as unor

    return [auth, jwks_blp, instansi, unor, pegawai]
