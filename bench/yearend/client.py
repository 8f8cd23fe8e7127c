"""HTTP through the gateway as a client of the public API would call it, patient with a suite
whose processes die: connection errors, 502/503/504 and 429 are retried with backoff (each
retry counted); a write retried after a lost answer may meet its own effect (409), which the
caller states it accepts."""
from __future__ import annotations

import threading
import time
from collections import Counter

import requests

RETRY_STATUS = {429, 500, 502, 503, 504}


class ApiError(RuntimeError):
    pass


class Api:
    def __init__(self, base: str, *, patience: float = 600.0):
        self.base = base.rstrip("/")
        self.patience = patience
        self.retries: Counter = Counter()
        self._local = threading.local()
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self.password: dict[str, str] = {}

    def _session(self) -> requests.Session:
        s = getattr(self._local, "s", None)
        if s is None:
            s = self._local.s = requests.Session()
        return s

    def call(self, method: str, path: str, *, token: str | None = None, ok=(200, 201, 202, 204),
             accept=(), **kw) -> requests.Response:
        """``ok``: the answers wanted; ``accept``: other statuses taken as done (e.g. 409 when a
        retried write finds its own effect). Anything else raises."""
        url = path if path.startswith("http") else f"{self.base}{path}"
        headers = kw.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        deadline = time.monotonic() + self.patience
        wait, attempt = 0.5, 0
        while True:
            attempt += 1
            try:
                r = self._session().request(method, url, headers=headers, timeout=120, **kw)
            except requests.RequestException as exc:
                r, err = None, exc
            else:
                err = None
                if r.status_code in ok or r.status_code in accept:
                    if attempt > 1 and r.status_code in accept:
                        self.retries["accepted-after-retry"] += 1
                    return r
                if r.status_code not in RETRY_STATUS:
                    raise ApiError(f"{method} {path} -> {r.status_code}: {r.text[:600]}")
            if time.monotonic() > deadline:
                raise ApiError(f"{method} {path}: gave up after {attempt} tries "
                               f"({err or r.status_code})")
            self.retries[f"{type(err).__name__}" if err else f"http-{r.status_code}"] += 1
            time.sleep(wait)
            wait = min(wait * 2, 8.0)

    def json(self, method: str, path: str, **kw):
        r = self.call(method, path, **kw)
        return r.json() if r.content else None

    # ---- logins (cached per NIP; renewed before the access token's 15 minutes run out) ----
    def login(self, nip: str, password: str | None = None) -> str:
        with self._lock:
            got = self._tokens.get(nip)
        if got and time.monotonic() - got[1] < 600:
            return got[0]
        body = {"nip": nip, "password": password or self.password[nip]}
        token = self.json("POST", "/api/identity/auth/login", json=body)["access_token"]
        with self._lock:
            self._tokens[nip] = (token, time.monotonic())
        return token

    def forget(self, nip: str) -> None:
        with self._lock:
            self._tokens.pop(nip, None)

    def pages(self, path: str, *, token: str, params: dict | None = None, page_size: int = 500):
        page = 1
        while True:
            r = self.call("GET", path, token=token,
                          params={**(params or {}), "page": page, "page_size": page_size})
            items = r.json()
            yield from items
            if len(items) < page_size:
                return
            page += 1

    def total(self, path: str, *, token: str, params: dict | None = None) -> int:
        import json as _json
        r = self.call("GET", path, token=token, params={**(params or {}), "page_size": 1})
        return _json.loads(r.headers.get("X-Pagination", "{}")).get("total", len(r.json()))
