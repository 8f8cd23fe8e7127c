"""Wiring of one service from its definition and settings (the cosmicpython ``bootstrap``)."""
from __future__ import annotations

import logging
from functools import cached_property
from typing import Any

from flask import current_app
from sqlalchemy import text

from ..config import ServiceSettings
from ..db import UnitOfWork, make_engine, make_session_factory
from ..db.engine import BACA_SAJA
from ..messaging.dispatcher import EventDispatcher
from ..messaging.relay import OutboxRelay, Publisher
from .definition import ServiceDefinition

log = logging.getLogger(__name__)


class ServiceRuntime:
    """Engine, sessions, unit of work, dispatcher, relay and jobs of one service.

    ``publisher`` is the transport the relay publishes to: the shared in-memory broker in the
    embedded mode, a ``RabbitPublisher`` in production (built lazily from the settings).
    """

    def __init__(
        self,
        definition: ServiceDefinition,
        settings: ServiceSettings | None = None,
        *,
        publisher: Publisher | None = None,
        key_source: Any = None,
    ) -> None:
        self.definition = definition
        self.settings = settings or ServiceSettings.from_env(definition.name)
        self._publisher = publisher
        self.key_source = key_source
        self.engine = make_engine(self.settings.database_url)
        self.session_factory = make_session_factory(self.engine)
        self._relay: OutboxRelay | None = None
        self.job_runner: Any = None

    @property
    def name(self) -> str:
        return self.definition.name

    # -- units of work ----------------------------------------------------------------------
    def uow(self, *, baca_saja: bool = False) -> UnitOfWork:
        """A unit of work. ``baca_saja``: one that only reads and is never committed; under
        SQLite (the embedded mode) a deferred transaction that neither takes nor waits for the
        write lock (for what is polled while a job writes)."""
        after_commit = self._relay.wake if self._relay is not None else None
        factory = self._baca_saja_sessions if baca_saja else self.session_factory
        return UnitOfWork(factory, after_commit=after_commit,
                          publishes=self.definition.published_event_types)

    @cached_property
    def _baca_saja_sessions(self) -> Any:
        return make_session_factory(self.engine.execution_options(**{BACA_SAJA: True}))

    # -- the service's own objects ----------------------------------------------------------
    @cached_property
    def components(self) -> Any:
        """What ``ServiceDefinition.components(runtime)`` builds, once per runtime (identity:
        its settings, password hasher and key store). None for a service without any."""
        factory = self.definition.components
        return factory(self) if factory is not None else None

    # -- messaging --------------------------------------------------------------------------
    @property
    def publisher(self) -> Publisher:
        if self._publisher is None:
            if self.settings.bus != "rabbitmq":
                raise RuntimeError("no publisher: pass the in-memory broker or set KINERJA_BUS")
            from ..messaging.rabbitmq import RabbitPublisher

            self._publisher = RabbitPublisher(self.settings.amqp_url, self.settings.exchange)
        return self._publisher

    @property
    def relay(self) -> OutboxRelay:
        if self._relay is None:
            self._relay = OutboxRelay(
                self.engine,
                self.publisher,
                batch_size=self.settings.relay_batch_size,
                poll_interval=self.settings.relay_poll_interval,
                idle_interval=self.settings.relay_idle_interval,
                name=self.name,
                retention=self.settings.outbox_retention,
            )
        return self._relay

    @cached_property
    def dispatcher(self) -> EventDispatcher:
        """The service's subscription list plus the platform's own subscriptions (revoked
        sessions: ``auth.revocation.platform_handlers``), so every service gets them, and its
        queue their bindings, without a line in its handlers.py."""
        from ..auth.revocation import platform_handlers

        handlers = dict(self.definition.handlers(self))
        for event_type, handler in platform_handlers(self.name).items():
            if event_type in handlers:
                raise ValueError(f"{self.name}: {event_type} is handled by the platform; "
                                 "remove it from the service's handlers")
            handlers[event_type] = handler
        return EventDispatcher(self.name, self.uow, handlers)

    def declare_topology(self) -> None:
        """Declare this service's queue, bindings and dead-letter queue on RabbitMQ, and remove
        the bindings of event types its subscription list no longer has.

        Run at deploy time (``kinerja migrate``) before any relay starts, so an event published
        before this service's consumer first connects is queued, not dropped as unroutable.
        Only this deploy-time declaration prunes: consumers of the previous release may still
        reconnect while the new one rolls out, and must not unbind what it added.
        """
        import pika

        from ..messaging.rabbitmq import connection_parameters, declare_topology

        s = self.settings
        connection = pika.BlockingConnection(connection_parameters(s.amqp_url))
        try:
            declare_topology(connection.channel(), s.exchange, self.name,
                             self.dispatcher.routing_keys, s.delivery_limit, prune=True)
        finally:
            connection.close()

    # -- database ---------------------------------------------------------------------------
    def migrate(self, revision: str = "head") -> None:
        from ..db.migrations import upgrade

        upgrade(self.definition, self.settings.database_url, revision)

    def database_ok(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception:  # noqa: BLE001 - readiness reports, never raises
            log.warning("%s: database not reachable", self.name, exc_info=True)
            return False

    # -- web --------------------------------------------------------------------------------
    def create_app(self):
        from .app import create_app

        return create_app(self)

    def dispose(self) -> None:
        if self._relay is not None:
            self._relay.stop()
        if self.job_runner is not None and hasattr(self.job_runner, "shutdown"):
            self.job_runner.shutdown()
        self.engine.dispose()


def current_runtime() -> ServiceRuntime:
    """The runtime of the service handling the current request."""
    return current_app.extensions["kinerja"]
