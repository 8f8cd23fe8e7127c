"""Queue topology on a real RabbitMQ: bindings follow the subscription list, and a queue whose
arguments changed fails with a message saying what to do."""
from __future__ import annotations

import logging
import re
from pathlib import Path
from types import SimpleNamespace

import pika
import pytest
from sqlalchemy import MetaData

from kinerja_shared.config import ServiceSettings
from kinerja_shared.messaging.rabbitmq import RabbitConsumer, connection_parameters
from kinerja_shared.messaging.rabbitmq_topology import (
    TopologyMismatch,
    declare_topology,
    known_routing_keys,
)
from kinerja_shared.runtime.definition import ServiceDefinition
from kinerja_shared.runtime.runtime import ServiceRuntime

DEPLOYMENT_MD = Path(__file__).resolve().parents[3] / "docs" / "DEPLOYMENT.md"
EXCHANGE = "kinerja.events"
A = "identity.UnorDiperbarui"
B = "identity.UnorDihapus"


@pytest.fixture
def channel(amqp_url):
    connection = pika.BlockingConnection(connection_parameters(amqp_url))
    channel = connection.channel()
    yield channel
    if connection.is_open:
        connection.close()


def routed(channel, queue: str, *keys: str) -> set[str]:
    """Publish one message per key (confirmed, so routing is done) and return the routing keys
    of what reached ``queue``, which is emptied."""
    channel.confirm_delivery()
    for key in keys:
        channel.basic_publish(EXCHANGE, key, b"{}")
    got = []
    while (message := channel.basic_get(queue, auto_ack=True))[0] is not None:
        got.append(message[0].routing_key)
    assert len(got) == len(set(got))
    return set(got)


def test_every_subscribable_key_is_known():
    assert {A, B} <= known_routing_keys()


def test_redeclaring_without_a_key_removes_its_binding(channel, service_name):
    declare_topology(channel, EXCHANGE, service_name, [A, B], 5, prune=True)
    assert routed(channel, service_name, A, B) == {A, B}

    declare_topology(channel, EXCHANGE, service_name, [A], 5, prune=True)

    assert routed(channel, service_name, A, B) == {A}


def test_a_consumer_connecting_never_removes_bindings(channel, service_name):
    """An old consumer reconnecting during a rolling deploy declares its older, shorter list;
    the binding the new release's migration added stays."""
    declare_topology(channel, EXCHANGE, service_name, [A, B], 5, prune=True)

    declare_topology(channel, EXCHANGE, service_name, [A], 5)  # prune defaults to False

    assert routed(channel, service_name, A, B) == {A, B}


def test_migration_declares_and_prunes_from_the_subscription_list(amqp_url, service_name,
                                                                  channel, tmp_path):
    def runtime_handling(*event_types: str) -> ServiceRuntime:
        definition = ServiceDefinition(
            name=service_name, url_prefix=service_name, title="uji", description="",
            metadata=MetaData(), migrations_dir=Path(tmp_path),
            handlers=lambda rt: {t: lambda *args: None for t in event_types})
        settings = ServiceSettings(service_name, f"sqlite:///{tmp_path}/uji.db",
                                   bus="rabbitmq", amqp_url=amqp_url)
        return ServiceRuntime(definition, settings)

    for event_types, expected in ((("UnorDiperbarui", "UnorDihapus"), {A, B}),
                                  (("UnorDiperbarui",), {A})):
        runtime = runtime_handling(*event_types)
        try:
            runtime.declare_topology()
        finally:
            runtime.dispose()
        assert routed(channel, service_name, A, B) == expected


def test_changing_the_delivery_limit_fails_saying_what_to_do(amqp_url, channel, service_name,
                                                             caplog):
    declare_topology(channel, EXCHANGE, service_name, [A], 5)
    connection = pika.BlockingConnection(connection_parameters(amqp_url))
    try:
        with caplog.at_level(logging.ERROR), pytest.raises(TopologyMismatch) as raised:
            declare_topology(connection.channel(), EXCHANGE, service_name, [A], 7)
    finally:
        if connection.is_open:
            connection.close()

    message = str(raised.value)
    assert f"queue {service_name!r} already exists with other arguments" in message
    assert "x-delivery-limit=7" in message and "PRECONDITION_FAILED" in message
    assert "docs/DEPLOYMENT.md" in message and "KINERJA_DELIVERY_LIMIT" in message
    section = re.search(r'DEPLOYMENT\.md, "([^"]+)"', message).group(1)
    assert f"### {section}\n" in DEPLOYMENT_MD.read_text()  # the procedure it points to exists
    assert message in caplog.text
    # the queue and its binding are untouched
    assert routed(channel, service_name, A) == {A}


def test_a_consumer_whose_queue_has_other_arguments_stops_instead_of_reconnecting(
        amqp_url, channel, service_name):
    declare_topology(channel, EXCHANGE, service_name, [A], 5)
    dispatcher = SimpleNamespace(routing_keys=[A])  # never reached: declaring fails first
    consumer = RabbitConsumer(amqp_url, service_name, dispatcher, delivery_limit=7)

    with pytest.raises(TopologyMismatch):
        consumer.run()

    assert consumer.connections_made == 1
