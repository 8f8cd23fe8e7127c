"""The HTTP conventions checked on every answer while tests run.

With ``KINERJA_CHECK_HTTP_CONVENTIONS=1`` (the test plugin sets it, and test runtimes turn it
on) the app factory installs ``check_responses``: an answer that breaks a convention is
replaced by a 500 problem naming the convention, so whichever test made the call fails and says
why. Every API test of every service is thereby also a conventions test:

- a 201 carries ``Location``;
- a successful DELETE is 204 (which werkzeug sends without a body);
- a JSON array answered by GET is paged through ``web.http.run_page`` (``X-Pagination``) or
  its view is marked ``web.http.unpaged(reason)``.

The static side (OpenAPI documents) is checked by ``tests/conventions``.
"""
from __future__ import annotations

import logging

from flask import Flask, Response, current_app, request

from .http import UNPAGED_EXTENSION
from .problems import Problem, problem_response

log = logging.getLogger(__name__)


def check_responses(app: Flask) -> None:
    @app.after_request
    def _check(response: Response) -> Response:
        broken = broken_convention(response)
        if broken is None:
            return response
        log.error("HTTP convention broken by %s %s: %s", request.method, request.path, broken)
        return problem_response(Problem(500, f"HTTP convention broken: {broken}",
                                        type="http-convention"))


def broken_convention(response: Response) -> str | None:
    method, status = request.method, response.status_code
    if status == 201 and not response.headers.get("Location"):
        return "201 without a Location header"
    if method == "DELETE" and 200 <= status < 300 and status != 204:
        return f"DELETE answered {status} (must be 204; werkzeug sends a 204 without a body)"
    if method == "GET" and status == 200 and response.is_json \
            and response.get_data()[:1] == b"[" and "X-Pagination" not in response.headers \
            and not _marked_unpaged():
        return "a list without paging (use web.http.run_page, or mark it unpaged(reason))"
    return None


def _marked_unpaged() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    view_class = getattr(view, "view_class", None)
    func = getattr(view_class, request.method.lower(), None) if view_class else view
    manual = getattr(func, "_apidoc", {}).get("manual_doc", {})
    return UNPAGED_EXTENSION in manual
