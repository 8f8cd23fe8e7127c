"""RabbitMQ topology and connection parameters shared by the publisher and the consumer.

    kinerja.events (topic, durable)
        --<producer>.<EventType>--> <service>          (quorum; dead-letters to the DLX)
    kinerja.events.dead (direct, durable)
        --<service>-->              <service>.dead     (quorum)

A message a consumer rejects, or one returned more than ``delivery_limit`` times, moves to
``<service>.dead``: it never loops forever and never vanishes (ARCHITECTURE.md, Events).
"""
from __future__ import annotations

from typing import Iterable

import pika

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


def declare_topology(
    channel,
    exchange: str,
    service: str,
    routing_keys: Iterable[str],
    delivery_limit: int,
) -> None:
    """Declare the exchanges and ``service``'s queue, its bindings and its dead-letter queue.

    ``channel`` is a pika ``BlockingChannel``. Declarations are idempotent; declaring an existing
    queue with different arguments fails with PRECONDITION_FAILED (change them by migration).
    """
    dlx = dead_letter_exchange(exchange)
    declare_exchange(channel, exchange)
    channel.exchange_declare(exchange=dlx, exchange_type="direct", durable=True)
    channel.queue_declare(
        queue=dead_letter_queue(service),
        durable=True,
        arguments={"x-queue-type": "quorum"},
    )
    channel.queue_bind(queue=dead_letter_queue(service), exchange=dlx, routing_key=service)
    channel.queue_declare(
        queue=service,
        durable=True,
        arguments={
            "x-queue-type": "quorum",
            "x-dead-letter-exchange": dlx,
            "x-dead-letter-routing-key": service,
            "x-delivery-limit": int(delivery_limit),
        },
    )
    for key in sorted(set(routing_keys)):
        channel.queue_bind(queue=service, exchange=exchange, routing_key=key)
