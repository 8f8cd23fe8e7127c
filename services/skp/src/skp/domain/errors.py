"""What a rule says when it refuses; the API turns these into problem+json."""
from __future__ import annotations


class SkpError(Exception):
    status = 400

    def __init__(self, detail: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors


class TidakDitemukan(SkpError):
    """404: missing, or not visible to the caller."""

    status = 404

    def __init__(self, detail: str = "Data tidak ditemukan.") -> None:
        super().__init__(detail)


class Dilarang(SkpError):
    """403: visible, but not the caller's to do."""

    status = 403


class Konflik(SkpError):
    """409: the current state (status, an overlapping SKP, a duplicate) does not allow it."""

    status = 409


class TidakValid(SkpError):
    """422 with the offending fields."""

    status = 422

    def __init__(self, errors: dict[str, list[str]] | str, field: str | None = None) -> None:
        if isinstance(errors, str):
            errors = {field or "_schema": [errors]}
        super().__init__("Periksa kembali isian yang ditandai.", errors)


def invalid(field: str, message: str) -> TidakValid:
    return TidakValid({field: [message]})
