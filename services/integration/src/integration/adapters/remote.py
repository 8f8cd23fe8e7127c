"""What every remote client of integration shares: the errors a call ends in, the retry
policy (tenacity: exponential backoff with jitter, ``Retry-After`` honoured), and turning an
httpx answer or failure into one of those errors.

An error's text carries the method, the path and the status, never a header, a token or a
credential: it reaches logs, job rows and per-record reasons.
"""
from __future__ import annotations

import logging

import httpx
from tenacity import (RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt,
                      wait_exponential_jitter)

log = logging.getLogger("kinerja.integration.remote")


class RemoteError(Exception):
    """A call to a national system failed. ``status`` is the HTTP status (None: no answer)."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class Refused(RemoteError):
    """The remote system refused the request (4xx other than 401/429): sending it again does
    not help. The message is the remote's own (e.g. SIASN's "tahun tidak valid")."""


class AuthFailed(RemoteError):
    """Our credentials were refused when asking for a token: no retry helps."""


class Unavailable(RemoteError):
    """No usable answer (5xx, timeout, connection lost). ``uncertain``: the request may have
    been done anyway (the answer was lost), so a save must be looked up before it is sent
    again."""

    def __init__(self, message: str, *, status: int | None = None, uncertain: bool) -> None:
        super().__init__(message, status=status)
        self.uncertain = uncertain


class RateLimited(RemoteError):
    def __init__(self, message: str, *, retry_after: float | None) -> None:
        super().__init__(message, status=429)
        self.retry_after = retry_after


class Unauthorized(RemoteError):
    """401 on a call: the token expired or was revoked (the client fetches new ones)."""


def describe(request: httpx.Request) -> str:
    return f"{request.method} {request.url.path}"


def error_of(response: httpx.Response, message: str | None = None) -> RemoteError:
    what = f"{describe(response.request)} answered {response.status_code}"
    if message:
        what = f"{what}: {message}"
    if response.status_code == 401:
        return Unauthorized(what, status=401)
    if response.status_code == 429:
        return RateLimited(what, retry_after=_retry_after(response))
    if response.status_code >= 500:
        return Unavailable(what, status=response.status_code, uncertain=True)
    return Refused(what, status=response.status_code)


def failure_of(request: httpx.Request, exc: httpx.HTTPError) -> Unavailable:
    """A transport failure: a request that never left (connect) is certainly not done."""
    sent = not isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))
    return Unavailable(f"{describe(request)}: {type(exc).__name__}", uncertain=sent)


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return None


def retrying(attempts: int, backoff: float, backoff_max: float) -> Retrying:
    """Tenacity's loop for one call: retries Unavailable and RateLimited (waiting what
    ``Retry-After`` says, else exponential backoff with jitter), ``attempts`` tries in all,
    then raises the last error."""
    exponential = wait_exponential_jitter(multiplier=backoff, max=backoff_max, jitter=backoff)

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, RateLimited) and exc.retry_after is not None:
            return min(exc.retry_after, backoff_max * 4)
        return exponential(state)

    def before_sleep(state: RetryCallState) -> None:
        log.warning("retry %s after %s", state.attempt_number, state.outcome.exception())

    return Retrying(retry=retry_if_exception_type((Unavailable, RateLimited)), wait=wait,
                    stop=stop_after_attempt(max(1, attempts)), reraise=True,
                    before_sleep=before_sleep)
