"""What both sandboxes share: the control endpoints under ``/_sandbox`` (faults, tokens,
counters) and applying a drawn fault to a request."""
from __future__ import annotations

import time
from typing import Any, Callable

from flask import Blueprint, Flask, jsonify, request

from .faults import Controller, FaultError

GATEWAY_TIMEOUT = {"fault": {"code": 101504, "message": "Runtime Error",
                             "description": "Send timeout"}}


def control_blueprint(controller: Controller, name: str) -> Blueprint:
    bp = Blueprint(f"{name}_control", __name__, url_prefix="/_sandbox")

    @bp.get("/faults")
    def faults_get():
        return jsonify(controller.faults.as_dict())

    @bp.post("/faults")
    def faults_set():
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return jsonify(message="JSON object expected"), 400
        try:
            faults = controller.configure(body, reset=request.args.get("reset") == "1")
        except (FaultError, TypeError, ValueError) as exc:
            return jsonify(message=str(exc)), 400
        return jsonify(faults.as_dict())

    @bp.post("/expire-tokens")
    def expire_tokens():
        return jsonify(expired=controller.expire_tokens())

    @bp.get("/counts")
    def counts():
        return jsonify(controller.counts)

    return bp


def bearer(header: str | None) -> str | None:
    if not header:
        return None
    parts = header.split(None, 1)
    if len(parts) != 2 or parts[0].lower() != "bearer":
        return None
    return parts[1].strip()


def guarded(controller: Controller, kind: str, client: str | None,
            work: Callable[[], Any]) -> Any:
    """Run ``work`` (which answers the request) under the client's rate limit and a drawn
    fault."""
    if client is not None and controller.over_limit(client):
        controller.count("rate_limited")
        return _too_many(controller.faults.retry_after)
    fault = controller.draw(kind)
    if fault is None:
        return work()
    what, value = fault
    if what == "error":
        return jsonify(message="Internal Server Error"), int(value)
    if what == "429":
        return _too_many(int(value))
    if what == "slow":
        time.sleep(float(value))
        return work()
    # lost: the work is done and committed, the answer never reaches the client
    work()
    if value == "timeout":
        time.sleep(controller.faults.slow_seconds)
    return jsonify(GATEWAY_TIMEOUT), 504


def _too_many(retry_after: int):
    response = jsonify(message="Too Many Requests")
    response.status_code = 429
    response.headers["Retry-After"] = str(max(0, retry_after))
    return response


def json_app(name: str) -> Flask:
    app = Flask(name)
    app.json.sort_keys = False

    @app.errorhandler(404)
    def not_found(_):
        return jsonify(code=0, message="Not Found"), 404

    @app.errorhandler(405)
    def not_allowed(_):
        return jsonify(code=0, message="Method Not Allowed"), 405

    return app
