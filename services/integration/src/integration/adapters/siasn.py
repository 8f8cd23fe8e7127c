"""The SIASN client (NATIONAL.md): two tokens on every call, the reads with paging, the saves.

    client = SiasnClient(settings.siasn)
    client.pegawai_instansi(instansi_siasn_id, offset, limit)
    client.simpan("skp22", body)          # -> the record id SIASN answered in mapData
    client.riwayat("skp22", nip)          # what SIASN holds

Tokens: the API gateway's (client credentials, HTTP Basic consumer key and secret) and the
SSO's (password grant of the operator). Each is fetched when missing or about to expire and
again after a 401 (an expired or revoked token); both are sent on every call
(``Authorization: Bearer`` and ``Auth: bearer``). Every call has a timeout. Reads retry 5xx,
timeouts and 429 themselves (tenacity); a save is tried once per ``simpan`` call, because
after a lost answer the caller must look the record up before sending it again.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Iterator

import httpx

from ..config import SiasnSettings
from .remote import (AuthFailed, Refused, RemoteError, Unauthorized, Unavailable, error_of,
                     failure_of, retrying)

API = "/apisiasn/1.0"
REF = "/referensi_siasn/1"
MARGIN = 60.0  # seconds before expiry a token is renewed (at most a tenth of its life)


class _Token:
    def __init__(self) -> None:
        self.value: str | None = None
        self.renew_at = 0.0

    def fresh(self) -> bool:
        return self.value is not None and time.monotonic() < self.renew_at

    def set(self, value: str, expires_in: float) -> None:
        life = max(1.0, float(expires_in))
        self.value = value
        self.renew_at = time.monotonic() + life - min(MARGIN, life / 10)


class SiasnClient:
    def __init__(self, settings: SiasnSettings, *, transport: httpx.BaseTransport | None = None
                 ) -> None:
        self.settings = settings.resolved()
        s = self.settings
        limits = httpx.Limits(max_connections=max(4, s.concurrency * 2),
                              max_keepalive_connections=max(4, s.concurrency * 2))
        self._http = httpx.Client(
            timeout=httpx.Timeout(s.timeout, connect=s.connect_timeout), limits=limits,
            transport=transport, follow_redirects=False)
        self._gateway, self._sso = _Token(), _Token()
        self._lock = threading.Lock()
        self.token_fetches = 0

    def close(self) -> None:
        self._http.close()

    # -- tokens ---------------------------------------------------------------------------
    def _headers(self) -> dict[str, str]:
        with self._lock:
            if not self._gateway.fresh():
                self._fetch_gateway()
            if not self._sso.fresh():
                self._fetch_sso()
            return {"Authorization": f"Bearer {self._gateway.value}",
                    "Auth": f"bearer {self._sso.value}", "Accept": "application/json"}

    def _forget(self, headers: dict[str, str]) -> None:
        """A 401: drop the tokens that call carried (not newer ones another thread got)."""
        with self._lock:
            if headers.get("Authorization") == f"Bearer {self._gateway.value}":
                self._gateway.value = None
            if headers.get("Auth") == f"bearer {self._sso.value}":
                self._sso.value = None

    def _fetch_gateway(self) -> None:
        s = self.settings
        body = self._token_call(lambda: self._http.post(
            s.token_url, data={"grant_type": "client_credentials"},
            auth=(s.consumer_key or "", s.consumer_secret or "")))
        self._gateway.set(body["access_token"], body.get("expires_in", 3600))

    def _fetch_sso(self) -> None:
        s = self.settings
        body = self._token_call(lambda: self._http.post(s.sso_url, data={
            "grant_type": "password", "client_id": s.client_id or "",
            "username": s.username or "", "password": s.password or ""}))
        self._sso.set(body["access_token"], body.get("expires_in", 43200))

    def _token_call(self, call) -> dict[str, Any]:
        s = self.settings
        for attempt in retrying(s.attempts, s.backoff, s.backoff_max):
            with attempt:
                response = self._send(call)
                if response.status_code in (400, 401, 403):
                    raise AuthFailed(f"token request refused ({response.status_code})",
                                     status=response.status_code)
                if response.status_code != 200:
                    raise error_of(response)
                self.token_fetches += 1
                body = response.json()
                if not isinstance(body, dict) or not body.get("access_token"):
                    raise AuthFailed("token answer without access_token")
                return body
        raise AssertionError("unreachable")

    # -- calls ----------------------------------------------------------------------------
    def _send(self, call) -> httpx.Response:
        try:
            return call()
        except httpx.HTTPError as exc:
            try:
                request = exc.request
            except RuntimeError:
                raise Unavailable(type(exc).__name__, uncertain=True) from None
            raise failure_of(request, exc) from None

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One request with both tokens; after a 401 the tokens are renewed and the request
        made once more (a request refused for its token was not done)."""
        for renewed in (False, True):
            headers = self._headers()
            response = self._send(lambda: self._http.request(
                method, self.settings.url + path, headers=headers, **kwargs))
            if response.status_code != 401:
                return response
            self._forget(headers)
            if renewed:
                raise error_of(response)
        raise AssertionError("unreachable")

    def _get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        s = self.settings
        for attempt in retrying(s.attempts, s.backoff, s.backoff_max):
            with attempt:
                response = self._call("GET", path, params=params)
                if response.status_code == 404:
                    return None
                if response.status_code != 200:
                    raise error_of(response, _message(response))
                return response.json()
        raise AssertionError("unreachable")

    # -- reads ----------------------------------------------------------------------------
    def data_utama(self, nip: str) -> dict[str, Any] | None:
        body = self._get(f"{API}/pns/data-utama/{nip}")
        return None if not body else body.get("data")

    def pegawai_instansi(self, instansi_id: str, *, page_size: int | None = None
                         ) -> Iterator[list[dict[str, Any]]]:
        """Every PNS of the instansi, a page at a time."""
        yield from self._pages(f"{API}/pns/instansi/{instansi_id}", {}, page_size)

    def unor_instansi(self, instansi_id: str, *, page_size: int | None = None
                      ) -> Iterator[list[dict[str, Any]]]:
        """The instansi's units of the ref-unor reference, a page at a time."""
        for page in self._pages(f"{REF}/referensi/ref-unor", {"instansiId": instansi_id},
                                page_size):
            yield [u for u in page if str(u.get("InstansiId")) == str(instansi_id)]

    def _pages(self, path: str, params: dict[str, Any], page_size: int | None):
        limit, offset = page_size or self.settings.page_size, 0
        while True:
            body = self._get(path, {**params, "limit": limit, "offset": offset}) or {}
            data = body.get("data") or []
            yield data
            offset += len(data)
            total = body.get("total")
            if not data or len(data) < limit or (total is not None and offset >= int(total)):
                return

    def riwayat(self, jenis: str, nip: str) -> list[dict[str, Any]]:
        body = self._get(f"{API}/pns/rw-{jenis}/{nip}")
        return list((body or {}).get("data") or [])

    # -- saves ----------------------------------------------------------------------------
    def simpan(self, jenis: str, body: dict[str, Any]) -> str:
        """One try of ``{jenis}/save``; the record id of ``mapData`` (``body["id"]`` for an
        update that answers none). Raises Refused (SIASN's message), Unavailable (with
        ``uncertain``), RateLimited."""
        response = self._call("POST", f"{API}/{jenis}/save", json=body)
        if response.status_code != 200:
            raise error_of(response, _message(response))
        answer = _json(response)
        if not answer.get("success", False):
            raise Refused(f"SIASN menolak: {answer.get('message') or 'tanpa pesan'}",
                          status=200)
        found = [str(v) for v in (answer.get("mapData") or {}).values() if v]
        if found:
            return found[0]
        if body.get("id"):
            return str(body["id"])
        raise Unavailable("save answered no record id", status=200, uncertain=True)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _message(response: httpx.Response) -> str | None:
    body = _json(response)
    message = body.get("message") or (body.get("fault") or {}).get("message")
    return str(message)[:300] if message else None


__all__ = ["SiasnClient", "RemoteError", "Refused", "AuthFailed", "Unavailable",
           "Unauthorized"]
