"""integration tests: a real SIASN sandbox (HTTP server on a thread, SQLite state), integration
on real PostgreSQL, tokens from the test minter, predikat fed through integration's own
consumer (dispatcher: inbox + handler). Helpers in ``integrasi_uji.py``.

    admin   admin_instansi of i-1 (SIASN instansi id "SIASN-1")
    admin2  admin_instansi of i-2
    pegawai a pegawai of i-1 without an admin role
"""
from __future__ import annotations

import secrets
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from kinerja_shared.auth.testing import TokenMinter  # noqa: E402
from kinerja_shared.testing.service import make_test_runtime  # noqa: E402

from integration.config import PmmSettings  # noqa: E402
from integration.sandbox.server import serve_in_thread  # noqa: E402
from integration.sandbox.siasn import SiasnCredentials, create_app, seed  # noqa: E402
from integrasi_uji import (SIASN_INSTANSI, Api, Sandbox, kerjakan, kirim_event,  # noqa: E402
                           siasn_settings)


@pytest.fixture
def sandbox():
    creds = SiasnCredentials(secrets.token_hex(8), secrets.token_hex(16), "kinerja-test",
                             "operator", secrets.token_hex(16))
    running = serve_in_thread(create_app(creds))
    box = Sandbox(running, creds)
    seed(box.state, SIASN_INSTANSI, pegawai=40, unor=6)
    yield box
    box.close()


@pytest.fixture
def pmm_sandbox():
    from integration.sandbox.pmm import PmmCredentials, create_app as pmm_app

    creds = PmmCredentials("kinerja-test", secrets.token_hex(16))
    running = serve_in_thread(pmm_app(creds))
    running.creds = creds
    yield running
    running.stop()


@pytest.fixture
def runtime(make_pg_database, sandbox, pmm_sandbox):
    minter = TokenMinter()
    rt = make_test_runtime("integration", make_pg_database("kinerja_integration"),
                           key_source=minter.key_source)
    rt.minter = minter
    rt.components.configure(siasn=siasn_settings(sandbox), lease=5.0, chunk=16,
                            poll_interval=0.05,
                            pmm=PmmSettings(url=pmm_sandbox.url,
                                            client_id=pmm_sandbox.creds.client_id,
                                            client_secret=pmm_sandbox.creds.client_secret,
                                            timeout=5, attempts=3))
    yield rt
    rt.components.close()
    rt.dispose()


@pytest.fixture
def api(runtime) -> Api:
    return Api(runtime.create_app().test_client(), runtime.minter)


@pytest.fixture
def world(runtime, sandbox, api, pmm_sandbox):
    return SimpleNamespace(runtime=runtime, sandbox=sandbox, api=api, pmm=pmm_sandbox,
                           kirim=lambda p, a, i="i-1": kirim_event(runtime, p, a, i),
                           kerjakan=lambda: kerjakan(runtime))
