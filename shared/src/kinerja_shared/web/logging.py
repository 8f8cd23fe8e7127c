"""Logging for every process: one JSON object per line in production, readable text otherwise.

Each record carries the service and the ``correlation_id``/``request_id`` of the request or
message being handled (from ``kinerja_shared.context``). ``configure_logging`` may be called
any number of times (every app factory and entry point calls it); the last call wins and
the root logger never gets a second handler.
"""
from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone
from typing import IO, Any

from ..context import correlation_id_var, request_id_var

# Attributes every LogRecord has; anything else on a record came from ``extra=`` and is
# written out as a field of its own in JSON.
_RECORD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "taskName", "service", "correlation_id", "request_id",
}
_HANDLER_MARK = "_kinerja_handler"


class ContextFilter(logging.Filter):
    """Stamps ``service``, ``correlation_id`` and ``request_id`` on every record (values
    given through ``extra=`` win; an id not known is left off the record)."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "service"):
            record.service = self.service
        for name, var in (("correlation_id", correlation_id_var), ("request_id", request_id_var)):
            if getattr(record, name, None) is None and var.get() is not None:
                setattr(record, name, var.get())
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=timezone.utc).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "service": getattr(record, "service", None),
            "correlation_id": getattr(record, "correlation_id", None),
            "request_id": getattr(record, "request_id", None),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRS and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__(
            "%(asctime)s %(levelname)-7s %(service)s %(name)s [%(correlation_id)s] %(message)s",
            defaults={"service": "-", "correlation_id": "-"},
        )


def configure_logging(
    service_name: str,
    log_format: str = "text",
    *,
    level: int | str = logging.INFO,
    stream: IO[str] | None = None,
) -> logging.Handler:
    """Route the root logger to one handler on ``stream`` (stderr) in ``log_format``
    (``json`` or ``text``). Replaces the handler an earlier call installed."""
    if log_format not in ("json", "text"):
        raise ValueError(f"log_format must be 'json' or 'text', not {log_format!r}")
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(old)
        old.close()
    handler = logging.StreamHandler(stream or sys.stderr)
    setattr(handler, _HANDLER_MARK, True)
    handler.addFilter(ContextFilter(service_name))
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root.addHandler(handler)
    root.setLevel(level)
    return handler
