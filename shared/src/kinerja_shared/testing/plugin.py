"""pytest plugin (registered by the kinerja-shared package): real servers for tests.

Fixtures:
- ``pg_server_url``: a PostgreSQL server URL (session).
- ``make_pg_database``: factory creating fresh databases, dropped at session end.
- ``pg_url``: one fresh database for the test session.
- ``amqp_url``: one fresh RabbitMQ vhost for the test session (deleted at the end).
- ``make_amqp_vhost``: factory for more vhosts.

Every app built while tests run checks its answers against the HTTP conventions
(``KINERJA_CHECK_HTTP_CONVENTIONS=1``, inherited by the processes tests start; see
``web.conventions``).
"""
from __future__ import annotations

import os

import pytest

from . import servers


def pytest_configure(config) -> None:
    os.environ.setdefault("KINERJA_CHECK_HTTP_CONVENTIONS", "1")


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    try:
        return servers.postgres_server_url()
    except servers.ServerUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def make_pg_database(pg_server_url):
    made: list[str] = []

    def make(prefix: str = "kinerja_t") -> str:
        url = servers.create_database(pg_server_url, prefix)
        made.append(url)
        return url

    yield make
    if not os.environ.get("KINERJA_TEST_KEEP_DATABASES"):
        for url in made:
            servers.drop_database(url)


@pytest.fixture(scope="session")
def pg_url(make_pg_database) -> str:
    return make_pg_database()


@pytest.fixture(scope="session")
def amqp_server_url() -> str:
    try:
        return servers.amqp_server_url()
    except servers.ServerUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def make_amqp_vhost(amqp_server_url):
    made: list[str] = []

    def make(prefix: str = "kinerja-test") -> str:
        if os.environ.get("KINERJA_TEST_AMQP_URL"):
            return amqp_server_url  # the caller gave us a vhost to use as it is
        url = servers.create_vhost(amqp_server_url, prefix)
        made.append(url)
        return url

    yield make
    for url in made:
        servers.delete_vhost(url)


@pytest.fixture(scope="session")
def amqp_url(make_amqp_vhost) -> str:
    return make_amqp_vhost()
