"""KINERJA_TRUSTED_PROXIES: the app factory believes X-Forwarded-For/-Proto/-Host from that
many proxies in front of it, and nothing from anyone when it is 0 (the default)."""
from __future__ import annotations

import dataclasses

import pytest
from flask import jsonify, request
from sqlalchemy import MetaData

from kinerja_shared.config import ServiceSettings
from kinerja_shared.runtime import ServiceDefinition, ServiceRuntime


def _init_app(app, runtime):
    app.add_url_rule("/siapa", "siapa", lambda: jsonify(
        addr=request.remote_addr, scheme=request.scheme, host=request.host))


def client(tmp_path, hops: int):
    definition = ServiceDefinition(name="contoh", url_prefix="contoh", title="Contoh",
                                   description="", metadata=MetaData(), migrations_dir=tmp_path,
                                   init_app=_init_app)
    settings = dataclasses.replace(ServiceSettings.from_env("contoh", {}),
                                   database_url=f"sqlite:///{tmp_path}/contoh.db",
                                   trusted_proxies=hops)
    return ServiceRuntime(definition, settings).create_app().test_client()


def seen(c, forwarded: dict | None = None) -> dict:
    return c.get("/siapa", headers=forwarded or {},
                 environ_base={"REMOTE_ADDR": "10.0.0.1"}).get_json()


FORWARDED = {"X-Forwarded-For": "198.51.100.7, 203.0.113.5", "X-Forwarded-Proto": "https",
             "X-Forwarded-Host": "kinerja.example.org"}


def test_the_setting_is_read_from_the_environment():
    assert ServiceSettings.from_env("skp", {}).trusted_proxies == 0
    assert ServiceSettings.from_env("skp", {"KINERJA_TRUSTED_PROXIES": ""}).trusted_proxies == 0
    assert ServiceSettings.from_env("skp", {"KINERJA_TRUSTED_PROXIES": "2"}).trusted_proxies == 2
    with pytest.raises(ValueError, match="KINERJA_TRUSTED_PROXIES"):
        ServiceSettings.from_env("skp", {"KINERJA_TRUSTED_PROXIES": "-1"})


def test_by_default_forwarded_headers_are_ignored(tmp_path):
    c = client(tmp_path, 0)
    assert seen(c, FORWARDED) == {"addr": "10.0.0.1", "scheme": "http", "host": "localhost"}


def test_one_trusted_hop_takes_the_last_forwarded_values(tmp_path):
    c = client(tmp_path, 1)
    assert seen(c, FORWARDED) == {"addr": "203.0.113.5", "scheme": "https",
                                  "host": "kinerja.example.org"}
    assert seen(c)["addr"] == "10.0.0.1"  # not through the proxy: its own peer address


def test_two_trusted_hops_take_the_second_to_last_address(tmp_path):
    c = client(tmp_path, 2)
    assert seen(c, FORWARDED)["addr"] == "198.51.100.7"
    # fewer entries than trusted hops: nothing is believed
    assert seen(c, {"X-Forwarded-For": "203.0.113.5"})["addr"] == "10.0.0.1"
