"""Errors the service layer raises; each is a problem+json answer (Indonesian detail)."""
from __future__ import annotations

from kinerja_shared.web.problems import Problem


def tidak_ditemukan(detail: str = "Data tidak ditemukan.") -> Problem:
    return Problem(404, detail)


def dilarang(detail: str = "Anda tidak memiliki hak akses untuk tindakan ini.") -> Problem:
    return Problem(403, detail)


def konflik(detail: str, *, type: str | None = None, **extra) -> Problem:
    return Problem(409, detail, type=type, **extra)


def tidak_valid(detail: str, errors: dict | None = None, *, type: str | None = None,
                **extra) -> Problem:
    return Problem(422, detail, errors=errors, type=type, **extra)
