"""Every error a Flask app can raise becomes problem+json (API.md, "Conventions").

- ``Problem`` raised anywhere: rendered as it is.
- The service layer's ``DomainError`` family (``kinerja_shared.errors``): 404, 403, 409, 422
  with ``errors`` per field, 401, 429 with ``Retry-After`` (``domain_error_to_problem``).
- The database's unique-key violation (a concurrent duplicate that passed every check): 409
  ``duplicate``, with the service's own message for that constraint when it declared one
  (``ServiceDefinition.conflict_messages``); a foreign-key violation: 409 ``referenced``.
- webargs/marshmallow validation (flask-smorest ``abort(422)``): 422 with ``errors`` per field.
- Malformed JSON: 400. Unknown paths: 404. Wrong method: 405. Oversized body: 413.
- A value the database cannot store (a NUL character, a number past its column): 422.
- The database gone away: 503 (retrying is right), never a 500 blamed on the client.
- Anything else: 500 problem, logged with the request id; nothing internal leaks.
"""
from __future__ import annotations

import logging
import re
from typing import Any

from flask import Flask, current_app, request
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException

from ..db.integrity import violation_of
from ..errors import (DomainError, Forbidden, Invalid, NotFound, TooManyRequests,
                      Unauthenticated)
from .problems import Problem, problem_response

log = logging.getLogger(__name__)

# marshmallow / webargs messages users see, in Indonesian
_MESSAGES = {
    "Missing data for required field.": "Wajib diisi.",
    "Unknown field.": "Isian tidak dikenal.",
    "Not a valid integer.": "Harus berupa bilangan bulat.",
    "Not a valid number.": "Harus berupa angka.",
    "Not a valid string.": "Harus berupa teks.",
    "Not a valid boolean.": "Harus berupa true atau false.",
    "Not a valid date.": "Tanggal tidak valid (format YYYY-MM-DD).",
    "Not a valid datetime.": "Waktu tidak valid (ISO 8601).",
    "Not a valid list.": "Harus berupa daftar.",
    "Not a valid mapping type.": "Harus berupa objek.",
    "Not a valid URL.": "URL tidak valid.",
    "Not a valid email address.": "Alamat email tidak valid.",
    "Not a valid UUID.": "ID tidak valid.",
    "Field may not be null.": "Tidak boleh kosong.",
    "Invalid input type.": "Jenis isian tidak valid.",
    "Invalid JSON body.": "Isi permintaan bukan JSON yang valid.",
}


# marshmallow's messages with values in them (Length, Range, Regexp validators)
_PATTERNS = [(re.compile(p), t) for p, t in (
    (r"^Shorter than minimum length (\d+)\.$", r"Panjang minimal \1."),
    (r"^Longer than maximum length (\d+)\.$", r"Panjang maksimal \1."),
    (r"^Length must be between (\d+) and (\d+)\.$", r"Panjang harus \1 sampai \2."),
    (r"^Length must be (\d+)\.$", r"Panjang harus \1."),
    (r"^Must be greater than or equal to (\S+) and less than or equal to (\S+)\.$",
     r"Harus antara \1 dan \2."),
    (r"^Must be greater than (\S+) and less than or equal to (\S+)\.$",
     r"Harus lebih dari \1 dan paling besar \2."),
    (r"^Must be greater than or equal to (\S+) and less than (\S+)\.$",
     r"Harus paling kecil \1 dan kurang dari \2."),
    (r"^Must be greater than or equal to (\S+)\.$", r"Harus paling kecil \1."),
    (r"^Must be less than or equal to (\S+)\.$", r"Harus paling besar \1."),
    (r"^Must be greater than (\S+)\.$", r"Harus lebih dari \1."),
    (r"^Must be less than (\S+)\.$", r"Harus kurang dari \1."),
    (r"^String does not match expected pattern\.$", "Format tidak sesuai."),
    (r"^Invalid value\.$", "Nilai tidak valid."),
    (r"^Not a valid decimal\.$", "Harus berupa angka desimal."),
    (r"^Not a valid time\.$", "Jam tidak valid."),
    (r"^Not a valid tuple\.$", "Harus berupa daftar."),
    (r"^Special numeric values \(nan or infinity\) are not permitted\.$",
     "Nilai nan atau tak hingga tidak diizinkan."),
)]


def _translate(message: Any) -> Any:
    if isinstance(message, str):
        if message.startswith("Must be one of:"):
            return "Harus salah satu dari:" + message[len("Must be one of:"):]
        if message in _MESSAGES:
            return _MESSAGES[message]
        for pattern, template in _PATTERNS:
            if pattern.match(message):
                return pattern.sub(template, message)
        return message
    if isinstance(message, list):
        return [_translate(m) for m in message]
    if isinstance(message, dict):
        return {k: _translate(v) for k, v in message.items()}
    return message


