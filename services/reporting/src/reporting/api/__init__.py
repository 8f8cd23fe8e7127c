"""HTTP API: one flask-smorest Blueprint per resource under ``api/<resource>/``."""
from __future__ import annotations


def blueprints() -> list:
    return []
