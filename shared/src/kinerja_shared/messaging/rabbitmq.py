"""The RabbitMQ transport (production mode): topology, the relay's publisher, the consumer.

    publisher = RabbitPublisher(settings.amqp_url, settings.exchange)
    relay = OutboxRelay(engine, publisher, batch_size=settings.relay_batch_size)
    consumer = RabbitConsumer(settings.amqp_url, settings.service, dispatcher,
                              prefetch=settings.prefetch, delivery_limit=settings.delivery_limit,
                              exchange=settings.exchange)
    consumer.run()  # blocks until consumer.stop()

Same semantics as the in-memory broker (``memory.py``): topic routing, one durable quorum
queue per consuming service, ack only after the handler committed, retries up to the delivery
limit, then ``<service>.dead``.
"""
from .rabbitmq_consumer import RabbitConsumer, delivery_attempt
from .rabbitmq_publisher import PublishError, RabbitPublisher
from .rabbitmq_topology import (
    DEFAULT_EXCHANGE,
    connection_parameters,
    dead_letter_exchange,
    dead_letter_queue,
    declare_exchange,
    declare_topology,
)

__all__ = [
    "DEFAULT_EXCHANGE",
    "PublishError",
    "RabbitConsumer",
    "RabbitPublisher",
    "connection_parameters",
    "dead_letter_exchange",
    "dead_letter_queue",
    "declare_exchange",
    "declare_topology",
    "delivery_attempt",
]
