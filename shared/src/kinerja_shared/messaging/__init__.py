"""Messaging: outbox and inbox tables, the relay, the consumer dispatcher, and two transports
(RabbitMQ via pika for production, an in-memory broker for the embedded mode)."""
from .tables import add_messaging_tables

__all__ = ["add_messaging_tables"]
