"""``kinerja`` command: run any piece of any installed service.

    kinerja embedded [--port 8080] [--data-dir ./var]   all services in one process (make run)
    kinerja migrate [SERVICE ...]                        apply migrations and first-start set-up
    kinerja relay SERVICE                                outbox relay to RabbitMQ
    kinerja consume SERVICE                              RabbitMQ consumer of the service's events
    kinerja worker SERVICE                               Celery worker of the service's jobs
    kinerja republish SERVICE [--only TYPE ...]          stage every current snapshot again
                                                         (for a consumer that came later)
    kinerja services [--events]                          list installed services (and events)
    kinerja SERVICE COMMAND ...                          a service's own commands, if it has any
                                                         (e.g. kinerja identity keys rotate;
                                                         kinerja SERVICE --help lists them)
"""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading

from ..config import ServiceSettings
from ..web.logging_setup import setup_logging
from .definition import installed_services, load_definitions
from .runtime import ServiceRuntime

log = logging.getLogger("kinerja")


def _runtime(name: str) -> ServiceRuntime:
    definitions = load_definitions([name])
    if name not in definitions:
        sys.exit(f"layanan tidak dikenal: {name} (terpasang: {', '.join(load_definitions())})")
    settings = ServiceSettings.from_env(name)
    setup_logging(name, settings.log_format)
    return ServiceRuntime(definitions[name], settings)


def _stop_event() -> threading.Event:
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    return stop


def cmd_migrate(args) -> None:
    """Apply migrations, declare the service's queues (RabbitMQ mode), then its first-start
    set-up (e.g. identity's first admin and signing key); all idempotent, so the one-shot
    migrate process runs them on every deploy, before any relay or consumer starts."""
    names = args.services or list(load_definitions())
    for name in names:
        runtime = _runtime(name)
        runtime.migrate()
        if runtime.settings.bus == "rabbitmq":
            runtime.declare_topology()
        if runtime.definition.on_start is not None:
            runtime.definition.on_start(runtime)
        runtime.dispose()
        print(f"{name}: migrasi selesai")


def cmd_relay(args) -> None:
    runtime = _runtime(args.service)
    stop = _stop_event()
    log.info("outbox relay of %s started", args.service)
    runtime.relay.run_forever(stop)


def cmd_consume(args) -> None:
    from ..messaging.rabbitmq import RabbitConsumer

    runtime = _runtime(args.service)
    s = runtime.settings
    consumer = RabbitConsumer(s.amqp_url, runtime.name, runtime.dispatcher, prefetch=s.prefetch,
                              delivery_limit=s.delivery_limit, exchange=s.exchange,
                              batch_size=s.consumer_batch_size)
    stop = _stop_event()
    threading.Thread(target=lambda: (stop.wait(), consumer.stop()), daemon=True).start()
    consumer.run()


def cmd_worker(args) -> None:
    from ..jobs import JobSweeper, attach_sweeper, make_celery_app

    runtime = _runtime(args.service)
    if runtime.definition.jobs is None:
        sys.exit(f"{args.service} tidak memiliki pekerjaan latar belakang")
    s = runtime.settings
    app = make_celery_app(runtime.name, s.amqp_url, runtime.definition.jobs,
                          runtime.session_factory)
    if s.job_sweep_interval > 0:  # jobs committed but never enqueued (jobs/sweeper.py)
        attach_sweeper(app, JobSweeper(app, runtime.session_factory, after=s.job_sweep_after,
                                       interval=s.job_sweep_interval))
    app.worker_main(["worker", "--loglevel=INFO", f"--queues={runtime.name}.jobs",
                     f"--concurrency={args.concurrency}"])


def cmd_embedded(args) -> None:
    from .embedded import serve

    serve(host=args.host, port=args.port, data_dir=args.data_dir)


def cmd_republish(args) -> None:
    from ..messaging.republish import republish

    runtime = _runtime(args.service)
    try:
        counts = republish(runtime, only=set(args.only or ()) or None)
    except LookupError as exc:
        sys.exit(str(exc))
    finally:
        runtime.dispose()
    for event_type, count in sorted(counts.items()):
        print(f"{event_type}: {count}")
    print(f"{sum(counts.values())} snapshot(s) in the outbox of {args.service}; "
          "its relay publishes them")


def cmd_services(args) -> None:
    for name, d in load_definitions().items():
        own = f"  (perintah: kinerja {name} --help)" if d.commands is not None else ""
        print(f"{name:<13} /api/{d.url_prefix:<13} {d.title}{own}")
        if args.events:
            flows = event_flows(d)
            print(f"  publishes: {', '.join(flows['publishes']) or '-'}")
            print(f"  consumes:  {', '.join(flows['consumes']) or '-'}")


def event_flows(definition) -> dict[str, list[str]]:
    """What a service publishes (its declared list) and consumes (its subscription list plus
    the platform's), without touching a database."""
    import dataclasses

    from ..config import ServiceSettings

    settings = dataclasses.replace(ServiceSettings.from_env(definition.name, {}),
                                   database_url="sqlite://")
    runtime = ServiceRuntime(definition, settings, publisher=object())
    try:
        consumes = sorted(runtime.dispatcher.handlers)
    finally:
        runtime.dispose()
    return {"publishes": sorted(definition.published_event_types), "consumes": consumes}


def cmd_service(args) -> int | None:
    """A command a service contributed (ServiceDefinition.commands), on a runtime of it."""
    if getattr(args, "run", None) is None:
        sys.exit(f"{args.service} tidak memiliki perintah sendiri")
    runtime = _runtime(args.service)
    try:
        return args.run(runtime, args)
    finally:
        runtime.dispose()


def _add_service_commands(sub, argv: list[str], builtins: set[str]) -> None:
    """`kinerja <service> ...` for every installed service; only the service named on the
    command line is imported and asked for its commands (the others stay unloaded)."""
    for name in installed_services():
        if name in builtins:
            continue
        p = sub.add_parser(name, help=f"perintah layanan {name}, bila ada")
        p.set_defaults(func=cmd_service, service=name, run=None)
        if argv[:1] == [name]:
            definition = load_definitions([name])[name]
            if definition.commands is not None:
                definition.commands(p)


def main(argv: list[str] | None = None) -> int | None:
    parser = argparse.ArgumentParser(prog="kinerja", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("embedded")
    p.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    p.add_argument("--data-dir", default=os.environ.get("KINERJA_DATA_DIR", "./var"))
    p.set_defaults(func=cmd_embedded)
    p = sub.add_parser("migrate")
    p.add_argument("services", nargs="*")
    p.set_defaults(func=cmd_migrate)
    for name, func in (("relay", cmd_relay), ("consume", cmd_consume)):
        p = sub.add_parser(name)
        p.add_argument("service")
        p.set_defaults(func=func)
    p = sub.add_parser("worker")
    p.add_argument("service")
    p.add_argument("--concurrency", type=int, default=2)
    p.set_defaults(func=cmd_worker)
    p = sub.add_parser("republish", help="stage every current snapshot of a service again")
    p.add_argument("service")
    p.add_argument("--only", nargs="*", metavar="EVENT_TYPE")
    p.set_defaults(func=cmd_republish)
    p = sub.add_parser("services")
    p.add_argument("--events", action="store_true",
                   help="also list the events each service publishes and consumes")
    p.set_defaults(func=cmd_services)
    argv = sys.argv[1:] if argv is None else list(argv)
    _add_service_commands(sub, argv, set(sub.choices))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
