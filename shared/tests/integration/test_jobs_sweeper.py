"""The job sweeper against a real RabbitMQ vhost, real Celery workers and real PostgreSQL: a job
committed but never enqueued runs; a job waiting its turn on the queue is left alone."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from sqlalchemy import update

from kinerja_shared.db import make_engine, make_session_factory, naming_metadata
from kinerja_shared.jobs import (
    BERJALAN,
    MENUNGGU,
    SELESAI,
    CeleryJobRunner,
    JobContext,
    JobRegistry,
    JobStore,
    JobSweeper,
    add_job_table,
    attach_sweeper,
    job_queue_name,
    make_celery_app,
)
from kinerja_shared.jobs.store import job as job_table

WAIT_SECONDS = 60  # upper bound for polling loops; tests never assert on durations
SERVICE = f"uji-sapu-{uuid.uuid4().hex[:8]}"
runs: list[str] = []
registry = JobRegistry()


@registry.task("uji.catat")
def catat(ctx: JobContext) -> dict:
    runs.append(ctx.job_id)
    return {"ok": True}


def wait_for(check, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while not (value := check()):
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)
    return value


@pytest.fixture(scope="module")
def session_factory(make_pg_database):
    engine = make_engine(make_pg_database("kinerja_sweep"))
    metadata = naming_metadata()
    add_job_table(metadata)
    metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


def new_app(amqp_url, session_factory, service: str = SERVICE):
    app = make_celery_app(service, amqp_url, registry, session_factory)
    app.conf.broker_heartbeat = 2  # the embedded test worker stops on its next tick
    return app


@pytest.fixture(scope="module")
def app(amqp_url, session_factory):
    app = new_app(amqp_url, session_factory)
    yield app
    app.close()


@pytest.fixture(autouse=True)
def empty(app, session_factory):
    """Each test starts with no job rows and no job messages."""
    with session_factory.begin() as session:
        session.execute(job_table.delete())
    with app.connection_for_write() as conn:
        queue = app.amqp.queues[job_queue_name(SERVICE)](conn.default_channel)
        queue.declare()
        queue.purge()
    runs.clear()


@pytest.fixture
def store(session_factory):
    return JobStore(session_factory)


@pytest.fixture
def executed():
    """(job_id, outcome) for every job message a worker handled."""
    seen: list[tuple[str, str]] = []

    def record(sender=None, args=None, retval=None, **_):
        seen.append((args[0], retval))

    task_postrun.connect(record, weak=False)
    yield seen
    task_postrun.disconnect(record)


def worker(app):
    return start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30)


def lost_job(store, *, waited: timedelta = timedelta(hours=1)) -> str:
    """A MENUNGGU row whose message was never published (the web process died), ``waited`` ago."""
    job_id = store.insert("uji.catat", {}, instansi_id=None, dibuat_oleh=None)
    with store._session_factory.begin() as session:
        session.execute(update(job_table).where(job_table.c.id == job_id)
                        .values(dibuat_at=datetime.now(timezone.utc) - waited))
    return job_id


def ready_messages(app) -> int:
    with app.connection_for_read() as conn:
        return conn.default_channel.queue_declare(job_queue_name(SERVICE),
                                                  passive=True).message_count


def test_a_job_that_never_reached_the_queue_is_enqueued_and_runs_once(app, store,
                                                                     session_factory):
    job_id = lost_job(store)
    sweeper = JobSweeper(app, session_factory, after=60)

    assert sweeper.sweep() == [job_id]
    assert sweeper.sweep() == []  # remembered: its wait counts from the new message
    with worker(app):
        job = wait_for(lambda: (j := store.get(job_id))["status"] == SELESAI and j,
                       "the swept job to finish")

    assert runs == [job_id]
    assert job["percobaan"] == 1


def test_recent_jobs_and_jobs_queued_behind_others_are_left_alone(app, store, session_factory):
    runner = CeleryJobRunner(app, session_factory, registry)
    queued = runner.submit("uji.catat")
    with store._session_factory.begin() as session:  # waiting its turn for an hour
        session.execute(update(job_table).where(job_table.c.id == queued)
                        .values(dibuat_at=datetime.now(timezone.utc) - timedelta(hours=1)))
    lost_job(store, waited=timedelta(seconds=10))  # lost, but not for long enough yet
    sweeper = JobSweeper(app, session_factory, after=60)

    assert sweeper.sweep() == []
    assert ready_messages(app) == 1


def test_a_lost_job_is_found_while_a_backlog_waits_once_newer_jobs_have_started(
        app, store, session_factory):
    runner = CeleryJobRunner(app, session_factory, registry)
    lost = lost_job(store)
    started = store.insert("uji.catat", {}, instansi_id=None, dibuat_oleh=None)
    store.claim(started, take_over_running=False)  # a worker took a job submitted after it
    backlog = runner.submit("uji.catat")  # and the queue still holds work
    sweeper = JobSweeper(app, session_factory, after=60)

    assert sweeper.sweep() == [lost]

    assert ready_messages(app) == 2
    assert {store.get(j)["status"] for j in (lost, backlog)} == {MENUNGGU}
    assert store.get(started)["status"] == BERJALAN


def test_a_job_enqueued_twice_runs_once(app, store, session_factory, executed):
    runner = CeleryJobRunner(app, session_factory, registry)
    job_id = runner.submit("uji.catat")
    runner._enqueue(job_id)  # e.g. a sweeper of another replica also took it for lost

    with worker(app):
        wait_for(lambda: len([e for e in executed if e[0] == job_id]) == 2, "both messages")

    assert runs == [job_id]
    assert sorted(outcome for j, outcome in executed if j == job_id) == ["selesai", "skipped"]


def test_every_worker_runs_a_sweeper_while_it_runs(amqp_url, store, session_factory):
    # an app of its own: a step added to an app stays on it
    app = new_app(amqp_url, session_factory, f"{SERVICE}-b")
    sweeper = JobSweeper(app, session_factory, after=0, interval=0.1)
    attach_sweeper(app, sweeper)
    try:
        with worker(app):
            assert sweeper.running
            job_id = lost_job(store)
            wait_for(lambda: store.get(job_id)["status"] == SELESAI, "the sweeper to find it")
        assert not sweeper.running
        assert runs == [job_id]
    finally:
        sweeper.stop()
        app.close()


WORKER_SCRIPT = '''
import os, sys
from pathlib import Path
from sqlalchemy import MetaData
from kinerja_shared.jobs import JobRegistry, add_job_table
from kinerja_shared.runtime import cli
from kinerja_shared.runtime.definition import ServiceDefinition

registry = JobRegistry()

@registry.task("uji.catat")
def catat(ctx):
    return {"pid": os.getpid()}

metadata = MetaData()
add_job_table(metadata)
name = sys.argv[1]
definition = ServiceDefinition(name=name, url_prefix=name, title="uji", description="",
                               metadata=metadata, migrations_dir=Path("."), jobs=registry)
cli.load_definitions = lambda names=None: {name: definition}
cli.main(["worker", name, "--concurrency", "1"])
'''


def test_kinerja_worker_sweeps_from_its_main_process_beside_prefork_children(
        amqp_url, make_pg_database, tmp_path):
    """The production shape: `kinerja worker` (prefork pool) with its sweeper settings."""
    name = f"ujisapu{uuid.uuid4().hex[:6]}"
    database_url = make_pg_database("kinerja_sweep")
    engine = make_engine(database_url)
    metadata = naming_metadata()
    add_job_table(metadata)
    metadata.create_all(engine)
    store = JobStore(make_session_factory(engine))
    job_id = lost_job(store)
    script = tmp_path / "worker.py"
    script.write_text(WORKER_SCRIPT)
    env = {**os.environ, "KINERJA_AMQP_URL": amqp_url, "KINERJA_BUS": "rabbitmq",
           "KINERJA_JOBS": "celery", f"KINERJA_{name.upper()}_DATABASE_URL": database_url,
           "KINERJA_JOB_SWEEP_AFTER": "1", "KINERJA_JOB_SWEEP_INTERVAL": "0.2"}
    log = (tmp_path / "worker.log").open("w")
    proc = subprocess.Popen([sys.executable, str(script), name], env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        job = wait_for(lambda: (j := store.get(job_id))["status"] == SELESAI and j,
                       "the worker's sweeper to run the lost job")
        proc.send_signal(signal.SIGTERM)  # warm shutdown
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        log.close()
        engine.dispose()
    output = (tmp_path / "worker.log").read_text()
    assert job["hasil"]["pid"] != proc.pid, "the job ran in a pool child"
    assert f"job {job_id} waited since" in output, output
