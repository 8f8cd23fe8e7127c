"""RabbitMQ topology and connection parameters shared by the publisher and the consumer.

    kinerja.events (topic, durable)
        --<producer>.<EventType>--> <service>          (quorum; dead-letters to the DLX)
    kinerja.events.dead (direct, durable)
        --<service>-->              <service>.dead     (quorum)

A message a consumer rejects, or one returned more than ``delivery_limit`` times, moves to
``<service>.dead``: it never loops forever and never vanishes (ARCHITECTURE.md, Events).

Bindings follow the subscription list. AMQP cannot list a queue's bindings, but every routing
key this code base can bind is ``<producer>.<EventType>`` of a registered contract, so
``prune=True`` unbinds each known key the list no longer has (unbinding a key that was never
bound is a no-op). ``kinerja migrate`` prunes; a consumer connecting does not, because during a
rolling deploy an old consumer reconnecting would remove the bindings the new release added.
"""
from __future__ import annotations

import logging
from typing import Iterable

import pika
from pika.exceptions import ChannelClosedByBroker

from ..events.registry import all_event_types

log = logging.getLogger(__name__)

DEFAULT_EXCHANGE = "kinerja.events"
BLOCKED_CONNECTION_TIMEOUT = 60.0  # seconds a broker may block us (memory alarm) before we give up


def dead_letter_exchange(exchange: str) -> str:
    return f"{exchange}.dead"


def dead_letter_queue(service: str) -> str:
    return f"{service}.dead"


def connection_parameters(amqp_url: str, *, heartbeat: int | None = None) -> pika.URLParameters:
    """Parameters from a URL, with our defaults where the URL does not set them."""
    params = pika.URLParameters(amqp_url)
    if "blocked_connection_timeout" not in amqp_url:
        params.blocked_connection_timeout = BLOCKED_CONNECTION_TIMEOUT
    if "connection_attempts" not in amqp_url:
        params.connection_attempts = 1  # callers own the retry policy
    if "socket_timeout" not in amqp_url:
        params.socket_timeout = 5
    if heartbeat is not None and "heartbeat" not in amqp_url:
        params.heartbeat = heartbeat
    return params


def declare_exchange(channel, exchange: str = DEFAULT_EXCHANGE) -> None:
    """Declare the durable topic exchange every event is published to (idempotent)."""
    channel.exchange_declare(exchange=exchange, exchange_type="topic", durable=True)


class TopologyMismatch(RuntimeError):
    """A queue exists with other arguments than this release declares (PRECONDITION_FAILED).

    Queue arguments cannot be changed in place; docs/DEPLOYMENT.md ("Subscriptions and
    queue arguments") has the procedure. Not an ``AMQPError``: retrying cannot help, so a consumer
    stops with this message instead of reconnecting forever.
    """


def known_routing_keys() -> set[str]:
    """Every routing key a subscription list can bind: one per registered event contract."""
    return {f"{cls.producer}.{event_type}" for event_type, cls in all_event_types().items()}


def declare_topology(
    channel,
    exchange: str,
    service: str,
    routing_keys: Iterable[str],
    delivery_limit: int,
    *,
    prune: bool = False,
) -> None:
    """Declare the exchanges and ``service``'s queue, its bindings and its dead-letter queue.

    ``channel`` is a pika ``BlockingChannel``. Declarations are idempotent. With ``prune``,
    bindings of the queue on ``exchange`` for known routing keys not in ``routing_keys`` are
    removed (a handler dropped from the subscription list stops its traffic). Declaring an
    existing queue with other arguments (e.g. a new ``delivery_limit``) raises
    ``TopologyMismatch`` saying what to do.
    """
    keys = set(routing_keys)
    dlx = dead_letter_exchange(exchange)
    declare_exchange(channel, exchange)
    channel.exchange_declare(exchange=dlx, exchange_type="direct", durable=True)
    _declare_queue(channel, dead_letter_queue(service), {"x-queue-type": "quorum"})
    channel.queue_bind(queue=dead_letter_queue(service), exchange=dlx, routing_key=service)
    _declare_queue(channel, service, {
        "x-queue-type": "quorum",
        "x-dead-letter-exchange": dlx,
        "x-dead-letter-routing-key": service,
        "x-delivery-limit": int(delivery_limit),
    })
    for key in sorted(keys):
        channel.queue_bind(queue=service, exchange=exchange, routing_key=key)
    if prune:
        stale = sorted(known_routing_keys() - keys)
        for key in stale:
            channel.queue_unbind(queue=service, exchange=exchange, routing_key=key)
        log.info("queue %s: bound to %d routing keys on %s; the %d other known keys unbound",
                 service, len(keys), exchange, len(stale))


def _declare_queue(channel, queue: str, arguments: dict) -> None:
    try:
        channel.queue_declare(queue=queue, durable=True, arguments=arguments)
    except ChannelClosedByBroker as exc:
        if exc.reply_code != 406:  # PRECONDITION_FAILED
            raise
        message = (
            f"queue {queue!r} already exists with other arguments than this release declares "
            f"({_describe(arguments)}); the broker said: {exc.reply_text}. Queue arguments "
            "cannot be changed in place. Either keep the old value (e.g. KINERJA_DELIVERY_LIMIT) "
            "or replace the queue without losing events as docs/DEPLOYMENT.md, \"Subscriptions "
            "and queue arguments\", describes (stop the relays, let the queue drain, delete it, "
            "run `kinerja migrate`, start the relays again)."
        )
        log.error("%s", message)
        raise TopologyMismatch(message) from exc


def _describe(arguments: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(arguments.items()))
