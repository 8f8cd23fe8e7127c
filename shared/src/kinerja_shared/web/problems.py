"""RFC 7807 problem+json: one exception type, one renderer.

Raise ``Problem`` anywhere under a request (views, auth, services' error mappers); the web
layer turns it and every other HTTP error into ``application/problem+json``. Messages a user
reads are Indonesian; ``type`` and ``title`` are stable identifiers a client can switch on.
"""
from __future__ import annotations

from typing import Any

from flask import Response, json

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://kinerja.dev/problems/"

# status -> (stable type slug, title)
STANDARD = {
    400: ("bad-request", "Permintaan tidak valid"),
    401: ("unauthorized", "Autentikasi diperlukan"),
    403: ("forbidden", "Akses ditolak"),
    404: ("not-found", "Tidak ditemukan"),
    405: ("method-not-allowed", "Metode tidak diizinkan"),
    409: ("conflict", "Konflik dengan status saat ini"),
    413: ("payload-too-large", "Isi permintaan terlalu besar"),
    415: ("unsupported-media-type", "Jenis konten tidak didukung"),
    422: ("validation-error", "Data tidak valid"),
    429: ("too-many-requests", "Terlalu banyak percobaan"),
    500: ("internal-error", "Kesalahan internal"),
    503: ("unavailable", "Layanan tidak tersedia"),
}


class Problem(Exception):
    """An error answer. ``errors`` maps a field (dotted path) to a list of messages."""

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        type: str | None = None,
        title: str | None = None,
        errors: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or title or str(status))
        slug, default_title = STANDARD.get(status, ("error", "Kesalahan"))
        self.status = status
        self.type = type if (type is None or type.startswith("http")) else TYPE_BASE + type
        self.type = self.type or TYPE_BASE + slug
        self.title = title or default_title
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}
        self.extra = extra

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": self.type, "title": self.title, "status": self.status}
        if self.detail:
            body["detail"] = self.detail
        if self.errors:
            body["errors"] = self.errors
        body.update(self.extra)
        return body


def problem_response(problem: Problem) -> Response:
    resp = Response(json.dumps(problem.to_dict()), status=problem.status, mimetype=PROBLEM_JSON)
    for key, value in problem.headers.items():
        resp.headers[key] = value
    return resp


def not_found(detail: str = "Data tidak ditemukan.") -> Problem:
    return Problem(404, detail)


def conflict(detail: str, **extra: Any) -> Problem:
    return Problem(409, detail, **extra)


def unprocessable(errors: dict[str, Any], detail: str = "Periksa kembali isian yang ditandai.") -> Problem:
    return Problem(422, detail, errors=errors)
