"""Per-request / per-message context: correlation and request ids (contextvars)."""
from __future__ import annotations

import uuid
from contextvars import ContextVar

correlation_id_var: ContextVar[str | None] = ContextVar("correlation_id", default=None)
request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_correlation_id() -> str | None:
    return correlation_id_var.get()


def new_id() -> str:
    return uuid.uuid4().hex