def _flatten(messages: dict[str, Any]) -> dict[str, Any]:
    """webargs nests by location ({'json': {'a': [...]}}); clients want field paths."""
    out: dict[str, Any] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), sub)
        else:
            out[prefix or "_schema"] = _translate(value if isinstance(value, list) else [value])

    for location, value in messages.items():
        if location in {"json", "form", "files"}:
            walk("", value)
        else:
            walk(location if location not in {"query", "querystring"} else "", value)
    return out


def http_exception_to_problem(exc: HTTPException) -> Problem:
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages") if isinstance(data, dict) else None
    headers = {}
    if isinstance(data, dict) and data.get("headers"):
        headers.update(data["headers"])
    if status == 400 and messages:
        flat = _flatten(messages)
        detail = next(iter(v[0] for v in flat.values() if v), "Permintaan tidak valid.")
        return Problem(400, detail, headers=headers)
    if status == 422 and messages:
        return Problem(422, "Periksa kembali isian yang ditandai.", errors=_flatten(messages),
                       headers=headers)
    if status == 405:
        allowed = exc.get_response().headers.get("Allow")
        if allowed:
            headers["Allow"] = allowed
    detail = {
        404: "Alamat yang diminta tidak ditemukan.",
        405: f"Metode {request.method} tidak diizinkan untuk alamat ini.",
        413: "Isi permintaan melebihi batas ukuran.",
    }.get(status, data.get("message") if isinstance(data, dict) else None)
    return Problem(status, detail, headers=headers)


_STATUS = ((NotFound, 404), (Forbidden, 403), (Invalid, 422), (Unauthenticated, 401),
           (TooManyRequests, 429))
DETAIL_DUPLICATE = "Data yang sama sudah ada atau sedang dibuat bersamaan."
DETAIL_REFERENCED = "Data masih dirujuk oleh data lain, atau rujukannya tidak ada."
DETAIL_UNSTORABLE = ("Isian memuat karakter atau nilai yang tidak dapat disimpan (misalnya "
                     "karakter NUL atau angka di luar batas).")


def domain_error_to_problem(exc: DomainError) -> Problem:
    """The one mapping from the service layer's refusals to HTTP (Conflict and any other
    DomainError: 409)."""
    status = next((code for cls, code in _STATUS if isinstance(exc, cls)), 409)
    headers: dict[str, str] = {}
    if isinstance(exc, TooManyRequests):
        headers["Retry-After"] = str(exc.retry_after)
    if isinstance(exc, Unauthenticated):
        headers["WWW-Authenticate"] = 'Bearer realm="kinerja"'
    errors = exc.errors if isinstance(exc, Invalid) else None
    return Problem(status, exc.detail, type=exc.code, errors=errors or None, headers=headers,
                   **exc.extra)


def integrity_error_to_problem(exc: IntegrityError) -> Problem | None:
    """409 for a unique or foreign-key violation; None for anything else (a bug: 500)."""
    runtime = current_app.extensions.get("kinerja")
    definition = getattr(runtime, "definition", None)
    found = violation_of(exc, getattr(definition, "metadata", None))
    if found is None:
        return None
    kind, constraint = found
    messages = getattr(definition, "conflict_messages", None) or {}
    if kind == "unique":
        return Problem(409, messages.get(constraint or "", DETAIL_DUPLICATE), type="duplicate")
    return Problem(409, messages.get(constraint or "", DETAIL_REFERENCED), type="referenced")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(Problem)
    def _problem(exc: Problem):
        return problem_response(exc)

    @app.errorhandler(DomainError)
    def _domain(exc: DomainError):
        return problem_response(domain_error_to_problem(exc))

    @app.errorhandler(IntegrityError)
    def _integrity(exc: IntegrityError):
        problem = integrity_error_to_problem(exc)
        if problem is None:
            log.exception("integrity error on %s %s", request.method, request.path)
            return problem_response(Problem(500, "Terjadi kesalahan pada server."))
        log.info("%s on %s %s: %s", problem.type, request.method, request.path, exc.orig)
        return problem_response(problem)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        return problem_response(http_exception_to_problem(exc))

    @app.errorhandler(DataError)
    def _data(exc: DataError):
        log.info("value refused by the database on %s %s: %s", request.method, request.path,
                 exc.orig)
        return problem_response(Problem(422, DETAIL_UNSTORABLE))

    @app.errorhandler(OperationalError)
    def _db_unavailable(exc: DBAPIError):
        log.warning("database unavailable: %s", exc)
        return problem_response(Problem(503, "Basis data sedang tidak tersedia, coba lagi.",
                                        headers={"Retry-After": "1"}))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        if isinstance(exc, HTTPException):  # pragma: no cover - handled above
            return _http(exc)
        log.exception("unhandled error on %s %s", request.method, request.path)
        return problem_response(Problem(500, "Terjadi kesalahan pada server."))
