"""A service describes itself once; every entrypoint (web, relay, consumer, worker, tests,
the embedded runner) builds from that description."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from sqlalchemy import MetaData

if TYPE_CHECKING:  # pragma: no cover
    import argparse

    from flask import Flask

    from ..events import EventPayload
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
    # what the service publishes (payload classes; its units of work refuse any other type)
    # next to what it consumes (event type -> handler): service_layer/events.py and
    # service_layer/handlers.py; `kinerja services --events` lists both for every service
    publishes: Sequence[type["EventPayload"]] = ()
    handlers: Callable[["ServiceRuntime"], Mapping[str, "Handler"]] = lambda rt: {}
    # every current snapshot event of what the service owns, as (payload, aggregate_id,
    # instansi_id), read in the given unit of work: `kinerja republish SERVICE` stages them for
    # a consumer that came later than the events (messaging/republish.py)
    snapshots: Callable[[Any], Any] | None = None
    # the service's own long-lived objects (settings, key store, remote clients), built once
    # per runtime on first use: ``runtime.components``
    components: Callable[["ServiceRuntime"], Any] | None = None
    # the user's message when a unique or foreign-key constraint of this name is violated
    # (a concurrent duplicate): constraint name -> Indonesian detail of the 409
    conflict_messages: Mapping[str, str] = field(default_factory=dict)
    jobs: Any = None  # a kinerja_shared.jobs JobRegistry, for services with background jobs
    init_app: Callable[["Flask", "ServiceRuntime"], None] | None = None
    on_start: Callable[["ServiceRuntime"], None] | None = None
    # operator commands under `kinerja <name> ...`: called with that argparse parser, it adds
    # its subcommands; each sets `run=fn(runtime, args)` (set_defaults), which gets a runtime
    # built from the environment like `kinerja relay` does; a non-zero int it returns is the
    # exit status, and `SystemExit("message")` refuses with that message
    commands: Callable[["argparse.ArgumentParser"], None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def published_event_types(self) -> frozenset[str]:
        return frozenset(cls.event_type for cls in self.publishes)


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
