"""RabbitPublisher on a real broker: confirms, failures that must raise, recovery, threads."""
from __future__ import annotations

import threading
import uuid

import pika
import pytest

from kinerja_shared.messaging.outbox import OutgoingMessage
from kinerja_shared.messaging.rabbitmq import (
    PublishError,
    RabbitPublisher,
    connection_parameters,
    declare_topology,
)

KEY = "identity.UnorDiperbarui"


def messages(n: int) -> list[OutgoingMessage]:
    return [OutgoingMessage(str(uuid.uuid4()), "UnorDiperbarui", KEY, b"{}") for _ in range(n)]


@pytest.fixture
def channel(vhost_url, service_name):
    connection = pika.BlockingConnection(connection_parameters(vhost_url))
    channel = connection.channel()
    declare_topology(channel, "kinerja.events", service_name, [KEY], 5)
    yield channel
    if connection.is_open:
        connection.close()


def test_published_messages_are_persistent_and_carry_their_identity(
        bus, vhost_url, service_name, channel, running):
    publisher = RabbitPublisher(vhost_url)
    running(publisher)
    [message] = messages(1)
    publisher.publish_batch([message])
    method, properties, body = channel.basic_get(service_name, auto_ack=True)
    assert body == message.body
    assert properties.delivery_mode == 2
    assert properties.content_type == "application/json"
    assert properties.message_id == message.event_id
    assert properties.type == "UnorDiperbarui"


def test_a_message_nobody_subscribes_to_is_not_an_error(vhost_url, running):
    publisher = RabbitPublisher(vhost_url)
    running(publisher)
    publisher.publish_batch([OutgoingMessage(str(uuid.uuid4()), "Nobody", "nobody.Nobody", b"{}")])


def test_a_failed_batch_raises_and_the_next_call_starts_afresh(
        bus, vhost_url, service_name, channel, running):
    publisher = RabbitPublisher(vhost_url)
    running(publisher)
    publisher.publish_batch(messages(10))
    channel.exchange_delete("kinerja.events")  # the broker now closes the publisher's channel

    with pytest.raises(PublishError):
        publisher.publish_batch(messages(10))

    declare_topology(channel, "kinerja.events", service_name, [KEY], 5)
    publisher.publish_batch(messages(10))  # reconnected, exchange declared again
    assert bus.wait_until(lambda: bus.queue_depth(vhost_url, service_name) == 20)


def test_a_publisher_shared_by_threads_gets_every_batch_confirmed(
        bus, vhost_url, service_name, channel, running):
    publisher = RabbitPublisher(vhost_url)
    running(publisher)
    errors: list[BaseException] = []

    def publish() -> None:
        try:
            for _ in range(5):
                publisher.publish_batch(messages(200))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=publish) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert bus.wait_until(lambda: bus.queue_depth(vhost_url, service_name) == 4000)
