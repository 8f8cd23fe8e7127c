"""What every skp resource shares: run a command in one unit of work, read in a session,
domain errors as problem+json."""
from __future__ import annotations

from typing import Any, Callable

from flask import Flask
from sqlalchemy.exc import IntegrityError

from kinerja_shared.auth import current_principal
from kinerja_shared.runtime import current_runtime
from kinerja_shared.web.problems import Problem, problem_response

from ..domain.errors import SkpError


def jalankan(command: Callable[..., Any], *args: Any) -> Any:
    """``command(uow, principal, *args)`` in one transaction with its events (outbox)."""
    principal = current_principal()
    with current_runtime().uow() as uow:
        result = command(uow, principal, *args)
        uow.commit()
    return result


def baca(query: Callable[..., Any], *args: Any) -> Any:
    """``query(session, *args)`` on a read-only session."""
    with current_runtime().session_factory() as session:
        return query(session, *args)


def init_app(app: Flask, _runtime) -> None:
    @app.errorhandler(SkpError)
    def _domain(exc: SkpError):
        return problem_response(Problem(exc.status, exc.detail, errors=exc.errors))

    @app.errorhandler(IntegrityError)
    def _integrity(_exc: IntegrityError):  # a concurrent duplicate lost the race
        return problem_response(Problem(409, "Data yang sama sudah ada atau sedang diubah."))
