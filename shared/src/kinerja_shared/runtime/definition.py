"""A service describes itself once; every entrypoint (web, relay, consumer, worker, tests,
the embedded runner) builds from that description."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

from sqlalchemy import MetaData

if TYPE_CHECKING:  # pragma: no cover
    import argparse

    from flask import Flask

    from ..messaging.dispatcher import Handler
    from .runtime import ServiceRuntime

ENTRY_POINT_GROUP = "kinerja.services"

# the order services are mounted and started in the embedded mode
SERVICE_ORDER = ["identity", "skp", "penilaian", "keberatan", "angka_kredit", "integration",
                 "reporting"]


@dataclass
class ServiceDefinition:
    name: str  # queue, producer and database name: "angka_kredit"
    url_prefix: str  # path segment under /api: "angka-kredit"
    title: str
    description: str
    metadata: MetaData
    migrations_dir: Path
    blueprints: Callable[[], list[Any]] = lambda: []
    handlers: Callable[["ServiceRuntime"], Mapping[str, "Handler"]] = lambda rt: {}
    jobs: Any = None  # a kinerja_shared.jobs JobRegistry, for services with background jobs
    init_app: Callable[["Flask", "ServiceRuntime"], None] | None = None
    on_start: Callable[["ServiceRuntime"], None] | None = None
    # operator commands under `kinerja <name> ...`: called with that argparse parser, it adds
    # its subcommands; each sets `run=fn(runtime, args)` (set_defaults), which gets a runtime
    # built from the environment like `kinerja relay` does; a non-zero int it returns is the
    # exit status, and `SystemExit("message")` refuses with that message
    commands: Callable[["argparse.ArgumentParser"], None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def installed_services() -> list[str]:
    """Names of the installed services, without importing them (in SERVICE_ORDER)."""
    order = {n: i for i, n in enumerate(SERVICE_ORDER)}
    names = {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return sorted(names, key=lambda n: (order.get(n, 99), n))


def load_definitions(names: list[str] | None = None) -> dict[str, ServiceDefinition]:
    """Every installed service (entry point group ``kinerja.services``), in SERVICE_ORDER."""
    found: dict[str, ServiceDefinition] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if names is None or ep.name in names:
            definition = ep.load()
            found[ep.name] = definition() if callable(definition) else definition
    order = {n: i for i, n in enumerate(SERVICE_ORDER)}
    return dict(sorted(found.items(), key=lambda kv: order.get(kv[0], 99)))
