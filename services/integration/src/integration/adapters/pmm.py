"""The PMM client (the interface of ``sandbox/pmm.py``, our design: NATIONAL.md says no public
one exists): a client-credentials token, a teacher's records by NIP with paging, user
registration. Every call has a timeout; reads and registrations retry 5xx, timeouts and 429
(tenacity); a 401 fetches a new token once."""
from __future__ import annotations

import threading
import time
from typing import Any, Iterator

import httpx

from ..config import PmmSettings
from .remote import AuthFailed, Refused, Unavailable, error_of, failure_of, retrying


class PmmClient:
    def __init__(self, settings: PmmSettings, *, transport: httpx.BaseTransport | None = None
                 ) -> None:
        self.settings = settings
        self._http = httpx.Client(base_url=(settings.url or "").rstrip("/"),
                                  timeout=httpx.Timeout(settings.timeout, connect=5.0),
                                  transport=transport)
        self._token: str | None = None
        self._renew_at = 0.0
        self._lock = threading.Lock()

    def close(self) -> None:
        self._http.close()

    def _send(self, call) -> httpx.Response:
        try:
            return call()
        except httpx.HTTPError as exc:
            try:
                request = exc.request
            except RuntimeError:
                raise Unavailable(type(exc).__name__, uncertain=True) from None
            raise failure_of(request, exc) from None

    def _bearer(self) -> str:
        with self._lock:
            if self._token is None or time.monotonic() >= self._renew_at:
                s = self.settings
                response = self._send(lambda: self._http.post(
                    "/oauth/token", data={"grant_type": "client_credentials"},
                    auth=(s.client_id or "", s.client_secret or "")))
                if response.status_code in (400, 401, 403):
                    raise AuthFailed(f"PMM token request refused ({response.status_code})")
                if response.status_code != 200:
                    raise error_of(response)
                body = response.json()
                life = max(1.0, float(body.get("expires_in", 3600)))
                self._token, self._renew_at = body["access_token"], \
                    time.monotonic() + life - min(60.0, life / 10)
            return self._token

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        s = self.settings
        for attempt in retrying(s.attempts, 0.2, 5.0):
            with attempt:
                for renewed in (False, True):
                    token = self._bearer()
                    response = self._send(lambda: self._http.request(
                        method, path, headers={"Authorization": f"Bearer {token}"}, **kwargs))
                    if response.status_code != 401:
                        break
                    with self._lock:
                        if self._token == token:
                            self._token = None
                if response.status_code >= 500 or response.status_code == 429:
                    raise error_of(response)
                return response
        raise AssertionError("unreachable")

    def kinerja(self, nip: str, *, limit: int = 100) -> Iterator[dict[str, Any]]:
        """Every record PMM holds for the NIP."""
        cursor = None
        while True:
            params = {"nip": nip, "limit": limit, **({"cursor": cursor} if cursor else {})}
            response = self._call("GET", "/api/v1/kinerja", params=params)
            if response.status_code != 200:
                raise error_of(response)
            body = response.json()
            yield from body.get("data") or []
            cursor = body.get("next_cursor")
            if not body.get("has_more"):
                return

    def daftarkan(self, nip: str, nama: str, peran: str) -> str:
        """Register a PMM user; the PMM id (an already registered NIP keeps its id)."""
        response = self._call("POST", "/api/v1/pengguna",
                              json={"nip": nip, "nama": nama, "peran": peran})
        if response.status_code == 409:
            found = self._call("GET", f"/api/v1/pengguna/{nip}")
            if found.status_code == 200:
                return str(found.json().get("id"))
        if response.status_code not in (200, 201):
            raise Refused(f"PMM menolak pendaftaran: {response.status_code}",
                          status=response.status_code)
        return str(response.json().get("id"))

    def hapus(self, nip: str) -> None:
        response = self._call("DELETE", f"/api/v1/pengguna/{nip}")
        if response.status_code not in (204, 404):
            raise error_of(response)
