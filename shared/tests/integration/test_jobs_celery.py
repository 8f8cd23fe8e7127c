"""Celery job runner against a real RabbitMQ vhost, a real worker and real PostgreSQL."""
from __future__ import annotations

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun

from kinerja_shared.db import make_engine, make_session_factory, naming_metadata
from kinerja_shared.jobs import (
    BERJALAN,
    GAGAL,
    SELESAI,
    CeleryJobRunner,
    JobContext,
    JobRegistry,
    JobStore,
    add_job_table,
    job_queue_name,
    make_celery_app,
)

WAIT_SECONDS = 60  # upper bound for polling loops; tests never assert on durations


def wait_for(check, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


SERVICE = f"uji-{uuid.uuid4().hex[:8]}"  # its own queue, whatever else shares the vhost
runs: list[str] = []
registry = JobRegistry()


@registry.task("uji.jumlahkan")
def jumlahkan(ctx: JobContext, *, angka: list[int]) -> dict:
    runs.append(ctx.job_id)
    ctx.set_total(len(angka))
    for _ in angka:
        ctx.advance()
    return {"jumlah": sum(angka)}


@registry.task("uji.gagal")
def gagal(ctx: JobContext, *, periode_id: str) -> None:
    runs.append(ctx.job_id)
    raise ValueError(f"periode {periode_id} tidak ditemukan")


@pytest.fixture(scope="module")
def session_factory(make_pg_database):
    engine = make_engine(make_pg_database("kinerja_jobs"))
    metadata = naming_metadata()
    add_job_table(metadata)
    metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture(scope="module")
def app(amqp_url, session_factory):
    app = make_celery_app(SERVICE, amqp_url, registry, session_factory)
    # The embedded test worker notices a stop request on its next heartbeat tick; a short
    # heartbeat lets each worker start and stop promptly. Nothing else depends on it.
    app.conf.broker_heartbeat = 2
    yield app
    app.close()


@pytest.fixture
def runner(app, session_factory):
    return CeleryJobRunner(app, session_factory, registry)


@pytest.fixture
def executed():
    """(job_id, outcome, redelivered) for every job message the worker handled."""
    seen: list[tuple[str, str, bool]] = []

    def record(sender=None, args=None, retval=None, **_):
        delivery = sender.request.delivery_info or {}
        seen.append((args[0], retval, bool(delivery.get("redelivered"))))

    task_postrun.connect(record, weak=False)
    yield seen
    task_postrun.disconnect(record)


@pytest.fixture
def worker(app):
    with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False,
                      shutdown_timeout=30) as worker:
        yield worker


def finished(store_or_runner, job_id):
    job = store_or_runner.get(job_id)
    return job if job["status"] in (SELESAI, GAGAL) else None


def deliver_and_lose(app, job_id: str) -> None:
    """Put a message for ``job_id`` on the queue and have a 'worker' take it and die unacked.

    RabbitMQ then requeues it marked redelivered, exactly as after a lost Celery worker.
    """
    app.tasks[app.conf.kinerja_job_task].apply_async(args=[job_id])
    with app.connection_for_write() as conn:
        queue = app.amqp.queues[job_queue_name(SERVICE)](conn.default_channel)
        message = wait_for(lambda: queue.get(no_ack=False), "the job message")
        assert message.delivery_info["redelivered"] is False
    # the connection closed without an ack: the broker requeues the message


def test_the_service_has_its_own_job_queue(app):
    queue = app.amqp.queues[f"{SERVICE}.jobs"]
    assert queue.queue_arguments["x-queue-type"] == "quorum"
    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    assert app.conf.worker_prefetch_multiplier == 1


def test_a_submitted_job_runs_on_a_worker_and_ends_selesai(runner, worker):
    job_id = runner.submit("uji.jumlahkan", {"angka": [1, 2, 3, 4]}, instansi_id="i-1",
                           dibuat_oleh="p-1")

    job = wait_for(lambda: finished(runner, job_id), "the job to finish")

    assert job["status"] == SELESAI
    assert job["hasil"] == {"jumlah": 10}
    assert (job["progres"], job["selesai"], job["total"], job["percobaan"]) == (100, 4, 4, 1)
    assert (job["instansi_id"], job["dibuat_oleh"]) == ("i-1", "p-1")


def test_a_failing_job_ends_gagal_with_its_error(runner, worker):
    job_id = runner.submit("uji.gagal", {"periode_id": "2026-2"})

    job = wait_for(lambda: finished(runner, job_id), "the job to finish")

    assert job["status"] == GAGAL
    assert job["error"] == "ValueError: periode 2026-2 tidak ditemukan"


def test_a_redelivered_message_of_a_finished_job_does_not_run_it_again(
        app, runner, session_factory, executed):
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        job_id = runner.submit("uji.jumlahkan", {"angka": [7]})
        wait_for(lambda: finished(runner, job_id), "the job to finish")
    assert runs.count(job_id) == 1

    deliver_and_lose(app, job_id)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        wait_for(lambda: (job_id, "skipped", True) in executed, "the redelivered message")

    assert runs.count(job_id) == 1
    job = runner.get(job_id)
    assert (job["status"], job["hasil"], job["percobaan"]) == (SELESAI, {"jumlah": 7}, 1)


def test_a_redelivered_message_of_a_job_whose_worker_died_runs_it_again(
        app, runner, session_factory, executed):
    store = JobStore(session_factory)
    job_id = store.insert("uji.jumlahkan", {"angka": [2, 3]}, instansi_id=None,
                          dibuat_oleh=None)
    store.claim(job_id, take_over_running=False)  # a worker took the job and died mid-way
    assert store.get(job_id)["status"] == BERJALAN

    deliver_and_lose(app, job_id)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        job = wait_for(lambda: finished(runner, job_id), "the job to finish")

    assert (job_id, "selesai", True) in executed
    assert (job["status"], job["hasil"], job["percobaan"]) == (SELESAI, {"jumlah": 5}, 2)
