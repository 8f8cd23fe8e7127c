"""The pages, one blueprint per area."""
from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from . import admin, auth, beranda, penilai, penilaian, skp
    from . import perjanjian, pilih, relasi

    for module in (auth, beranda, skp, penilaian, penilai, admin, pilih, relasi, perjanjian):
        app.register_blueprint(module.bp)
    # the screens of keberatan, angka-kredit, reporting and integration
    from . import angka_kredit, integrasi, keberatan, laporan, pmm
    for module in (keberatan, angka_kredit, laporan, integrasi, pmm):
        app.register_blueprint(module.bp)
    app.register_blueprint(pmm.bp_pipeline)
