"""The one request path: a view hands a service function to the runner, which owns the
transaction.

    @blp.route("/<skp_id>/setujui")
    class Setujui(MethodView):
        @login_required
        @blp.response(200, SkpSchema)
        def post(self, skp_id):
            return run_command(alur.setujui, skp_id)

``run_command(fn, *args, **kwargs)`` opens the service's unit of work, calls
``fn(uow, principal, *args, **kwargs)`` with the caller (None when the request carries no token),
and commits once the function returns, the events it staged in the same transaction (outbox).
The function never commits (the unit of work refuses while the runner holds it); what it
raises rolls everything back, unless it is a ``DomainError`` with ``keep_changes=True``.
``DomainError``s and unique-key violations become problem+json in the app factory
(``web.errors``), so views neither catch nor translate.

``run_query(fn, *args, **kwargs)`` is the same call on a unit of work that is never committed,
for reads and dry runs.

A public endpoint (login, the JWKS) uses ``run_public_command`` / ``run_public_query``: the
function gets ``principal=None`` and whatever token the request carries is not looked at (a
stale token sent along with a login must not turn it into a 401).
"""
from __future__ import annotations

from typing import Any, Callable, TypeVar

from ..auth.flask import optional_principal
from ..errors import DomainError
from ..runtime.runtime import current_runtime

T = TypeVar("T")


def run_command(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``fn(uow, principal, *args, **kwargs)`` in one transaction, committed after it returns."""
    return _command(optional_principal(), fn, args, kwargs)


def run_public_command(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``run_command`` for a public endpoint: ``principal`` is None, the token is ignored."""
    return _command(None, fn, args, kwargs)


def run_query(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``fn(uow, principal, *args, **kwargs)`` on a unit of work that is rolled back."""
    return _query(optional_principal(), fn, args, kwargs)


def run_read(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``run_query`` on a read-only unit of work (``ServiceRuntime.uow(baca_saja=True)``): for
    what clients poll while a job writes, which under SQLite would otherwise wait for the
    job's write lock. ``fn`` must not write."""
    with current_runtime().uow(baca_saja=True) as uow, uow.held():
        return fn(uow, optional_principal(), *args, **kwargs)


def run_public_query(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``run_query`` for a public endpoint: ``principal`` is None, the token is ignored."""
    return _query(None, fn, args, kwargs)


def _command(principal: Any, fn: Callable[..., T], args: tuple, kwargs: dict) -> T:
    with current_runtime().uow() as uow:
        try:
            with uow.held():
                result = fn(uow, principal, *args, **kwargs)
        except DomainError as exc:
            if exc.keep_changes:
                uow.commit()
            raise
        uow.commit()
    return result


def _query(principal: Any, fn: Callable[..., T], args: tuple, kwargs: dict) -> T:
    with current_runtime().uow() as uow, uow.held():
        return fn(uow, principal, *args, **kwargs)
