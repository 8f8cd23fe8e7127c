"""Structured logging: JSON lines with service and correlation ids; text for people."""
from __future__ import annotations

import io
import json
import logging

import pytest

from kinerja_shared.context import correlation_id_var, request_id_var
from kinerja_shared.web.logging import configure_logging


@pytest.fixture
def restore_root_logger():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def lines(stream):
    return [line for line in stream.getvalue().splitlines() if line]


def test_json_line_carries_correlation_and_request_id(restore_root_logger):
    stream = io.StringIO()
    configure_logging("skp", "json", stream=stream)
    cid, rid = correlation_id_var.set("corr-123"), request_id_var.set("req-9")
    try:
        logging.getLogger("skp.api").info("SKP %s diajukan", "s-1", extra={"skp_id": "s-1"})
    finally:
        correlation_id_var.reset(cid)
        request_id_var.reset(rid)

    [line] = lines(stream)
    entry = json.loads(line)
    assert entry["correlation_id"] == "corr-123"
    assert entry["request_id"] == "req-9"
    assert entry["service"] == "skp"
    assert entry["logger"] == "skp.api"
    assert entry["level"] == "INFO"
    assert entry["message"] == "SKP s-1 diajukan"
    assert entry["skp_id"] == "s-1"
    assert entry["time"].endswith("+00:00")


def test_json_line_without_context_has_null_ids(restore_root_logger):
    stream = io.StringIO()
    configure_logging("skp", "json", stream=stream)
    logging.getLogger("x").warning("tanpa konteks")

    entry = json.loads(lines(stream)[0])
    assert entry["correlation_id"] is None and entry["request_id"] is None


def test_exception_text_is_one_field_of_one_line(restore_root_logger):
    stream = io.StringIO()
    configure_logging("skp", "json", stream=stream)
    try:
        raise ValueError("rusak")
    except ValueError:
        logging.getLogger("x").exception("gagal")

    [line] = lines(stream)
    entry = json.loads(line)
    assert "ValueError: rusak" in entry["exception"]


def test_configuring_twice_keeps_one_handler(restore_root_logger):
    first, second = io.StringIO(), io.StringIO()
    configure_logging("skp", "json", stream=first)
    configure_logging("skp", "text", stream=second)

    logging.getLogger("x").info("sekali")

    assert lines(first) == []
    assert len(lines(second)) == 1


def test_text_format_is_readable_and_shows_correlation_id(restore_root_logger):
    stream = io.StringIO()
    configure_logging("identity", "text", stream=stream)
    token = correlation_id_var.set("corr-7")
    try:
        logging.getLogger("identity.auth").info("masuk")
    finally:
        correlation_id_var.reset(token)
    logging.getLogger("identity.auth").info("tanpa")

    first, second = lines(stream)
    assert "INFO" in first and "identity" in first and "[corr-7]" in first and first.endswith("masuk")
    assert "[-]" in second


def test_unknown_format_is_refused(restore_root_logger):
    with pytest.raises(ValueError):
        configure_logging("skp", "xml")
