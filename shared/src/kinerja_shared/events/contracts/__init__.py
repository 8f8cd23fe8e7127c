"""Payload models, one module per producing service. Importing this package registers all.

Extend contracts additively (new optional fields); a breaking change bumps the class's
``version`` and consumers handle both until every producer has moved.
"""
from . import angka_kredit, identity, integration, keberatan, penilaian, skp  # noqa: F401
from .common import PegawaiRingkas, PeriodeRingkas

__all__ = ["PegawaiRingkas", "PeriodeRingkas"]
