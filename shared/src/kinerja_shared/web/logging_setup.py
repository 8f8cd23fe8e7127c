"""Logging set-up used by entrypoints."""
from __future__ import annotations

from .logging import configure_logging


def setup_logging(service: str, log_format: str = "text") -> None:
    configure_logging(service, log_format)
