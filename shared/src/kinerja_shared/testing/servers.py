"""Finding the real servers tests run against, and making throwaway databases and vhosts.

Order (issue 2): ``KINERJA_TEST_DATABASE_URL`` / ``KINERJA_TEST_AMQP_URL``; else the local
servers on their default ports; else testcontainers when a Docker engine answers; else a clear
error saying how to provide them. Never a silent skip.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import uuid
from urllib.parse import quote, urlsplit, urlunsplit

import requests

LOCAL_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
LOCAL_AMQP = "amqp://guest:guest@127.0.0.1:5672/%2F"
HOW_TO = (
    "Integration tests need a real {what}. Set {var} (e.g. {example}), run one locally on its "
    "default port, or make a Docker engine available for testcontainers."
)


class ServerUnavailable(RuntimeError):
    pass


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _docker_available() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True).returncode == 0


_containers: list = []


def postgres_server_url() -> str:
    """A URL of a PostgreSQL server (any database on it) where we may create databases."""
    url = os.environ.get("KINERJA_TEST_DATABASE_URL")
    if url:
        return url
    if _port_open("127.0.0.1", 5432):
        return LOCAL_PG
    if _docker_available():
        from testcontainers.postgres import PostgresContainer  # type: ignore

        container = PostgresContainer("postgres:15").start()
        _containers.append(container)
        return container.get_connection_url().replace("+psycopg2", "")
    raise ServerUnavailable(HOW_TO.format(what="PostgreSQL", var="KINERJA_TEST_DATABASE_URL",
                                          example=LOCAL_PG))


def amqp_server_url() -> str:
    url = os.environ.get("KINERJA_TEST_AMQP_URL")
    if url:
        return url
    if _port_open("127.0.0.1", 5672):
        return LOCAL_AMQP
    if _docker_available():
        from testcontainers.rabbitmq import RabbitMqContainer  # type: ignore

        container = RabbitMqContainer("rabbitmq:3.13-management").start()
        _containers.append(container)
        host, port = container.get_container_host_ip(), container.get_exposed_port(5672)
        return f"amqp://guest:guest@{host}:{port}/%2F"
    raise ServerUnavailable(HOW_TO.format(what="RabbitMQ", var="KINERJA_TEST_AMQP_URL",
                                          example=LOCAL_AMQP))


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


def create_database(server_url: str, prefix: str = "kinerja_t") -> str:
    """Create an empty database on the server; return its URL."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_plain(server_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return _with_database(server_url, name)


def drop_database(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = _with_database(url, "postgres")
    with psycopg.connect(_plain(admin), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def create_vhost(server_url: str, prefix: str = "kinerja-test") -> str:
    """Create a fresh vhost (rabbitmqctl, else the management API); return its AMQP URL."""
    name = f"{prefix}-{uuid.uuid4().hex[:10]}"
    parts = urlsplit(server_url)
    user = parts.username or "guest"
    if not _run_ctl(["add_vhost", name]) or not _run_ctl(
        ["set_permissions", "-p", name, user, ".*", ".*", ".*"]
    ):
        _management(server_url, "PUT", f"vhosts/{quote(name, safe='')}")
        _management(server_url, "PUT", f"permissions/{quote(name, safe='')}/{user}",
                    {"configure": ".*", "write": ".*", "read": ".*"})
    return urlunsplit((parts.scheme, parts.netloc, "/" + quote(name, safe=""), parts.query, ""))


def delete_vhost(amqp_url: str) -> None:
    from urllib.parse import unquote

    name = unquote(urlsplit(amqp_url).path.lstrip("/"))
    if not _run_ctl(["delete_vhost", name]):
        try:
            _management(amqp_url, "DELETE", f"vhosts/{quote(name, safe='')}")
        except ServerUnavailable:
            pass


def _run_ctl(args: list[str]) -> bool:
    ctl = shutil.which("rabbitmqctl") or ("/usr/sbin/rabbitmqctl"
                                          if os.path.exists("/usr/sbin/rabbitmqctl") else None)
    if ctl is None:
        return False
    try:
        return subprocess.run([ctl, *args], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _management(amqp_url: str, method: str, path: str, body: dict | None = None) -> None:
    parts = urlsplit(amqp_url)
    base = os.environ.get("KINERJA_TEST_RABBITMQ_API", f"http://{parts.hostname}:15672/api")
    try:
        resp = requests.request(method, f"{base}/{path}", json=body, timeout=10,
                                auth=(parts.username or "guest", parts.password or "guest"))
    except requests.RequestException as exc:
        raise ServerUnavailable(
            "Cannot create a RabbitMQ vhost: neither rabbitmqctl nor the management API "
            f"({base}) is available. Set KINERJA_TEST_AMQP_URL to a vhost tests may use."
        ) from exc
    if resp.status_code >= 300:
        raise ServerUnavailable(f"RabbitMQ management API {method} {path}: {resp.status_code}")
