"""Event-bus benchmark: outbox -> relay -> RabbitMQ -> consumer -> inbox commit, next to raw pika.

    python bench/bus_throughput.py [--events 20000] [--rounds 3] [--rate 500] [--seconds 10]

Creates (and drops) its own PostgreSQL databases and RabbitMQ vhost on the servers the test
suite uses (``kinerja_shared.testing.servers``: KINERJA_TEST_DATABASE_URL / KINERJA_TEST_AMQP_URL
or the local defaults). Three measurements in one run, on the same broker; 1 and 2 alternate
``--rounds`` times and the medians are reported next to each round:

1. raw pika: the same message bodies published the way the relay publishes them (batches,
   pipelined confirms, persistent) into a quorum queue, consumed concurrently with manual acks;
2. Kinerja end to end: ``--events`` rows waiting in a producer's outbox, drained by an
   ``OutboxRelay`` with a ``RabbitPublisher`` (relay and consumer are processes of their own)
   and applied by a ``RabbitConsumer`` through an ``EventDispatcher`` whose set-wise handler
   writes one effect row per event; whatever has arrived (up to the batch size) is applied in
   one transaction with one inbox statement and one effect statement. CPU seconds of the relay
   and consumer processes and of the whole machine are reported per 1,000 events;
3. latency at a paced ``--rate`` events/s: four producer threads (like web workers) each commit
   one state change + event per transaction; latency is the event's ``occurred_at`` to the
   consumer's commit.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import statistics
import threading
import time
import uuid
from datetime import datetime, timezone

import pika
from sqlalchemy import Column, Integer, String, Table

from kinerja_shared.db import UnitOfWork, make_engine, make_session_factory, naming_metadata
from kinerja_shared.db.bulk import insert_rows
from kinerja_shared.events import EventEnvelope
from kinerja_shared.events.contracts.identity import UnorDiperbarui
from kinerja_shared.messaging import add_messaging_tables
from kinerja_shared.messaging.dispatcher import EventDispatcher, batch_handler
from kinerja_shared.messaging.rabbitmq import (
    RabbitConsumer,
    RabbitPublisher,
    connection_parameters,
    declare_topology,
)
from kinerja_shared.messaging.relay import OutboxRelay
from kinerja_shared.testing import servers

metadata = naming_metadata()
outbox, _inbox = add_messaging_tables(metadata)
unor = Table("unor", metadata, Column("id", String(36), primary_key=True),
             Column("nama", String(200), nullable=False))
effect = Table("effect", metadata, Column("id", Integer, primary_key=True, autoincrement=True),
               Column("event_id", String(36), nullable=False),
               Column("aggregate_id", String(100), nullable=False))
ROUTING_KEY = "identity.UnorDiperbarui"
PRODUCERS = int(os.environ.get("BENCH_PRODUCERS", "4"))  # concurrent producers in the latency run (a service has several web workers)


def make_envelopes(n: int) -> list[EventEnvelope]:
    return [
        EventEnvelope.wrap(
            UnorDiperbarui(id=str(uuid.uuid4()), instansi_id="bench", nama=f"Unor {i}",
                           jenis="struktural", eselon="III.a", kota="Jakarta"),
            aggregate_id=f"unor-{i}", instansi_id="bench")
        for i in range(n)
    ]


# -- 1. raw pika ----------------------------------------------------------------------------
def raw_publish(amqp_url: str, exchange: str, bodies: list[bytes], batch: int) -> float:
    """Publish like the relay does (a batch, then wait for all its confirms); return seconds."""
    state = {"next": 0, "tag": 0, "outstanding": set()}
    connection = None

    def publish_next(channel) -> None:
        start = state["next"]
        if start >= len(bodies):
            connection.close()
            return
        for body in bodies[start:start + batch]:
            channel.basic_publish(exchange, ROUTING_KEY, body, pika.BasicProperties(
                delivery_mode=2, content_type="application/json",
                message_id=str(uuid.uuid4()), type="UnorDiperbarui"))
            state["tag"] += 1
            state["outstanding"].add(state["tag"])
        state["next"] = start + batch

    def on_confirm(channel, frame) -> None:
        method = frame.method
        if isinstance(method, pika.spec.Basic.Nack):
            raise RuntimeError("nacked")
        if method.multiple:
            state["outstanding"] = {t for t in state["outstanding"] if t > method.delivery_tag}
        else:
            state["outstanding"].discard(method.delivery_tag)
        if not state["outstanding"]:
            publish_next(channel)

    def on_channel(channel) -> None:
        channel.confirm_delivery(lambda frame: on_confirm(channel, frame),
                                 callback=lambda _f: publish_next(channel))

    started = time.perf_counter()
    connection = pika.SelectConnection(
        connection_parameters(amqp_url),
        on_open_callback=lambda c: c.channel(on_open_callback=on_channel),
        on_close_callback=lambda c, _r: c.ioloop.stop())
    connection.ioloop.start()
    return time.perf_counter() - started


def raw_consume(amqp_url: str, queue: str, n: int, prefetch: int, done: threading.Event,
                ready: threading.Event, result: dict) -> None:
    connection = pika.BlockingConnection(connection_parameters(amqp_url))
    channel = connection.channel()
    channel.basic_qos(prefetch_count=prefetch)
    count = 0

    def on_message(ch, method, _properties, _body) -> None:
        nonlocal count
        ch.basic_ack(method.delivery_tag)
        count += 1
        if count == n:
            result["consumed_at"] = time.perf_counter()
            ch.stop_consuming()

    channel.basic_consume(queue, on_message)
    ready.set()
    channel.start_consuming()
    connection.close()
    done.set()


def bench_raw(amqp_url: str, bodies: list[bytes], *, batch: int, prefetch: int) -> dict:
    exchange, queue = "bench.raw", "bench-raw"
    connection = pika.BlockingConnection(connection_parameters(amqp_url))
    declare_topology(connection.channel(), exchange, queue, [ROUTING_KEY], 5)
    connection.close()
    publish_only = raw_publish(amqp_url, exchange, bodies, batch)  # nobody consuming yet
    done, ready, result = threading.Event(), threading.Event(), {}
    consume_start = time.perf_counter()
    threading.Thread(target=raw_consume, args=(amqp_url, queue, len(bodies), prefetch, done,
                                               ready, result), daemon=True).start()
    done.wait(600)
    consume_only = result["consumed_at"] - consume_start
    # publish and consume at once, as the pipeline does
    done, ready, result = threading.Event(), threading.Event(), {}
    threading.Thread(target=raw_consume, args=(amqp_url, queue, len(bodies), prefetch, done,
                                               ready, result), daemon=True).start()
    ready.wait(30)
    busy, started = machine_busy_seconds(), time.perf_counter()
    raw_publish(amqp_url, exchange, bodies, batch)
    done.wait(600)
    seconds = result["consumed_at"] - started
    busy = machine_busy_seconds() - busy
    return {"publish": len(bodies) / publish_only, "consume": len(bodies) / consume_only,
            "both": len(bodies) / seconds, "machine_cpu_ms": busy * 1e6 / len(bodies),
            "cores_busy": busy / seconds}


# -- 2. and 3. Kinerja ----------------------------------------------------------------------
class Probe:
    """Wraps the dispatcher: counts applied events and records commit latency."""

    def __init__(self, dispatcher: EventDispatcher, expected: int, *, latency: bool) -> None:
        self.inner = dispatcher
        self.latency = latency  # parsing each body again costs CPU: only when latency is asked
        self.routing_keys = dispatcher.routing_keys
        self.expected = expected
        self.count = 0
        self.latencies: list[float] = []
        self.done = threading.Event()

    def handle(self, body: bytes):
        outcome = self.inner.handle(body)
        self._committed([body])
        return outcome

    def handle_batch(self, bodies: list[bytes]):
        results = self.inner.handle_batch(bodies)
        self._committed(bodies)
        return results

    def _committed(self, bodies: list[bytes]) -> None:
        if self.latency:
            committed = datetime.now(timezone.utc)
            for body in bodies:
                occurred = datetime.fromisoformat(json.loads(body)["occurred_at"])
                self.latencies.append((committed - occurred).total_seconds())
        self.count += len(bodies)
        if self.count >= self.expected:
            self.done.set()


@batch_handler
def record_effect(events, uow: UnitOfWork) -> None:
    """One effect row per event, written set-wise: one statement for the run of events."""
    insert_rows(uow.session, effect, [
        {"event_id": str(envelope.event_id), "aggregate_id": envelope.aggregate_id}
        for _payload, envelope in events])


def consumer_for(amqp_url, consumer_engine, service, expected, prefetch, latency=False) -> tuple:
    session_factory = make_session_factory(consumer_engine)
    dispatcher = EventDispatcher(service, lambda: UnitOfWork(session_factory),
                                 {"UnorDiperbarui": record_effect})
    probe = Probe(dispatcher, expected, latency=latency)
    consumer = RabbitConsumer(amqp_url, service, probe, prefetch=prefetch)
    consumer.start()
    if not consumer.wait_ready(30):
        raise RuntimeError("consumer did not start")
    return consumer, probe


# Production runs the relay and the consumer as processes of their own (ARCHITECTURE.md,
# runtime modes), so the benchmark does too: no GIL shared between producer, relay, consumer.
def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine spent busy (all cores), from /proc/stat."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def consumer_process(amqp_url, db_url, service, expected, prefetch, latency, ready,
                     results) -> None:
    engine = make_engine(db_url)
    consumer, probe = consumer_for(amqp_url, engine, service, expected, prefetch, latency)
    cpu_start = cpu_seconds()
    ready.set()
    probe.done.wait(900)
    finished = time.monotonic()
    cpu = cpu_seconds() - cpu_start
    consumer.stop()
    engine.dispose()
    results.put({"count": probe.count, "finished": finished, "latencies": probe.latencies,
                 "cpu": cpu})


def relay_process(amqp_url, db_url, batch, poll, stop, ready, results) -> None:
    engine = make_engine(db_url)
    with RabbitPublisher(amqp_url) as publisher:
        relay = OutboxRelay(engine, publisher, batch_size=batch, poll_interval=poll)
        relay.run_once()  # connect to PostgreSQL before saying ready
        cpu_start = cpu_seconds()
        ready.set()
        relay.run_forever(stop)
        results.put(cpu_seconds() - cpu_start)
    engine.dispose()


class Pipeline:
    """A consumer process and a relay process around one producer database."""

    def __init__(self, amqp_url, producer_url, consumer_url, service, expected, *, batch,
                 prefetch, poll, latency=False) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.ready, self.stop, self.results = ctx.Event(), ctx.Event(), ctx.Queue()
        self.relay_results = ctx.Queue()
        self.consumer = ctx.Process(target=consumer_process, args=(
            amqp_url, consumer_url, service, expected, prefetch, latency, self.ready,
            self.results))
        self.relay_ready = ctx.Event()
        self.relay = ctx.Process(target=relay_process, args=(
            amqp_url, producer_url, batch, poll, self.stop, self.relay_ready,
            self.relay_results))
        self.expected = expected

    def start_consumer(self) -> None:
        self.consumer.start()
        if not self.ready.wait(60):
            raise RuntimeError("consumer did not start")

    def start_relay(self, *, wait: bool = False) -> None:
        """Start the relay process; with ``wait``, return once it runs (a process takes about
        a second to import and connect, which a latency run must not count)."""
        self.relay.start()
        if wait and not self.relay_ready.wait(60):
            raise RuntimeError("relay did not start")

    def result(self) -> dict:
        try:
            result = self.results.get(timeout=900)
        finally:
            self.stop.set()
            result_relay_cpu = self.relay_results.get(timeout=30)
            self.relay.join(30)
            self.consumer.join(30)
        result["relay_cpu"] = result_relay_cpu
        if result["count"] < self.expected:
            raise RuntimeError(f"only {result['count']} of {self.expected} events arrived")
        return result


def bench_throughput(amqp_url, producer_engine, consumer_url, envelopes, *, batch, prefetch,
                     poll) -> float:
    rows = [dict(event_id=str(e.event_id), event_type=e.event_type, routing_key=e.routing_key,
                 aggregate_id=e.aggregate_id, body=e.model_dump_json(),
                 created_at=datetime.now(timezone.utc), attempts=0) for e in envelopes]
    with producer_engine.begin() as conn:
        conn.execute(outbox.insert(), rows)
    pipeline = Pipeline(amqp_url, producer_engine.url.render_as_string(hide_password=False),
                        consumer_url, "bench-throughput", len(envelopes), batch=batch,
                        prefetch=prefetch, poll=poll)
    pipeline.start_consumer()
    busy, started = machine_busy_seconds(), time.monotonic()
    pipeline.start_relay()
    result = pipeline.result()
    seconds = result["finished"] - started
    busy = machine_busy_seconds() - busy  # until the processes stopped: a little generous
    per_k = 1000 / len(envelopes)
    return {"rate": len(envelopes) / seconds, "relay_cpu_ms": result["relay_cpu"] * per_k * 1000,
            "consumer_cpu_ms": result["cpu"] * per_k * 1000,
            "machine_cpu_ms": busy * per_k * 1000, "cores_busy": busy / seconds}


def bench_latency(amqp_url, producer_engine, consumer_url, *, rate, seconds, batch, prefetch,
                  poll) -> dict:
    total = int(rate * seconds)
    pipeline = Pipeline(amqp_url, producer_engine.url.render_as_string(hide_password=False),
                        consumer_url, "bench-latency", total, batch=batch, prefetch=prefetch,
                        poll=poll, latency=True)
    pipeline.start_consumer()
    pipeline.start_relay(wait=True)
    session_factory = make_session_factory(producer_engine)
    started = time.monotonic()

    def produce(offset: int) -> None:
        """Like web workers: each producer thread commits one state change + event at a time;
        together they offer ``rate`` events/s."""
        for i in range(offset, total, PRODUCERS):
            delay = started + i / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            event = UnorDiperbarui(id=str(uuid.uuid4()), instansi_id="bench", nama=f"Unor {i}")
            with UnitOfWork(session_factory) as uow:
                uow.session.execute(unor.insert().values(id=event.id, nama=event.nama))
                uow.add_event(event, aggregate_id=event.id, instansi_id="bench")
                uow.commit()

    threads = [threading.Thread(target=produce, args=(k,)) for k in range(PRODUCERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    produced_rate = total / (time.monotonic() - started)
    lat = sorted(pipeline.result()["latencies"])
    pct = statistics.quantiles(lat, n=100)
    return {"events": total, "produced_rate": produced_rate, "p50": pct[49] * 1000,
            "p95": pct[94] * 1000, "p99": pct[98] * 1000, "max": lat[-1] * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3,
                        help="throughput rounds (raw, then Kinerja, alternating); medians shown")
    parser.add_argument("--rate", type=float, default=500.0, help="paced events/s for latency")
    parser.add_argument("--seconds", type=float, default=10.0, help="latency run length")
    parser.add_argument("--latency-rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=500, help="relay batch size")
    parser.add_argument("--prefetch", type=int, default=200)
    parser.add_argument("--poll-interval", type=float, default=0.05)
    parser.add_argument("--latency-only", action="store_true",
                        help="run only the paced latency measurement, on fresh databases")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]

    pg_server, amqp_server = servers.postgres_server_url(), servers.amqp_server_url()
    amqp_url = servers.create_vhost(amqp_server, "kinerja-bench")
    db_urls = [servers.create_database(pg_server, "kinerja_bench") for _ in range(2)]
    engines = [make_engine(url) for url in db_urls]
    raws, e2es, lats = [], [], []
    try:
        for engine in engines:
            metadata.create_all(engine)
        producer_engine = engines[0]
        opts = dict(batch=args.batch_size, prefetch=args.prefetch, poll=args.poll_interval)
        for _ in range(0 if args.latency_only else args.rounds):
            # alternating in the same run, so a change in the machine's load hits both sides
            raws.append(bench_raw(amqp_url, [e.to_json() for e in make_envelopes(args.events)],
                                  batch=args.batch_size, prefetch=args.prefetch))
            e2es.append(bench_throughput(amqp_url, producer_engine, db_urls[1],
                                         make_envelopes(args.events), **opts))
        for _ in range(args.latency_rounds):
            lats.append(bench_latency(amqp_url, producer_engine, db_urls[1], rate=args.rate,
                                      seconds=args.seconds, **opts))
    finally:
        for engine in engines:
            engine.dispose()
        for url in db_urls:
            servers.drop_database(url)
        servers.delete_vhost(amqp_url)

    body = len(make_envelopes(1)[0].to_json())
    print(f"\nEvent bus, {args.events} events of ~{body} bytes x {len(e2es)} rounds; "
          f"{os.cpu_count()} CPUs, {platform.python_implementation()} "
          f"{platform.python_version()}, pika {pika.__version__}; relay batch "
          f"{args.batch_size}, poll {args.poll_interval}s, prefetch {args.prefetch}; "
          f"load average {load_before:.2f} before the run, "
          f"{os.getloadavg()[0]:.2f} after\n")
    print("| measurement | result (median of rounds; each round) | goal |")
    print("|---|---|---|")
    if e2es:
        print_throughput(raws, e2es)
    for lat in lats:
        print(f"| latency at {lat['produced_rate']:,.0f} events/s ({lat['events']} events): p50 / "
              f"p95 / p99 / max | {lat['p50']:.1f} / {lat['p95']:.1f} / {lat['p99']:.1f} / "
              f"{lat['max']:.1f} ms | p95 < 100 ms |")


def _median(rows: list[dict], key: str) -> float:
    return statistics.median(row[key] for row in rows)


def _each(values) -> str:
    return ", ".join(f"{v:,.0f}" for v in values)


def print_throughput(raws: list[dict], e2es: list[dict]) -> None:
    for key, label in (("publish", "raw pika publish (batches, pipelined confirms), quorum queue"),
                       ("consume", "raw pika consume (manual acks)"),
                       ("both", "raw pika publish + consume at once")):
        print(f"| {label} | {_median(raws, key):,.0f} msg/s ({_each(r[key] for r in raws)}) | |")
    raw, e2e = _median(raws, "both"), _median(e2es, "rate")
    print(f"| Kinerja outbox -> relay -> RabbitMQ -> consumer -> inbox commit | {e2e:,.0f} events/s "
          f"({_each(r['rate'] for r in e2es)}) | >= 1,000 and >= half of raw ({raw / 2:,.0f}) |")
    ratios = ", ".join(f"{e['rate'] / r['both']:.0%}" for r, e in zip(raws, e2es))
    print(f"| ratio end to end / raw pika (publish + consume) | {e2e / raw:.0%} (rounds: {ratios}) "
          f"| >= 50% |")
    print(f"| CPU per 1,000 messages, raw publish + consume: whole machine "
          f"({_median(raws, 'cores_busy'):.2f} cores busy) | {_median(raws, 'machine_cpu_ms'):,.0f} "
          f"ms | |")
    print(f"| CPU per 1,000 events, Kinerja: whole machine "
          f"({_median(e2es, 'cores_busy'):.2f} cores busy) / relay process / consumer process | "
          f"{_median(e2es, 'machine_cpu_ms'):,.0f} / {_median(e2es, 'relay_cpu_ms'):,.0f} / "
          f"{_median(e2es, 'consumer_cpu_ms'):,.0f} ms | |")


if __name__ == "__main__":
    main()
