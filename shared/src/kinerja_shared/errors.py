"""What the service layer raises when it refuses: one family, no web imports.

A service function raises these; the app factory turns them into problem+json once
(``web.errors``): ``NotFound`` 404, ``Forbidden`` 403, ``Conflict`` 409, ``Invalid`` 422 with
``errors`` per field, ``Unauthenticated`` 401, ``TooManyRequests`` 429 with ``Retry-After``.
The detail is what a user reads (Indonesian); ``code`` is an optional stable slug a client can
switch on (it becomes the problem ``type``); ``extra`` adds fields to the problem body
(e.g. the id of the existing row a duplicate collided with).

``keep_changes=True`` asks the command runner to commit what the function wrote before the
refusal (a failed login records the failure, then answers 401); by default a refusal rolls
everything back, events included.

    raise NotFound()
    raise Conflict("SKP sudah disetujui.", code="status-tidak-sesuai")
    raise Invalid({"target": ["Harus lebih besar dari 0."]})
    raise invalid("target", "Harus lebih besar dari 0.")
"""
from __future__ import annotations

from typing import Any, Mapping

DETAIL_NOT_FOUND = "Data tidak ditemukan."
DETAIL_FORBIDDEN = "Anda tidak memiliki hak akses untuk tindakan ini."
DETAIL_INVALID = "Periksa kembali isian yang ditandai."
DETAIL_UNAUTHENTICATED = "Autentikasi diperlukan."
DETAIL_TOO_MANY = "Terlalu banyak percobaan; coba lagi nanti."


class DomainError(Exception):
    """Base of every refusal the service layer raises (never raised itself)."""

    default_detail = "Permintaan tidak dapat diproses."

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        keep_changes: bool = False,
        **extra: Any,
    ) -> None:
        self.detail = detail or self.default_detail
        super().__init__(self.detail)
        self.code = code
        self.keep_changes = keep_changes
        self.extra = extra

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"{type(self).__name__}({self.detail!r}, code={self.code!r})"


class NotFound(DomainError):
    """Missing, or not visible to the caller (another instansi's or another pegawai's data
    is invisible, not merely forbidden)."""

    default_detail = DETAIL_NOT_FOUND


class Forbidden(DomainError):
    """Visible to the caller, but not theirs to do."""

    default_detail = DETAIL_FORBIDDEN


class Conflict(DomainError):
    """The current state does not allow it: a workflow status, a duplicate, a reference."""

    default_detail = "Konflik dengan status saat ini."


class Invalid(DomainError):
    """Input that passed the schema but breaks a rule; ``errors`` maps a field (dotted path)
    to its messages."""

    default_detail = DETAIL_INVALID

    def __init__(
        self,
        errors: Mapping[str, list[str] | str] | None = None,
        detail: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(detail, **kwargs)
        self.errors = {k: [v] if isinstance(v, str) else list(v)
                       for k, v in (errors or {}).items()}


class Unauthenticated(DomainError):
    """Credentials missing or wrong (a login)."""

    default_detail = DETAIL_UNAUTHENTICATED


class TooManyRequests(DomainError):
    """Slow down: try again after ``retry_after`` seconds."""

    default_detail = DETAIL_TOO_MANY

    def __init__(self, detail: str | None = None, *, retry_after: int, **kwargs: Any) -> None:
        super().__init__(detail, **kwargs)
        self.retry_after = max(1, int(retry_after))


def invalid(field: str, message: str, **kwargs: Any) -> Invalid:
    """``Invalid`` for one field."""
    return Invalid({field: [message]}, **kwargs)
