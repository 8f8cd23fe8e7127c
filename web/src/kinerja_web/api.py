"""The services' public APIs, called with the user's own token.

Two transports, one interface: over HTTP (production: ``KINERJA_WEB_API_URL``, the services
directly or the gateway) and in process (the embedded mode: the WSGI app that mounts every
service under ``/api/<service>``, called without a socket). The UI reads no database.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import requests
from werkzeug.test import Client

log = logging.getLogger("kinerja.web")


@dataclass
class Jawaban:
    """One API answer: status, parsed JSON body (None when there is none), headers."""

    status: int
    body: Any
    headers: Mapping[str, str]
    ms: float = 0.0
    raw: bytes = b""  # the body as sent (PDFs, spreadsheets the UI passes on)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def errors(self) -> dict[str, list[str]]:
        """422's ``errors`` per field (nested fields flattened with dots)."""
        if not isinstance(self.body, dict):
            return {}
        return _flatten(self.body.get("errors") or {})

    @property
    def detail(self) -> str:
        if isinstance(self.body, dict) and self.body.get("detail"):
            return str(self.body["detail"])
        return "Permintaan tidak dapat diproses."

    @property
    def paging(self) -> dict:
        raw = self.headers.get("X-Pagination")
        return json.loads(raw) if raw else {}


def _flatten(errors: Any, prefix: str = "") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            out.update(_flatten(value, f"{prefix}{key}."))
    elif isinstance(errors, list) and all(isinstance(e, str) for e in errors):
        out[prefix.rstrip(".") or "_"] = list(errors)
    elif isinstance(errors, list):
        for i, value in enumerate(errors):
            out.update(_flatten(value, f"{prefix}{i}."))
    else:
        out[prefix.rstrip(".") or "_"] = [str(errors)]
    return out


class ApiTidakTersedia(Exception):
    """A service did not answer (down, timeout): the page says so instead of a 500."""


@dataclass
class Panggilan:
    method: str
    service: str
    path: str
    token: str | None = None
    json: Any = None
    params: Mapping[str, Any] | None = None
    files: Mapping[str, tuple[str, bytes, str]] | None = None
    data: Mapping[str, Any] | None = None
    client_addr: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    redirect: bool = True  # False: a 3xx is answered as it is (download links)

    def header_list(self) -> dict[str, str]:
        h = dict(self.headers)
        if self.token:
            h["Authorization"] = f"Bearer {self.token}"
        if self.client_addr:
            h["X-Forwarded-For"] = self.client_addr  # login throttling per real client
        return h

    def clean_params(self) -> dict[str, Any]:
        return {k: v for k, v in (self.params or {}).items() if v not in (None, "")}


class HttpTransport:
    """``base`` is either a template with ``{service}`` (each service directly, no /api
    prefix: ``http://{service}:8000``) or one URL serving ``/api/<service>`` (the gateway)."""

    def __init__(self, base: str, timeout: float = 30.0) -> None:
        self.base = base.rstrip("/")
        self.timeout = timeout
        self._session = requests.Session()

    def url(self, service: str, path: str) -> str:
        if "{service}" in self.base:
            return self.base.format(service=service) + path
        return f"{self.base}/api/{service}{path}"

    def __call__(self, p: Panggilan) -> Jawaban:
        files = {k: v for k, v in (p.files or {}).items()} or None
        try:
            r = self._session.request(p.method, self.url(p.service, p.path),
                                      json=p.json, params=p.clean_params(), files=files,
                                      data=p.data, headers=p.header_list(),
                                      timeout=self.timeout, allow_redirects=p.redirect)
        except requests.RequestException as exc:
            raise ApiTidakTersedia(str(exc)) from exc
        body = None
        if r.content and "json" in r.headers.get("Content-Type", ""):
            body = r.json()
        return Jawaban(r.status_code, body, r.headers, raw=r.content)


class WsgiTransport:
    """Calls a WSGI app that mounts the services under /api/<service> (embedded mode)."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    def __call__(self, p: Panggilan) -> Jawaban:
        client = Client(self.app)
        kwargs: dict[str, Any] = {"headers": p.header_list(), "query_string": p.clean_params()}
        if p.files:
            form = dict(p.data or {})
            for name, (filename, content, ctype) in p.files.items():
                import io
                form[name] = (io.BytesIO(content), filename, ctype)
            kwargs["data"] = form
        elif p.json is not None:
            kwargs["json"] = p.json
        environ = {"REMOTE_ADDR": p.client_addr or "127.0.0.1"}
        r = client.open(f"/api/{p.service}{p.path}", method=p.method, environ_base=environ,
                        **kwargs)
        try:
            raw = r.data
            body = r.get_json(silent=True) if raw else None
        finally:
            r.close()
        if body is None and r.status_code >= 500:
            log.error("API %s %s answered %s", p.method, p.path, r.status_code)
        return Jawaban(r.status_code, body, dict(r.headers), raw=raw)


class Api:
    def __init__(self, transport: Callable[[Panggilan], Jawaban]) -> None:
        self.transport = transport

    def call(self, p: Panggilan) -> Jawaban:
        start = time.perf_counter()
        j = self.transport(p)
        j.ms = (time.perf_counter() - start) * 1000
        if j.status >= 500:
            log.error("API %s %s/%s answered %s: %s", p.method, p.service, p.path, j.status,
                      j.body)
        return j
