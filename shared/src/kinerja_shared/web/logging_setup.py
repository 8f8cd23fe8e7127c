"""Logging set-up used by entrypoints; defers to ``web.logging`` (JSON lines) when present."""
from __future__ import annotations

import logging


def setup_logging(service: str, log_format: str = "text") -> None:
    try:
        from .logging import configure_logging
    except ImportError:  # pragma: no cover
        logging.basicConfig(level=logging.INFO)
        return
    configure_logging(service, log_format)
