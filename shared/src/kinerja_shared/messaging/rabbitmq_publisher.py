"""RabbitPublisher: the relay's transport to RabbitMQ, with pipelined publisher confirms.

A pika ``SelectConnection`` runs its I/O loop on a thread of its own. ``publish_batch`` hands the
whole batch to that thread, which publishes every message back to back; the caller then waits
until the broker has confirmed all of them (ARCHITECTURE.md: serial confirms ~1,000 msg/s,
pipelined 10,000-28,000). Any nack, a closed channel or connection, or a timeout raises, and the
relay keeps the rows for a later attempt; duplicates that may result are absorbed by the inbox.

Safe to call from any thread (calls are serialised). A lost connection is rebuilt on the next
call. Publishing is not ``mandatory``: an event nobody subscribes to yet is legal.
"""
from __future__ import annotations

import logging
import threading
from typing import Sequence

import pika
from pika.exceptions import AMQPConnectionError, ChannelClosedByClient

from .outbox import OutgoingMessage
from .rabbitmq_topology import DEFAULT_EXCHANGE, connection_parameters

log = logging.getLogger(__name__)


class PublishError(AMQPConnectionError):
    """The broker did not confirm a batch (nack, lost channel or connection, timeout)."""


class _Batch:
    def __init__(self, messages: Sequence[OutgoingMessage]) -> None:
        self.messages = messages
        self.outstanding: set[int] = set()
        self.published = False
        self.done = threading.Event()
        self.error: Exception | None = None

    def fail(self, error: Exception) -> None:
        if not self.done.is_set():
            self.error = error
            self.done.set()


class RabbitPublisher:
    def __init__(
        self,
        amqp_url: str,
        exchange: str = DEFAULT_EXCHANGE,
        *,
        confirm_timeout: float = 30.0,
        connect_timeout: float = 10.0,
    ) -> None:
        self.amqp_url = amqp_url
        self.exchange = exchange
        self.confirm_timeout = confirm_timeout
        self.connect_timeout = connect_timeout
        self._lock = threading.Lock()
        self._connection: pika.SelectConnection | None = None
        self._channel = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._connect_error: BaseException | None = None
        self._batch: _Batch | None = None
        self._last_tag = 0

    # -- public API ---------------------------------------------------------------------------
    def publish_batch(self, messages: Sequence[OutgoingMessage]) -> None:
        """Publish every message; return once the broker confirmed them all, else raise."""
        if not messages:
            return
        with self._lock:
            self._ensure_open()
            batch = _Batch(messages)
            self._batch = batch
            try:
                self._connection.ioloop.add_callback_threadsafe(
                    lambda: self._publish_on_loop(batch))
                if not batch.done.wait(self.confirm_timeout):
                    batch.fail(PublishError(
                        f"{len(batch.outstanding)} of {len(messages)} messages unconfirmed "
                        f"after {self.confirm_timeout}s"))
            finally:
                self._batch = None
            if batch.error is not None:
                self._close_locked()  # the channel's state is unknown now: start afresh
                raise batch.error

    def close(self) -> None:
        with self._lock:
            self._close_locked()

    def __enter__(self) -> "RabbitPublisher":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- connection lifecycle (caller's thread, under the lock) --------------------------------
    def _ensure_open(self) -> None:
        if (self._thread is not None and self._thread.is_alive()
                and self._channel is not None and self._channel.is_open):
            return
        self._close_locked()
        self._ready.clear()
        self._connect_error = None
        connection = pika.SelectConnection(
            connection_parameters(self.amqp_url),
            on_open_callback=self._on_connection_open,
            on_open_error_callback=self._on_connection_open_error,
            on_close_callback=self._on_connection_closed,
        )
        self._connection = connection
        self._thread = threading.Thread(target=connection.ioloop.start,
                                        name="rabbit-publisher-io", daemon=True)
        self._thread.start()
        if not self._ready.wait(self.connect_timeout) or self._connect_error is not None:
            error = self._connect_error
            self._close_locked()
            raise PublishError(f"cannot connect to RabbitMQ: {error or 'timed out'}")

    def _close_locked(self) -> None:
        connection, thread = self._connection, self._thread
        self._connection = self._channel = self._thread = None
        if connection is None or thread is None:
            return
        if thread.is_alive():
            try:
                connection.ioloop.add_callback_threadsafe(self._close_on_loop(connection))
            except Exception:  # noqa: BLE001 - the loop is already gone
                pass
            thread.join(self.connect_timeout)

    @staticmethod
    def _close_on_loop(connection):
        def close() -> None:
            if connection.is_open:
                connection.close()
            elif connection.is_closed:
                connection.ioloop.stop()
        return close

    # -- I/O thread callbacks -----------------------------------------------------------------
    def _on_connection_open(self, connection) -> None:
        connection.channel(on_open_callback=self._on_channel_open)

    def _on_connection_open_error(self, connection, error) -> None:
        self._connect_error = error
        self._ready.set()
        connection.ioloop.stop()

    def _on_connection_closed(self, connection, reason) -> None:
        log.info("publisher connection closed: %s", reason)
        if self._batch is not None:
            self._batch.fail(PublishError(f"connection closed: {reason}"))
        if not self._ready.is_set():
            self._connect_error = reason
            self._ready.set()
        connection.ioloop.stop()

    def _on_channel_open(self, channel) -> None:
        self._channel = channel
        self._last_tag = 0
        channel.add_on_close_callback(self._on_channel_closed)
        channel.confirm_delivery(ack_nack_callback=self._on_confirm,
                                 callback=lambda _frame: self._on_confirm_selected(channel))

    def _on_confirm_selected(self, channel) -> None:
        channel.exchange_declare(exchange=self.exchange, exchange_type="topic", durable=True,
                                 callback=lambda _frame: self._ready.set())

    def _on_channel_closed(self, channel, reason) -> None:
        if not isinstance(reason, ChannelClosedByClient):
            log.warning("publisher channel closed: %s", reason)
        if self._batch is not None:
            self._batch.fail(PublishError(f"channel closed: {reason}"))
        if not self._ready.is_set():
            self._connect_error = reason
            self._ready.set()
        if channel.connection.is_open:
            channel.connection.close()

    def _publish_on_loop(self, batch: _Batch) -> None:
        channel = self._channel
        if channel is None or not channel.is_open:
            batch.fail(PublishError("channel is not open"))
            return
        try:
            for message in batch.messages:
                channel.basic_publish(
                    exchange=self.exchange,
                    routing_key=message.routing_key,
                    body=message.body,
                    properties=pika.BasicProperties(
                        delivery_mode=pika.DeliveryMode.Persistent,
                        content_type="application/json",
                        message_id=message.event_id,
                        type=message.event_type,
                    ),
                )
                self._last_tag += 1
                batch.outstanding.add(self._last_tag)
        except Exception as exc:  # noqa: BLE001 - reported to the caller
            batch.fail(PublishError(f"publish failed: {exc!r}"))
            return
        batch.published = True
        if not batch.outstanding:
            batch.done.set()

    def _on_confirm(self, frame) -> None:
        batch = self._batch
        if batch is None:
            return
        method = frame.method
        tag, multiple = method.delivery_tag, method.multiple
        if isinstance(method, pika.spec.Basic.Nack):
            batch.fail(PublishError(f"broker nacked delivery {tag}"))
            return
        if multiple:
            batch.outstanding = {t for t in batch.outstanding if t > tag}
        else:
            batch.outstanding.discard(tag)
        if batch.published and not batch.outstanding:
            batch.done.set()


__all__ = ["RabbitPublisher", "PublishError"]
